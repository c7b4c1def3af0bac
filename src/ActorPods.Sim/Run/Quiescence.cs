using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Run;

/// <summary>
/// When a run may stop before its --for: "nothing more can happen". Periodic timers (probes, leases, resyncs) never
/// let the actor system go idle, so quiescence is judged on the trace: no activity — a pod, container, event, action,
/// hook or signal record, or a failing probe — for the settle window, no pod in a state that changes by itself
/// (Terminating, ContainerCreating, PodInitializing, a BackOff or ErrImagePull), every scheduled action done, and every
/// time a scenario names reached. Successful probes and log lines are not activity: a healthy server that logs keeps
/// producing them forever. Nor is a cluster quiet while a node that is not Ready still has pods that are not yet
/// Terminating: the node lifecycle and taint-eviction controllers act on them when the tolerations run out (300 s by
/// default), long after the last visible change.
/// </summary>
public sealed class Quiescence(TimeSpan settle)
{
    private readonly PodViews _views = new();
    private readonly Dictionary<string, string?> _nodeReady = new(StringComparer.Ordinal);
    private TimeSpan _lastActivity;

    public TimeSpan LastActivity => _lastActivity;

    public void Observe(TraceRecord r)
    {
        _views.Apply(r);
        if (r.Type == "node" && r.String("name") is { } node) _nodeReady[node] = r.String("ready");
        var activity = r.Type switch
        {
            "pod" or "container" or "event" or "action" or "hook" or "signal" or "node" or "network" or "host" => true,
            "probe" => r.String("result") is not ("success" or "Success"),
            _ => false,
        };
        if (activity) _lastActivity = r.T;
    }

    public bool IsQuiet(TimeSpan now, int pendingActions, TimeSpan notBefore) =>
        now >= notBefore
        && pendingActions == 0
        && now - _lastActivity >= settle
        && !_views.All.Any(v => !v.Deleted && (Transient(v.Status) || OnUnreadyNode(v)));

    private bool OnUnreadyNode(PodView v) =>
        v.Node is { } node && v.Phase is not ("Succeeded" or "Failed") && _nodeReady.TryGetValue(node, out var ready) && ready != "True";

    public static bool Transient(string? status) =>
        status is "Terminating" or "ContainerCreating" or "PodInitializing"
        || (status ?? "").Contains("BackOff", StringComparison.Ordinal)
        || (status ?? "").Contains("ErrImagePull", StringComparison.Ordinal);
}
