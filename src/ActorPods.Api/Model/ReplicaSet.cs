namespace ActorPods.Api.Model;

/// <summary>apps/v1 ReplicaSet.</summary>
public sealed class ReplicaSet : KubeObject
{
    public ReplicaSetSpec? Spec { get; set; }
    public ReplicaSetStatus? Status { get; set; }
}

public sealed class ReplicaSetSpec
{
    public int? Replicas { get; set; }
    public int? MinReadySeconds { get; set; }
    public LabelSelector? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }
}

public sealed class ReplicaSetStatus
{
    public int? Replicas { get; set; }
    public int? FullyLabeledReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public int? TerminatingReplicas { get; set; }
    public long? ObservedGeneration { get; set; }
    public List<ReplicaSetCondition>? Conditions { get; set; }
}

public sealed class ReplicaSetCondition
{
    public string? Type { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
