using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Scheduling;

/// <summary>
/// A kube-scheduler with one profile: its own watches on pods and nodes, a queue of unbound pods (oldest first),
/// filters (<see cref="NodeFilters"/>), least-allocated scoring with ties broken by node name (kube-scheduler picks
/// at random among the best; we stay deterministic), binding, the Scheduled / FailedScheduling events and the
/// PodScheduled condition. Unschedulable pods are retried with backoff when a node or a pod changes, and after
/// <see cref="SchedulerOptions.MaxInUnschedulable"/> regardless. Pods created with spec.nodeName are never ours.
/// </summary>
public sealed partial class SchedulerActor : Actor
{
    private const string Component = "default-scheduler";

    private readonly IActorRef _apiServer;
    private readonly SchedulerOptions _options;
    // Converted once per watch event, not once per pod per scheduling attempt (quantities are big integers).
    private readonly SortedDictionary<string, SchedulingNode> _nodes = new(StringComparer.Ordinal);
    // _nodes' values in name order, rebuilt after a node event: the per-pod loop walks an array.
    private SchedulingNode[]? _nodeOrder;
    private readonly Dictionary<(string Ns, string Name), Pod> _pods = new();
    // Pods without spec.nodeName: the only ones a cycle can schedule (the rest never are pending).
    private readonly HashSet<(string Ns, string Name)> _unbound = new();
    private readonly Dictionary<(string Ns, string Name), (PodRequests Requested, PodRequests NonZero)> _requests = new();
    private readonly Dictionary<(string Ns, string Name), (string Node, TimeSpan At)> _assumed = new();
    private readonly Dictionary<(string Ns, string Name), Attempt> _unschedulable = new();
    // What every node name holds, kept current pod by pod (see Recount) instead of summed over all pods per cycle.
    private readonly Dictionary<string, NodeTotals> _usage = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ns, string Name), (NodeTotals Totals, PodRequests Requested, PodRequests NonZero)> _counted = new();
    private long _clusterVersion;

    public SchedulerActor(IActorRef apiServer, SchedulerOptions? options = null)
    {
        _apiServer = apiServer;
        _options = options ?? new SchedulerOptions();
        Receive<WatchEvent>(OnWatchEvent);
        Receive<WatchResult>(_ => { });
        Receive<ObjectResult>(_ => { });
        Receive<Cycle>(_ => RunCycle());
        Receive<FlushLeftovers>(_ => { if (_unschedulable.Count > 0) RequestCycle(); });
    }

    public static Props CreateProps(IActorRef apiServer, SchedulerOptions? options = null) =>
        Props.Create(() => new SchedulerActor(apiServer, options));

    /// <summary>Its turns keep to themselves (Actor.RunsApart): the queue, the node cache and the usage counts are its
    /// own, it learns of pods and nodes from its watches and binds by messages, and spawns nothing.</summary>
    protected override bool RunsApart => true;

    protected override void PreStart()
    {
        _apiServer.Tell(new Watch("nodes", ResourceVersion: "0"), Self);
        _apiServer.Tell(new Watch("pods", ResourceVersion: "0"), Self);
        Timers.StartPeriodicTimer("flush", FlushLeftovers.Instance, _options.LeftoverFlushInterval);
    }

    private void OnWatchEvent(WatchEvent e)
    {
        switch (e.Object)
        {
            case Node node:
                var name = node.Metadata!.Name!;
                if (e.Type == WatchEventType.Deleted) _nodes.Remove(name);
                else _nodes[name] = new SchedulingNode(node, TotalsFor(name));
                _nodeOrder = null;
                _clusterVersion++;
                break;
            case Pod pod:
                var key = Key(pod);
                if (e.Type == WatchEventType.Deleted)
                {
                    _pods.Remove(key);
                    _unbound.Remove(key);
                    _requests.Remove(key);
                    _assumed.Remove(key);
                    _unschedulable.Remove(key);
                    Recount(key);
                    _clusterVersion++;
                    break;
                }
                var before = _pods.GetValueOrDefault(key);
                _pods[key] = pod;
                // Requests come from the spec alone, and a status write's snapshot shares the previous one's spec object.
                if (before is null || !ReferenceEquals(before.Spec, pod.Spec) || !_requests.ContainsKey(key))
                    _requests[key] = (PodRequests.Of(pod), PodRequests.NonZeroOf(pod));
                if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
                {
                    _unbound.Remove(key);
                    _assumed.Remove(key);
                    _unschedulable.Remove(key);
                }
                else _unbound.Add(key);
                Recount(key);
                // A pod that finished frees what it requested.
                if (IsTerminal(pod) && before is not null && !IsTerminal(before)) _clusterVersion++;
                break;
            default:
                return;
        }
        RequestCycle();
    }

    private void RequestCycle()
    {
        if (!Timers.IsTimerActive("cycle")) Timers.StartSingleTimer("cycle", Cycle.Instance, TimeSpan.Zero);
    }

    private void RunCycle()
    {
        var now = Context.Elapsed;
        foreach (var (key, at) in _assumed.ToList())
        {
            // A bind the watch never confirmed (the pod vanished or the write failed): forget it.
            if (now - at.At > TimeSpan.FromSeconds(30))
            {
                _assumed.Remove(key);
                Recount(key);
            }
        }

        // The (creationTimestamp, namespace, name) order is total, so the order of _unbound does not matter.
        var queue = _unbound.Select(k => _pods[k]).Where(IsPending)
            .OrderBy(p => p.Metadata!.CreationTimestamp)
            .ThenBy(p => p.Metadata!.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata!.Name, StringComparer.Ordinal)
            .ToList();
        TimeSpan? nextRetry = null;
        foreach (var pod in queue)
        {
            var key = Key(pod);
            if (_unschedulable.TryGetValue(key, out var attempt))
            {
                var leftover = now - attempt.At >= _options.MaxInUnschedulable;
                var backoffEnds = attempt.At + Backoff(attempt.Count);
                var moved = attempt.ClusterVersion != _clusterVersion;
                if (!leftover && !(moved && now >= backoffEnds))
                {
                    if (moved) nextRetry = nextRetry is { } r && r < backoffEnds ? r : backoffEnds;
                    continue;
                }
            }
            ScheduleOne(pod, now);
        }
        // Its own key: a pending retry must not hold back the immediate cycle a new pod asks for.
        if (nextRetry is { } retry) Timers.StartSingleTimer("retry", Cycle.Instance, retry - now);
    }

    private SchedulingNode[] NodesInNameOrder() => _nodeOrder ??= _nodes.Values.ToArray();

    private NodeTotals TotalsFor(string node)
    {
        if (!_usage.TryGetValue(node, out var totals)) _usage[node] = totals = new NodeTotals();
        return totals;
    }

    /// <summary>
    /// Brings the node totals in line with one pod after any change to it, its requests or its assumption: a pod that
    /// has not finished counts on its spec.nodeName, else on the node it is assumed on, else nowhere.
    /// </summary>
    private void Recount((string Ns, string Name) key)
    {
        NodeTotals? target = null;
        PodRequests requested = default, nonZero = default;
        if (_pods.TryGetValue(key, out var pod) && !IsTerminal(pod))
        {
            var node = !string.IsNullOrEmpty(pod.Spec?.NodeName) ? pod.Spec.NodeName
                : _assumed.TryGetValue(key, out var a) ? a.Node : null;
            if (node is not null)
            {
                target = TotalsFor(node);
                (requested, nonZero) = _requests[key];
            }
        }
        var had = _counted.TryGetValue(key, out var counted);
        if (had && ReferenceEquals(counted.Totals, target) && counted.Requested == requested && counted.NonZero == nonZero) return;
        if (had)
        {
            counted.Totals.Subtract(counted.Requested, counted.NonZero);
            _counted.Remove(key);
        }
        if (target is null) return;
        target.Add(requested, nonZero);
        _counted[key] = (target, requested, nonZero);
    }

    private bool IsPending(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName)
        && pod.Metadata?.DeletionTimestamp is null
        && !IsTerminal(pod)
        && pod.Spec?.SchedulingGates is not { Count: > 0 }
        && (string.IsNullOrEmpty(pod.Spec?.SchedulerName) || pod.Spec.SchedulerName == _options.SchedulerName)
        && !_assumed.ContainsKey(Key(pod));

    private TimeSpan Backoff(int attempts)
    {
        var backoff = _options.InitialBackoff;
        for (var i = 1; i < attempts && backoff < _options.MaxBackoff; i++) backoff += backoff;
        return backoff > _options.MaxBackoff ? _options.MaxBackoff : backoff;
    }

    private static bool IsTerminal(Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static (string, string) Key(Pod pod) => (pod.Metadata?.Namespace ?? "default", pod.Metadata?.Name ?? "");

    private sealed record Cycle
    {
        public static readonly Cycle Instance = new();
    }

    private sealed record FlushLeftovers
    {
        public static readonly FlushLeftovers Instance = new();
    }

    private sealed record Attempt(int Count, TimeSpan At, long ClusterVersion, string Message);
}
