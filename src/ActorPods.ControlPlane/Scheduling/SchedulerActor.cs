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
    private readonly SortedDictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    // Converted once per watch event, not once per pod per scheduling attempt (quantities are big integers).
    private readonly Dictionary<string, NodeAllocatable> _allocatable = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ns, string Name), Pod> _pods = new();
    private readonly Dictionary<(string Ns, string Name), (PodRequests Requested, PodRequests NonZero)> _requests = new();
    private readonly Dictionary<(string Ns, string Name), (string Node, TimeSpan At)> _assumed = new();
    private readonly Dictionary<(string Ns, string Name), Attempt> _unschedulable = new();
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
                if (e.Type == WatchEventType.Deleted)
                {
                    _nodes.Remove(node.Metadata!.Name!);
                    _allocatable.Remove(node.Metadata!.Name!);
                }
                else
                {
                    _nodes[node.Metadata!.Name!] = node;
                    _allocatable[node.Metadata!.Name!] = NodeAllocatable.Of(node);
                }
                _clusterVersion++;
                break;
            case Pod pod:
                var key = Key(pod);
                if (e.Type == WatchEventType.Deleted)
                {
                    _pods.Remove(key);
                    _requests.Remove(key);
                    _assumed.Remove(key);
                    _unschedulable.Remove(key);
                    _clusterVersion++;
                    break;
                }
                var before = _pods.GetValueOrDefault(key);
                _pods[key] = pod;
                _requests[key] = (PodRequests.Of(pod), PodRequests.NonZeroOf(pod));
                if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
                {
                    _assumed.Remove(key);
                    _unschedulable.Remove(key);
                }
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
            if (now - at.At > TimeSpan.FromSeconds(30)) _assumed.Remove(key);
        }

        var queue = _pods.Values.Where(IsPending)
            .OrderBy(p => p.Metadata!.CreationTimestamp)
            .ThenBy(p => p.Metadata!.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata!.Name, StringComparer.Ordinal)
            .ToList();
        TimeSpan? nextRetry = null;
        // What the nodes already hold, summed once per cycle and kept current as this cycle binds pods.
        Dictionary<string, (PodRequests Requested, PodRequests NonZero, int Pods)>? usage = null;
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
            ScheduleOne(pod, now, usage ??= UsageByNode());
        }
        // Its own key: a pending retry must not hold back the immediate cycle a new pod asks for.
        if (nextRetry is { } retry) Timers.StartSingleTimer("retry", Cycle.Instance, retry - now);
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
