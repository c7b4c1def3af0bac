namespace ActorPods.ControlPlane.Controllers;

/// <summary>kube-controller-manager flags the simulated controllers honour (v1.32 defaults).</summary>
public sealed record ControllerOptions
{
    /// <summary>--node-monitor-period.</summary>
    public TimeSpan NodeMonitorPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>--node-monitor-grace-period: 50 s from 1.32 (40 s before, kubernetes#126287).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>--node-startup-grace-period: for nodes that never posted a status.</summary>
    public TimeSpan NodeStartupGracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>--controllers: which to run; null runs all of <see cref="ControllerManager.AllControllers"/>.</summary>
    public IReadOnlySet<string>? Enabled { get; init; }

    public bool IsEnabled(string name) => Enabled is null || Enabled.Contains(name);
}
