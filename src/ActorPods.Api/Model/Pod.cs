namespace ActorPods.Api.Model;

/// <summary>core/v1 Pod.</summary>
public sealed class Pod : KubeObject
{
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}

/// <summary>core/v1 PodTemplateSpec (Deployment/ReplicaSet template).</summary>
public sealed class PodTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public PodSpec? Spec { get; set; }
}
