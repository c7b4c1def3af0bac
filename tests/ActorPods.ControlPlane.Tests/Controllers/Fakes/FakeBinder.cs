using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.Controllers.Fakes;

/// <summary>
/// A trivial stand-in for the scheduler: binds each unbound pod to the Ready node without NoSchedule/NoExecute taints
/// that has the fewest pods (ties by name), by writing spec.nodeName.
/// </summary>
public sealed class FakeBinder : Actor
{
    private readonly IActorRef _api;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> _pods = new(StringComparer.Ordinal);
    private long _nodeWatch;

    public FakeBinder(IActorRef api)
    {
        _api = api;
        Receive<WatchResult>(r =>
        {
            if (_nodeWatch == 0) _nodeWatch = r.WatchId;
        });
        Receive<ObjectResult>(_ => { });
        Receive<ActorPods.ControlPlane.ApiServer.WatchEvent>(e =>
        {
            if (e.Object is Node n)
            {
                if (e.Type == WatchEventType.Deleted) _nodes.Remove(n.Metadata!.Name!);
                else _nodes[n.Metadata!.Name!] = n;
            }
            else if (e.Object is Pod p)
            {
                if (e.Type == WatchEventType.Deleted) _pods.Remove(p.Metadata!.Uid!);
                else _pods[p.Metadata!.Uid!] = p;
            }
            BindPending();
        });
    }

    public static Props Props(IActorRef api) => Actors.Props.Create(() => new FakeBinder(api));

    protected override void PreStart()
    {
        _api.Tell(new Watch("nodes", ResourceVersion: "0", Watcher: Self), Self);
        _api.Tell(new Watch("pods", ResourceVersion: "0", Watcher: Self), Self);
    }

    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    private void BindPending()
    {
        foreach (var pod in _pods.Values.Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && p.Metadata?.DeletionTimestamp is null)
                     .OrderBy(p => p.Metadata!.CreationTimestamp).ThenBy(p => p.Metadata!.Name, StringComparer.Ordinal).ToList())
        {
            if (_bound.Contains(pod.Metadata!.Uid!)) continue;
            var node = _nodes.Values
                .Where(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                .Where(n => n.Spec?.Taints?.Any(t => t.Effect is "NoSchedule" or "NoExecute") != true)
                .OrderBy(n => _pods.Values.Count(p => p.Spec?.NodeName == n.Metadata!.Name && p.Metadata?.DeletionTimestamp is null))
                .ThenBy(n => n.Metadata!.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (node is null) return;
            var copy = pod.DeepClone();
            copy.Metadata!.ResourceVersion = null;
            copy.Spec!.NodeName = node.Metadata!.Name;
            _bound.Add(pod.Metadata.Uid!);
            // Counted at once so the next pod in this pass goes elsewhere.
            _pods[pod.Metadata.Uid!] = copy;
            _api.Tell(new Update(copy), Self);
        }
    }
}
