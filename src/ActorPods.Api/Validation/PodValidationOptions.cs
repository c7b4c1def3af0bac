namespace ActorPods.Api.Validation;

/// <summary>
/// The subset of core validation's PodValidationOptions that changes results, set as kube-apiserver v1.32 sets
/// them for a new object with default feature gates.
/// </summary>
public sealed record PodValidationOptions
{
    public static PodValidationOptions Default { get; } = new();

    /// <summary>The object is a Pod, not a template inside a Deployment/ReplicaSet (hostPort must equal containerPort under hostNetwork).</summary>
    public bool ResourceIsPod { get; init; }

    /// <summary>Feature gate RelaxedEnvironmentVariableValidation: beta, on by default in 1.32.</summary>
    public bool AllowRelaxedEnvironmentVariableValidation { get; init; } = true;

    /// <summary>Feature gate PodLifecycleSleepActionAllowZero: alpha, off in 1.32.</summary>
    public bool AllowPodLifecycleSleepActionZeroValue { get; init; }
}
