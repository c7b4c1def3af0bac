namespace ActorPods.Api.Model;

/// <summary>v1.Affinity.</summary>
public sealed class Affinity
{
    public NodeAffinity? NodeAffinity { get; set; }
    public PodAffinity? PodAffinity { get; set; }
    public PodAffinity? PodAntiAffinity { get; set; }
}

public sealed class NodeAffinity
{
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>v1.NodeSelector: the terms are ORed.</summary>
public sealed class NodeSelector
{
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }
}

/// <summary>v1.NodeSelectorTerm: the requirements are ANDed.</summary>
public sealed class NodeSelectorTerm
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }
    public List<NodeSelectorRequirement>? MatchFields { get; set; }
}

/// <summary>Operator: In, NotIn, Exists, DoesNotExist, Gt, Lt.</summary>
public sealed class NodeSelectorRequirement
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public List<string>? Values { get; set; }
}

public sealed class PreferredSchedulingTerm
{
    public int? Weight { get; set; }
    public NodeSelectorTerm? Preference { get; set; }
}

/// <summary>v1.PodAffinity and v1.PodAntiAffinity share this shape.</summary>
public sealed class PodAffinity
{
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

public sealed class PodAffinityTerm
{
    public LabelSelector? LabelSelector { get; set; }
    public List<string>? Namespaces { get; set; }
    public string? TopologyKey { get; set; }
    public LabelSelector? NamespaceSelector { get; set; }
    public List<string>? MatchLabelKeys { get; set; }
    public List<string>? MismatchLabelKeys { get; set; }
}

public sealed class WeightedPodAffinityTerm
{
    public int? Weight { get; set; }
    public PodAffinityTerm? PodAffinityTerm { get; set; }
}

/// <summary>v1.Toleration. Operator Exists or Equal; effect NoSchedule, PreferNoSchedule, NoExecute.</summary>
public sealed class Toleration
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    public long? TolerationSeconds { get; set; }
}
