using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.ReplicaSets;

namespace ActorPods.ControlPlane.Controllers.ReplicationControllers;

/// <summary>
/// The ReplicationController seen through the ReplicaSet logic, as pkg/controller/replication/conversion.go does it:
/// the map selector becomes matchLabels (an empty map, which RC defaulting replaces by the template's labels, selects
/// everything), events come from "replication-controller", owner references say v1 ReplicationController.
/// </summary>
public sealed class ReplicationControllerKind : ReplicaSetKind
{
    public static readonly ReplicationControllerKind Instance = new();

    public override string Resource => "replicationcontrollers";
    public override string Kind => "ReplicationController";
    public override string ApiVersion => "v1";
    public override string Component => "replication-controller";

    public override ReplicaSet? AsReplicaSet(KubeObject? obj)
    {
        if (obj is not ReplicationController rc) return null;
        var spec = rc.Spec;
        var status = rc.Status;
        return new ReplicaSet
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            Metadata = rc.Metadata,
            Spec = new ReplicaSetSpec
            {
                Replicas = spec?.Replicas,
                MinReadySeconds = spec?.MinReadySeconds,
                Selector = new LabelSelector { MatchLabels = spec?.Selector is { } s ? new Dictionary<string, string>(s) : null },
                Template = spec?.Template,
            },
            Status = status is null ? null : new ReplicaSetStatus
            {
                Replicas = status.Replicas,
                FullyLabeledReplicas = status.FullyLabeledReplicas,
                ReadyReplicas = status.ReadyReplicas,
                AvailableReplicas = status.AvailableReplicas,
                ObservedGeneration = status.ObservedGeneration,
                Conditions = status.Conditions,
            },
        };
    }

    public override ApiServerRequest StatusUpdate(KubeObject original, ReplicaSetStatus status)
    {
        var copy = ((ReplicationController)original).DeepClone();
        copy.Status = new ReplicationControllerStatus
        {
            Replicas = status.Replicas,
            FullyLabeledReplicas = status.FullyLabeledReplicas,
            ReadyReplicas = status.ReadyReplicas,
            AvailableReplicas = status.AvailableReplicas,
            ObservedGeneration = status.ObservedGeneration,
            Conditions = status.Conditions,
        };
        return new Update(copy, "status");
    }
}
