namespace ActorPods.Api.Model;

/// <summary>apps/v1 Deployment.</summary>
public sealed class Deployment : KubeObject
{
    public DeploymentSpec? Spec { get; set; }
    public DeploymentStatus? Status { get; set; }
}

public sealed class DeploymentSpec
{
    public int? Replicas { get; set; }
    public LabelSelector? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }
    public DeploymentStrategy? Strategy { get; set; }
    public int? MinReadySeconds { get; set; }
    public int? RevisionHistoryLimit { get; set; }
    public bool? Paused { get; set; }
    public int? ProgressDeadlineSeconds { get; set; }
}

/// <summary>Type: RollingUpdate (default) or Recreate.</summary>
public sealed class DeploymentStrategy
{
    public string? Type { get; set; }
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}

/// <summary>Both fields are absolute numbers or percentages ("25%"), defaulting to 25%.</summary>
public sealed class RollingUpdateDeployment
{
    public IntOrString? MaxUnavailable { get; set; }
    public IntOrString? MaxSurge { get; set; }
}

public sealed class DeploymentStatus
{
    public long? ObservedGeneration { get; set; }
    public int? Replicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public int? UnavailableReplicas { get; set; }
    public int? TerminatingReplicas { get; set; }
    public List<DeploymentCondition>? Conditions { get; set; }
    public int? CollisionCount { get; set; }
}

/// <summary>Type: Available, Progressing, ReplicaFailure.</summary>
public sealed class DeploymentCondition
{
    public string? Type { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? LastUpdateTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
