namespace ActorPods.Api.Model;

/// <summary>core/v1 PodSpec (k8s.io/api/core/v1/types.go).</summary>
public sealed class PodSpec
{
    public List<Volume>? Volumes { get; set; }
    public List<Container>? InitContainers { get; set; }
    public List<Container>? Containers { get; set; }
    public List<EphemeralContainer>? EphemeralContainers { get; set; }
    /// <summary>Always, OnFailure or Never.</summary>
    public string? RestartPolicy { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
    /// <summary>ClusterFirst, ClusterFirstWithHostNet, Default or None.</summary>
    public string? DnsPolicy { get; set; }
    public Dictionary<string, string>? NodeSelector { get; set; }
    public string? ServiceAccountName { get; set; }
    /// <summary>Deprecated alias of serviceAccountName, still accepted by the API.</summary>
    public string? ServiceAccount { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    public string? NodeName { get; set; }
    public bool? HostNetwork { get; set; }
    public bool? HostPID { get; set; }
    public bool? HostIPC { get; set; }
    public bool? ShareProcessNamespace { get; set; }
    public PodSecurityContext? SecurityContext { get; set; }
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }
    public string? Hostname { get; set; }
    public string? Subdomain { get; set; }
    public Affinity? Affinity { get; set; }
    public string? SchedulerName { get; set; }
    public List<Toleration>? Tolerations { get; set; }
    public List<HostAlias>? HostAliases { get; set; }
    public string? PriorityClassName { get; set; }
    public int? Priority { get; set; }
    public PodDnsConfig? DnsConfig { get; set; }
    public List<PodReadinessGate>? ReadinessGates { get; set; }
    public string? RuntimeClassName { get; set; }
    public bool? EnableServiceLinks { get; set; }
    /// <summary>PreemptLowerPriority or Never.</summary>
    public string? PreemptionPolicy { get; set; }
    public Dictionary<string, Quantities.Quantity>? Overhead { get; set; }
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }
    public bool? SetHostnameAsFQDN { get; set; }
    public PodOS? Os { get; set; }
    public bool? HostUsers { get; set; }
    /// <summary>While any gate remains, the scheduler leaves the pod alone (SchedulingGated).</summary>
    public List<PodSchedulingGate>? SchedulingGates { get; set; }
}

public sealed class PodSchedulingGate
{
    public string? Name { get; set; }
}

public sealed class HostAlias
{
    public string? Ip { get; set; }
    public List<string>? Hostnames { get; set; }
}

public sealed class PodDnsConfig
{
    public List<string>? Nameservers { get; set; }
    public List<string>? Searches { get; set; }
    public List<PodDnsConfigOption>? Options { get; set; }
}

public sealed class PodDnsConfigOption
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed class PodReadinessGate
{
    public string? ConditionType { get; set; }
}

public sealed class PodOS
{
    public string? Name { get; set; }
}

public sealed class TopologySpreadConstraint
{
    public int? MaxSkew { get; set; }
    public string? TopologyKey { get; set; }
    public string? WhenUnsatisfiable { get; set; }
    public LabelSelector? LabelSelector { get; set; }
    public int? MinDomains { get; set; }
    public string? NodeAffinityPolicy { get; set; }
    public string? NodeTaintsPolicy { get; set; }
    public List<string>? MatchLabelKeys { get; set; }
}

/// <summary>v1.PodSecurityContext (the subset a simulator can reason about, plus the common fields).</summary>
public sealed class PodSecurityContext
{
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public List<long>? SupplementalGroups { get; set; }
    public long? FsGroup { get; set; }
    public string? FsGroupChangePolicy { get; set; }
    public List<Sysctl>? Sysctls { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
    public SELinuxOptions? SeLinuxOptions { get; set; }
}

public sealed class Sysctl
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed class SeccompProfile
{
    public string? Type { get; set; }
    public string? LocalhostProfile { get; set; }
}

public sealed class SELinuxOptions
{
    public string? User { get; set; }
    public string? Role { get; set; }
    public string? Type { get; set; }
    public string? Level { get; set; }
}
