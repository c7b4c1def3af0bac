namespace ActorPods.Api.Model;

/// <summary>core/v1 PodStatus, as the kubelet reports it.</summary>
public sealed class PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }
    public List<PodCondition>? Conditions { get; set; }
    public string? Message { get; set; }
    /// <summary>E.g. Evicted, DeadlineExceeded, NodeLost.</summary>
    public string? Reason { get; set; }
    public string? NominatedNodeName { get; set; }
    public string? HostIP { get; set; }
    public List<HostIP>? HostIPs { get; set; }
    public string? PodIP { get; set; }
    public List<PodIP>? PodIPs { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public List<ContainerStatus>? InitContainerStatuses { get; set; }
    public List<ContainerStatus>? ContainerStatuses { get; set; }
    /// <summary>Guaranteed, Burstable or BestEffort.</summary>
    public string? QosClass { get; set; }
    public List<ContainerStatus>? EphemeralContainerStatuses { get; set; }
    public string? Resize { get; set; }
    public long? ObservedGeneration { get; set; }
}

/// <summary>Type: PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady, Ready, DisruptionTarget.</summary>
public sealed class PodCondition
{
    public string? Type { get; set; }
    public long? ObservedGeneration { get; set; }
    /// <summary>"True", "False" or "Unknown" (strings, as in the API).</summary>
    public string? Status { get; set; }
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

public sealed class PodIP
{
    public string? Ip { get; set; }
}

public sealed class HostIP
{
    public string? Ip { get; set; }
}

/// <summary>v1.ContainerStatus.</summary>
public sealed class ContainerStatus
{
    public string? Name { get; set; }
    public ContainerState? State { get; set; }
    public ContainerState? LastState { get; set; }
    public bool? Ready { get; set; }
    public int? RestartCount { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? ContainerID { get; set; }
    public bool? Started { get; set; }
    public Dictionary<string, Quantities.Quantity>? AllocatedResources { get; set; }
    public ResourceRequirements? Resources { get; set; }
    /// <summary>Reported by the kubelet since 1.30 (RecursiveReadOnlyMounts), so `kubectl get -o yaml` output has it.</summary>
    public List<VolumeMountStatus>? VolumeMounts { get; set; }
    public ContainerUser? User { get; set; }
    public string? StopSignal { get; set; }
}

public sealed class VolumeMountStatus
{
    public string? Name { get; set; }
    public string? MountPath { get; set; }
    public bool? ReadOnly { get; set; }
    public string? RecursiveReadOnly { get; set; }
}

public sealed class ContainerUser
{
    public LinuxContainerUser? Linux { get; set; }
}

public sealed class LinuxContainerUser
{
    public long? Uid { get; set; }
    public long? Gid { get; set; }
    public List<long>? SupplementalGroups { get; set; }
}

/// <summary>v1.ContainerState: at most one of waiting, running, terminated is set.</summary>
public sealed class ContainerState
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}

/// <summary>Reason e.g. ContainerCreating, PodInitializing, CrashLoopBackOff, ErrImagePull, ImagePullBackOff.</summary>
public sealed class ContainerStateWaiting
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

public sealed class ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>Reason e.g. Completed, Error, OOMKilled, ContainerCannotRun.</summary>
public sealed class ContainerStateTerminated
{
    public int? ExitCode { get; set; }
    public int? Signal { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ContainerID { get; set; }
}
