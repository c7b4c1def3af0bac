using System.Text.Json.Serialization;

namespace ActorPods.Api.Model;

/// <summary>metav1.DeleteOptions, sent by `kubectl delete` (gracePeriodSeconds, propagationPolicy).</summary>
public sealed class DeleteOptions
{
    [JsonPropertyOrder(-2)] public string? ApiVersion { get; set; }
    [JsonPropertyOrder(-1)] public string? Kind { get; set; }
    public long? GracePeriodSeconds { get; set; }
    public Preconditions? Preconditions { get; set; }
    public bool? OrphanDependents { get; set; }
    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; set; }
    public List<string>? DryRun { get; set; }
}

public sealed class Preconditions
{
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
}

/// <summary>core/v1 Binding: what the scheduler posts to pods/{name}/binding to place a pod on a node.</summary>
public sealed class Binding : KubeObject
{
    public ObjectReference? Target { get; set; }
}
