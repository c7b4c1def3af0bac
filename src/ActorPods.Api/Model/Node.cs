using ActorPods.Api.Quantities;

namespace ActorPods.Api.Model;

/// <summary>core/v1 Node.</summary>
public sealed class Node : KubeObject
{
    public NodeSpec? Spec { get; set; }
    public NodeStatus? Status { get; set; }
}

public sealed class NodeSpec
{
    public string? PodCIDR { get; set; }
    public List<string>? PodCIDRs { get; set; }
    public string? ProviderID { get; set; }
    public bool? Unschedulable { get; set; }
    public List<Taint>? Taints { get; set; }
    /// <summary>Deprecated, never set by current kubelets; accepted so old output loads.</summary>
    public string? ExternalID { get; set; }
}

/// <summary>v1.Taint. Effect: NoSchedule, PreferNoSchedule or NoExecute.</summary>
public sealed class Taint
{
    public string? Key { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    public DateTimeOffset? TimeAdded { get; set; }
}

public sealed class NodeStatus
{
    public Dictionary<string, Quantity>? Capacity { get; set; }
    public Dictionary<string, Quantity>? Allocatable { get; set; }
    /// <summary>Deprecated; kept for round-trips.</summary>
    public string? Phase { get; set; }
    public List<NodeCondition>? Conditions { get; set; }
    public List<NodeAddress>? Addresses { get; set; }
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }
    public NodeSystemInfo? NodeInfo { get; set; }
    public List<ContainerImage>? Images { get; set; }
    public List<string>? VolumesInUse { get; set; }
    public List<AttachedVolume>? VolumesAttached { get; set; }
    /// <summary>NodeConfigStatus (dynamic kubelet config, removed in 1.24 but still printed as {}); kept free-form.</summary>
    public System.Text.Json.Nodes.JsonObject? Config { get; set; }
    public List<NodeRuntimeHandler>? RuntimeHandlers { get; set; }
    public NodeFeatures? Features { get; set; }
}

public sealed class AttachedVolume
{
    public string? Name { get; set; }
    public string? DevicePath { get; set; }
}

public sealed class NodeRuntimeHandler
{
    public string? Name { get; set; }
    public NodeRuntimeHandlerFeatures? Features { get; set; }
}

public sealed class NodeRuntimeHandlerFeatures
{
    public bool? RecursiveReadOnlyMounts { get; set; }
    public bool? UserNamespaces { get; set; }
}

public sealed class NodeFeatures
{
    public bool? SupplementalGroupsPolicy { get; set; }
}

/// <summary>Type: Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
public sealed class NodeCondition
{
    public string? Type { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? LastHeartbeatTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>Type: Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS.</summary>
public sealed class NodeAddress
{
    public string? Type { get; set; }
    public string? Address { get; set; }
}

public sealed class NodeDaemonEndpoints
{
    public DaemonEndpoint? KubeletEndpoint { get; set; }
}

public sealed class DaemonEndpoint
{
    // The one capitalized JSON name in core/v1: `Port int32 json:"Port"` (k8s.io/api/core/v1/types.go).
    [System.Text.Json.Serialization.JsonPropertyName("Port")]
    public int? Port { get; set; }
}

public sealed class NodeSystemInfo
{
    public string? MachineID { get; set; }
    public string? SystemUUID { get; set; }
    public string? BootID { get; set; }
    public string? KernelVersion { get; set; }
    public string? OsImage { get; set; }
    public string? ContainerRuntimeVersion { get; set; }
    public string? KubeletVersion { get; set; }
    public string? KubeProxyVersion { get; set; }
    public string? OperatingSystem { get; set; }
    public string? Architecture { get; set; }
}

public sealed class ContainerImage
{
    public List<string>? Names { get; set; }
    public long? SizeBytes { get; set; }
}
