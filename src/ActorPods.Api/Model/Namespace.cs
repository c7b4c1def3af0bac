namespace ActorPods.Api.Model;

/// <summary>core/v1 Namespace.</summary>
public sealed class Namespace : KubeObject
{
    public NamespaceSpec? Spec { get; set; }
    public NamespaceStatus? Status { get; set; }
}

public sealed class NamespaceSpec
{
    public List<string>? Finalizers { get; set; }
}

/// <summary>Phase: Active or Terminating.</summary>
public sealed class NamespaceStatus
{
    public string? Phase { get; set; }
    public List<Condition>? Conditions { get; set; }
}
