using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;
using ActorPods.ControlPlane.Controllers.NodeLifecycle;

namespace ActorPods.ControlPlane.Controllers.PodGC;

/// <summary>
/// The pod garbage collector (pkg/controller/podgc/gc_controller.go, component "pod-garbage-collector"), every
/// 20 s (gcCheckPeriod): pods bound to a node that has been missing for the 40 s quarantine are marked Failed with
/// DisruptionTarget=True (DeletionByPodGC, "PodGC: node no longer exists") and force-deleted; terminating pods that
/// were never scheduled are force-deleted. Not modelled: the terminated-pods threshold (12500) and out-of-service
/// nodes.
/// </summary>
public sealed class PodGarbageCollector : ControllerActor
{
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(40);

    private readonly Informer _pods;
    private readonly Informer _nodes;
    private readonly NodePodIndex _podsByNode = new();

    /// <summary>Nodes seen missing, and since when (the nodeQueue's delayed re-check).</summary>
    private readonly Dictionary<string, DateTimeOffset> _missingSince = new(StringComparer.Ordinal);

    public PodGarbageCollector(IActorRef apiServer) : base(apiServer, "pod-garbage-collector")
    {
        _nodes = Inform("nodes");
        _pods = Inform("pods");
        _pods.Changed += _podsByNode.Apply;
        Receive<Tick>(_ => Collect());
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new PodGarbageCollector(apiServer));

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer("gc", Tick.Instance, CheckPeriod);
    }

    private void Collect()
    {
        var now = Now;
        // Which pods to act on does not depend on the order they are looked at (every pod of a node gets the same
        // verdict from the same _missingSince entry), so the pass goes node by node through the index instead of
        // over every pod, and only the pods to act on are sorted: the writes go out in key order.
        List<(string Key, Pod Pod, bool Orphaned)>? act = null;
        foreach (var pod in _podsByNode.UnboundPods)
        {
            // gcUnscheduledTerminating.
            if (pod.Metadata?.DeletionTimestamp is not null) (act ??= []).Add((ObjectKey.Of(pod), pod, false));
        }
        foreach (var node in _podsByNode.Nodes)
        {
            if (_nodes.Find<Node>(null, node) is not null)
            {
                _missingSince.Remove(node);
                continue;
            }
            // gcOrphaned: a node missing now must still be missing after the quarantine.
            if (!_missingSince.TryGetValue(node, out var since))
            {
                _missingSince[node] = now;
                continue;
            }
            if (now - since < Quarantine) continue;
            foreach (var pod in _podsByNode.PodsOn(node)) (act ??= []).Add((ObjectKey.Of(pod), pod, true));
        }
        if (act is null) return;
        act.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (_, pod, orphaned) in act)
        {
            if (orphaned) MarkFailedAndDelete(pod);
            else ForceDelete(pod);
        }
    }

    /// <summary>markFailedAndDeletePodWithCondition.</summary>
    private void MarkFailedAndDelete(Pod cached)
    {
        var pod = cached.DeepClone();
        var status = pod.Status ??= new PodStatus();
        if (status.Phase is not ("Succeeded" or "Failed")) status.Phase = "Failed";
        PodConditions.Set(status, new PodCondition
        {
            Type = "DisruptionTarget", Status = "True", Reason = "DeletionByPodGC", Message = "PodGC: node no longer exists",
        }, Now);
        Send(new Update(pod, "status"));
        ForceDelete(cached);
    }

    private void ForceDelete(Pod pod) =>
        Send(new Delete("pods", pod.Metadata!.Namespace, pod.Metadata.Name!, 0, new Preconditions(Uid: pod.Metadata.Uid)));

    protected override void Sync(string key)
    {
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
