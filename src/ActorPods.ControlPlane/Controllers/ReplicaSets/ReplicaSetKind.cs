using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Controllers.ReplicaSets;

/// <summary>
/// What differs between the kinds the ReplicaSet logic manages (pkg/controller/replicaset NewBaseController's
/// parameters plus pkg/controller/replication/conversion.go): the resource watched, the owner kind written into
/// controller references and events, the event source, and how an object of that kind reads as a ReplicaSet and
/// takes its status back.
/// </summary>
public abstract class ReplicaSetKind
{
    /// <summary>The api resource, e.g. "replicasets".</summary>
    public abstract string Resource { get; }

    public abstract string Kind { get; }

    public abstract string ApiVersion { get; }

    /// <summary>The event source component.</summary>
    public abstract string Component { get; }

    /// <summary>The object as a ReplicaSet: same metadata, kind and apiVersion kept (events and owner refs use them).</summary>
    public abstract ReplicaSet? AsReplicaSet(KubeObject? obj);

    /// <summary>The status write for <paramref name="original"/> carrying <paramref name="status"/>.</summary>
    public abstract ApiServerRequest StatusUpdate(KubeObject original, ReplicaSetStatus status);

    public static readonly ReplicaSetKind ReplicaSets = new ReplicaSetsKind();

    private sealed class ReplicaSetsKind : ReplicaSetKind
    {
        public override string Resource => "replicasets";
        public override string Kind => "ReplicaSet";
        public override string ApiVersion => "apps/v1";
        public override string Component => "replicaset-controller";

        public override ReplicaSet? AsReplicaSet(KubeObject? obj) => obj as ReplicaSet;

        public override ApiServerRequest StatusUpdate(KubeObject original, ReplicaSetStatus status)
        {
            var copy = ((ReplicaSet)original).DeepClone();
            copy.Status = status;
            return new Update(copy, "status");
        }
    }
}
