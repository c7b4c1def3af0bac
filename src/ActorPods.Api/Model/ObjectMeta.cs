namespace ActorPods.Api.Model;

/// <summary>metav1.ObjectMeta (k8s.io/apimachinery/pkg/apis/meta/v1/types.go).</summary>
public sealed class ObjectMeta
{
    public string? Name { get; set; }
    public string? GenerateName { get; set; }
    public string? Namespace { get; set; }
    public string? SelfLink { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTimeOffset? CreationTimestamp { get; set; }
    public DateTimeOffset? DeletionTimestamp { get; set; }
    public long? DeletionGracePeriodSeconds { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public List<OwnerReference>? OwnerReferences { get; set; }
    public List<string>? Finalizers { get; set; }
    public List<ManagedFieldsEntry>? ManagedFields { get; set; }
}

/// <summary>metav1.OwnerReference: what the garbage collector follows.</summary>
public sealed class OwnerReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Uid { get; set; }
    public bool? Controller { get; set; }
    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>metav1.ManagedFieldsEntry; kept so `kubectl get -o yaml` output loads back.</summary>
public sealed class ManagedFieldsEntry
{
    public string? Manager { get; set; }
    public string? Operation { get; set; }
    public string? ApiVersion { get; set; }
    public DateTimeOffset? Time { get; set; }
    public string? FieldsType { get; set; }
    public System.Text.Json.Nodes.JsonObject? FieldsV1 { get; set; }
    public string? Subresource { get; set; }
}

/// <summary>metav1.ListMeta.</summary>
public sealed class ListMeta
{
    public string? ResourceVersion { get; set; }
    public string? Continue { get; set; }
    public long? RemainingItemCount { get; set; }
}

/// <summary>v1.ObjectReference (used by Event.involvedObject, Endpoints targetRef, ...).</summary>
public sealed class ObjectReference
{
    public string? Kind { get; set; }
    public string? Namespace { get; set; }
    public string? Name { get; set; }
    public string? Uid { get; set; }
    public string? ApiVersion { get; set; }
    public string? ResourceVersion { get; set; }
    public string? FieldPath { get; set; }
}

/// <summary>v1.LocalObjectReference (imagePullSecrets, ...).</summary>
public sealed class LocalObjectReference
{
    public string? Name { get; set; }
}

/// <summary>metav1.LabelSelector.</summary>
public sealed class LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>metav1.LabelSelectorRequirement: operator is In, NotIn, Exists or DoesNotExist.</summary>
public sealed class LabelSelectorRequirement
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public List<string>? Values { get; set; }
}

/// <summary>metav1.Condition style used by some kinds; pods and nodes use their own condition types.</summary>
public sealed class Condition
{
    public string? Type { get; set; }
    public string? Status { get; set; }
    public long? ObservedGeneration { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
