using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// The copy a JSON round trip of a status gives, without the JSON: the model's compiled deep copy, then every
/// metav1.Time cut to whole seconds in UTC as TimeConverter writes and reads it back. The probe flag fast path copied
/// its cached status through JSON, and what the probe workers then saw (start times in whole seconds) depends on it.
/// PodStatusRoundTripSpec checks it against the JSON round trip, and that no time field of the status is missed.
/// </summary>
public static class PodStatusRoundTrip
{
    public static PodStatus Copy(PodStatus status)
    {
        var copy = ModelCloner.Clone(status);
        copy.StartTime = Seconds(copy.StartTime);
        if (copy.Conditions is { } conditions)
            foreach (var c in conditions)
            {
                c.LastProbeTime = Seconds(c.LastProbeTime);
                c.LastTransitionTime = Seconds(c.LastTransitionTime);
            }
        Containers(copy.InitContainerStatuses);
        Containers(copy.ContainerStatuses);
        Containers(copy.EphemeralContainerStatuses);
        return copy;
    }

    private static void Containers(List<ContainerStatus>? statuses)
    {
        if (statuses is null) return;
        foreach (var s in statuses)
        {
            State(s.State);
            State(s.LastState);
        }
    }

    private static void State(ContainerState? state)
    {
        if (state?.Running is { } running) running.StartedAt = Seconds(running.StartedAt);
        if (state?.Terminated is { } terminated)
        {
            terminated.StartedAt = Seconds(terminated.StartedAt);
            terminated.FinishedAt = Seconds(terminated.FinishedAt);
        }
    }

    private static DateTimeOffset? Seconds(DateTimeOffset? time) =>
        time is { } t ? new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;
}
