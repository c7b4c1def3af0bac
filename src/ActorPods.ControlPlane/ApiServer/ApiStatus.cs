using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// metav1.Status as the apiserver returns it for a failed request (k8s.io/apimachinery/pkg/apis/meta/v1/types.go);
/// serializes with KubeJson to the JSON kubectl expects. Build instances with <see cref="ApiErrors"/>.
/// </summary>
public sealed class ApiStatus
{
    public string Kind { get; set; } = "Status";
    public string ApiVersion { get; set; } = "v1";
    public ListMeta Metadata { get; set; } = new();
    /// <summary>"Success" or "Failure".</summary>
    public string Status { get; set; } = "Failure";
    public string? Message { get; set; }
    /// <summary>NotFound, AlreadyExists, Conflict, Invalid, Expired, BadRequest, Forbidden, MethodNotAllowed, ...</summary>
    public string? Reason { get; set; }
    public StatusDetails? Details { get; set; }
    public int Code { get; set; }

    public override string ToString() => $"{Code} {Reason}: {Message}";
}

/// <summary>metav1.StatusDetails.</summary>
public sealed class StatusDetails
{
    public string? Name { get; set; }
    public string? Group { get; set; }
    /// <summary>The resource (plural) for NotFound/AlreadyExists/Conflict, the Kind for Invalid, as apimachinery does.</summary>
    public string? Kind { get; set; }
    public string? Uid { get; set; }
    public List<StatusCause>? Causes { get; set; }
    public int? RetryAfterSeconds { get; set; }
}

/// <summary>metav1.StatusCause: reason is a CauseType such as FieldValueRequired or FieldValueInvalid.</summary>
public sealed class StatusCause
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public string? Field { get; set; }
}

/// <summary>A failed request surfaced as an exception (for callers that prefer exceptions to results).</summary>
public sealed class ApiException(ApiStatus status) : Exception(status.Message)
{
    public ApiStatus Status { get; } = status;
}
