using System.Text.Json.Serialization;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Model;

/// <summary>coordination.k8s.io/v1 Lease: the node heartbeat the node-lifecycle controller watches.</summary>
public sealed class Lease : KubeObject
{
    public LeaseSpec? Spec { get; set; }
}

/// <summary>acquireTime and renewTime are metav1.MicroTime (microsecond RFC3339).</summary>
public sealed class LeaseSpec
{
    public string? HolderIdentity { get; set; }
    public int? LeaseDurationSeconds { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    public int? LeaseTransitions { get; set; }
    public string? Strategy { get; set; }
    public string? PreferredHolder { get; set; }
}
