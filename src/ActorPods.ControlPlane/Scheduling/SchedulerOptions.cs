namespace ActorPods.ControlPlane.Scheduling;

/// <summary>Settings of the scheduler; defaults are kube-scheduler v1.32's.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Pods whose spec.schedulerName is this (or empty) are ours.</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>podInitialBackoffSeconds.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>podMaxBackoffSeconds.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>podMaxInUnschedulablePodsDuration: an unschedulable pod is retried after this even if nothing changed.</summary>
    public TimeSpan MaxInUnschedulable { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the queue looks for such leftovers (flushUnschedulablePodsLeftover runs every 30 s).</summary>
    public TimeSpan LeftoverFlushInterval { get; init; } = TimeSpan.FromSeconds(30);
}
