namespace ActorPods.Api.Model;

/// <summary>
/// core/v1 ReplicationController: the ReplicaSet's predecessor, still served by the API and
/// used by older tutorials. Its selector is a plain label map, not a LabelSelector.
/// </summary>
public sealed class ReplicationController : KubeObject
{
    public ReplicationControllerSpec? Spec { get; set; }
    public ReplicationControllerStatus? Status { get; set; }
}

public sealed class ReplicationControllerSpec
{
    public int? Replicas { get; set; }
    public int? MinReadySeconds { get; set; }
    public Dictionary<string, string>? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }
}

public sealed class ReplicationControllerStatus
{
    public int? Replicas { get; set; }
    public int? FullyLabeledReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public long? ObservedGeneration { get; set; }
    public List<ReplicaSetCondition>? Conditions { get; set; }
}
