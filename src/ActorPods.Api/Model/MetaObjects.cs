using System.Text.Json.Serialization;

namespace ActorPods.Api.Model;

/// <summary>
/// metav1.Status: the body of every API error (and of some successes, e.g. a delete that finished).
/// kubectl prints it as "Error from server (Reason): message".
/// </summary>
public sealed class Status
{
    [JsonPropertyOrder(-3)] public string? ApiVersion { get; set; } = "v1";
    [JsonPropertyOrder(-2)] public string? Kind { get; set; } = "Status";
    [JsonPropertyOrder(-1)] public ListMeta? Metadata { get; set; }
    /// <summary>"Success" or "Failure".</summary>
    [JsonPropertyName("status")] public string? Outcome { get; set; }
    public string? Message { get; set; }
    /// <summary>NotFound, AlreadyExists, Conflict, Invalid, BadRequest, Expired, ...</summary>
    public string? Reason { get; set; }
    public StatusDetails? Details { get; set; }
    /// <summary>The HTTP status code.</summary>
    public int? Code { get; set; }
}

public sealed class StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    /// <summary>The resource (e.g. "pods") for most errors, the Kind (e.g. "Pod") for Invalid.</summary>
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public List<StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>One cause of an Invalid error, e.g. reason FieldValueRequired, field spec.containers[0].image.</summary>
public sealed class StatusCause
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? Field { get; set; }
}

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

/// <summary>metav1.WatchEvent: one line of a watch stream.</summary>
public sealed class WatchEvent
{
    /// <summary>ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.</summary>
    public string? Type { get; set; }
    /// <summary>The object. An ERROR event carries a <see cref="Status"/> instead, which servers write themselves.</summary>
    public KubeObject? Object { get; set; }
}
