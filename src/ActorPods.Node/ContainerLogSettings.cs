namespace ActorPods.Node;

/// <summary>
/// The kubelet's container log rotation (KubeletConfiguration containerLogMaxSize, containerLogMaxFiles,
/// containerLogMonitorInterval; defaults 10Mi, 5, 10s in pkg/kubelet/apis/config/v1beta1/defaults.go).
/// </summary>
public sealed record ContainerLogSettings
{
    public static ContainerLogSettings Default { get; } = new();

    /// <summary>Bytes of the current log file at which it is rotated; negative: never rotate.</summary>
    public long MaxSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>Log files kept per container, the current one included (must be at least 2).</summary>
    public int MaxFiles { get; init; } = 5;

    /// <summary>How often the log manager looks at the running containers' log files.</summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromSeconds(10);
}
