using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.NodeLifecycle;

/// <summary>
/// The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go). Every
/// --node-monitor-period it checks each node: a node is heard from when its Ready heartbeat or its Lease renewTime
/// changes; after --node-monitor-grace-period of silence the kubelet-owned conditions become Unknown
/// (NodeStatusUnknown, "Kubelet stopped posting node status."), the node gets a NodeNotReady event and its pods
/// Ready=False with a Warning NodeNotReady "Node is not ready". NoExecute taints (unreachable for Unknown, not-ready
/// for False) follow the Ready condition seen at the start of a monitor pass, and are removed when it is True again;
/// NoSchedule taints follow the conditions on every node change (TaintNodesByCondition). Not modelled: zones and
/// their disruption states, and the eviction rate limiter (every node is tainted on its first pass).
/// </summary>
public sealed partial class NodeLifecycleController : ControllerActor
{
    private readonly ControllerOptions _options;
    private readonly Informer _nodes;
    private readonly Informer _leases;
    private readonly Informer _pods;
    private readonly NodePodIndex _podsByNode = new();
    private readonly Dictionary<string, NodeHealth> _health = new(StringComparer.Ordinal);
    // The nodes' names in the order a monitor pass visits them; null after a node came or went (updates keep it).
    private string[]? _monitorOrder;

    public NodeLifecycleController(IActorRef apiServer, ControllerOptions options) : base(apiServer, "node-controller")
    {
        _options = options;
        _nodes = Inform("nodes");
        _leases = Inform("leases", "kube-node-lease");
        _pods = Inform("pods");
        _pods.Changed += _podsByNode.Apply;
        _nodes.Changed += (old, node) =>
        {
            if (old is null || node is null) _monitorOrder = null;
            if (node is null)
            {
                _health.Remove(old!.Metadata!.Name!);
                return;
            }
            Enqueue(node.Metadata!.Name!);
        };
        _pods.Changed += (_, pod) =>
        {
            if (pod is Pod p && !string.IsNullOrEmpty(p.Spec?.NodeName)) ProcessPod(p);
        };
        Receive<MonitorTick>(_ => MonitorNodeHealth());
    }

    public static Props Props(IActorRef apiServer, ControllerOptions options) =>
        Actors.Props.Create(() => new NodeLifecycleController(apiServer, options));

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer("monitor", MonitorTick.Instance, _options.NodeMonitorPeriod);
    }

    /// <summary>A node change: the NoSchedule taints follow its conditions (doNoScheduleTaintingPass).</summary>
    protected override void Sync(string key)
    {
        if (_nodes.Find<Node>(key) is not { } node) return;
        var wanted = NodeTaints.NoScheduleKeysFor(node);
        var current = node.Spec?.Taints?.Where(t => t.Effect == NodeTaints.NoSchedule && NodeTaints.ConditionKeys.Contains(t.Key ?? "")).ToList() ?? [];
        var toAdd = wanted.Where(k => current.All(t => t.Key != k)).Select(k => new Taint { Key = k, Effect = NodeTaints.NoSchedule }).ToList();
        var toRemove = current.Where(t => !wanted.Contains(t.Key!)).ToList();
        if (toAdd.Count == 0 && toRemove.Count == 0) return;
        SwapTaints(node, toAdd, toRemove);
    }

    /// <summary>
    /// controllerutil.SwapNodeControllerTaint: adds the taints (stamped with timeAdded now) and removes the others by
    /// key and effect, in one write against the version read.
    /// </summary>
    private void SwapTaints(Node node, IReadOnlyList<Taint> add, IReadOnlyList<Taint> remove)
    {
        var copy = node.DeepClone();
        var spec = copy.Spec ??= new NodeSpec();
        var taints = spec.Taints ?? [];
        taints.RemoveAll(t => remove.Any(r => r.Key == t.Key && r.Effect == t.Effect));
        foreach (var t in add)
        {
            if (taints.Any(x => x.Key == t.Key && x.Effect == t.Effect)) continue;
            taints.Add(new Taint { Key = t.Key, Value = t.Value, Effect = t.Effect, TimeAdded = Now });
        }
        spec.Taints = taints.Count == 0 ? null : taints;
        Send(new Update(copy));
    }

    /// <summary>processPod: a pod on a node whose Ready is not True is marked not ready as soon as it is seen.</summary>
    private void ProcessPod(Pod pod)
    {
        if (!_health.TryGetValue(pod.Spec!.NodeName!, out var health)) return;
        if (health.ReadyStatus is null or "True") return;
        MarkPodsNotReady([pod], pod.Spec.NodeName!);
    }

    /// <summary>
    /// controllerutil.MarkPodsNotReady: the Ready condition of each pod on the node becomes False (the phase and the
    /// containers' ready flags stay), then a Warning NodeNotReady event.
    /// </summary>
    private void MarkPodsNotReady(IEnumerable<Pod> pods, string nodeName)
    {
        foreach (var pod in pods)
        {
            if (pod.Spec?.NodeName != nodeName || PodConditions.Get(pod, "Ready") is not { } ready) continue;
            var copy = pod.DeepClone();
            var condition = ModelCloner.Clone(ready);
            condition.Status = "False";
            if (!PodConditions.Set(copy.Status!, condition, Now)) continue;
            Send(new Update(copy, "status"), r =>
            {
                if (r.IsSuccess) RecordEvent(r.Object!, "Warning", "NodeNotReady", "Node is not ready");
            });
        }
    }

    private List<Pod> PodsOn(string nodeName) => _podsByNode.PodsOn(nodeName);

    private sealed record MonitorTick
    {
        public static readonly MonitorTick Instance = new();
    }

    /// <summary>nodeHealthData: when the controller last heard from a node, and what it last saw.</summary>
    private sealed class NodeHealth
    {
        public DateTimeOffset ProbeTimestamp { get; set; }
        public DateTimeOffset ReadyTransitionTimestamp { get; set; }
        public DateTimeOffset? LastHeartbeat { get; set; }
        public DateTimeOffset? LastTransition { get; set; }
        public bool HasReadyCondition { get; set; }
        public DateTimeOffset? LeaseRenewTime { get; set; }
        /// <summary>The Ready status as of the last monitor pass (what processPod compares with).</summary>
        public string? ReadyStatus { get; set; }
    }
}
