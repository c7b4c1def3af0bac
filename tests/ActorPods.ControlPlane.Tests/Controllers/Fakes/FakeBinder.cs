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
        var pending = _pods.Values.Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && p.Metadata?.DeletionTimestamp is null && !_bound.Contains(p.Metadata!.Uid!))
            .OrderBy(p => p.Metadata!.CreationTimestamp).ThenBy(p => p.Metadata!.Name, StringComparer.Ordinal).ToList();
        if (pending.Count == 0) return;
        var nodes = _nodes.Values
            .Where(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .Where(n => n.Spec?.Taints?.Any(t => t.Effect is "NoSchedule" or "NoExecute") != true)
            .Select(n => n.Metadata!.Name!).ToList();
        if (nodes.Count == 0) return;
        var load = nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var p in _pods.Values)
        {
            if (p.Spec?.NodeName is { } n && p.Metadata?.DeletionTimestamp is null && load.ContainsKey(n)) load[n]++;
        }
        foreach (var pod in pending)
        {
            var node = load.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
            load[node]++;
            var copy = pod.DeepClone();
            copy.Metadata!.ResourceVersion = null;
            copy.Spec!.NodeName = node;
            _bound.Add(pod.Metadata!.Uid!);
            _pods[pod.Metadata.Uid!] = copy;
            _api.Tell(new Update(copy), Self);
        }
    }
}
