using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Run;

/// <summary>
/// When a run may stop before its --for: "nothing more can happen". Periodic timers (probes, leases, resyncs) never
/// let the actor system go idle, so quiescence is judged on the trace: no activity — a pod, container, event, action,
/// hook or signal record, or a failing probe — for the settle window, no pod in a state that changes by itself
/// (Terminating, ContainerCreating, PodInitializing, a BackOff or ErrImagePull), every scheduled action done, and every
/// time a scenario names reached. Successful probes and log lines are not activity: a healthy server that logs keeps
/// producing them forever.
/// </summary>
public sealed class Quiescence(TimeSpan settle)
{
    private readonly PodViews _views = new();
    private TimeSpan _lastActivity;

    public TimeSpan LastActivity => _lastActivity;

    public void Observe(TraceRecord r)
    {
        _views.Apply(r);
        var activity = r.Type switch
        {
            "pod" or "container" or "event" or "action" or "hook" or "signal" => true,
            "probe" => r.String("result") is not ("success" or "Success"),
            _ => false,
        };
        if (activity) _lastActivity = r.T;
    }

    public bool IsQuiet(TimeSpan now, int pendingActions, TimeSpan notBefore) =>
        now >= notBefore
        && pendingActions == 0
        && now - _lastActivity >= settle
        && !_views.All.Any(v => !v.Deleted && Transient(v.Status));

    public static bool Transient(string? status) =>
        status is "Terminating" or "ContainerCreating" or "PodInitializing"
        || (status ?? "").Contains("BackOff", StringComparison.Ordinal)
        || (status ?? "").Contains("ErrImagePull", StringComparison.Ordinal);
}
