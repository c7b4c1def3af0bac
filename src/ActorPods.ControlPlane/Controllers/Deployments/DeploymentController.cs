using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Common;
using static ActorPods.ControlPlane.Controllers.Deployments.DeploymentMath;

namespace ActorPods.ControlPlane.Controllers.Deployments;

/// <summary>
/// The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
/// "&lt;deployment&gt;-&lt;pod-template-hash&gt;", rolled with the RollingUpdate or Recreate strategy, old sets cleaned up past
/// revisionHistoryLimit, and status with the Available and Progressing conditions. Component "deployment-controller".
/// Each sync works on private copies of the cached objects; every write carries the resourceVersion it was computed
/// from, so a write made from a stale cache fails with a conflict and the next watch event syncs again.
/// </summary>
public sealed partial class DeploymentController : ControllerActor
{
    private readonly Informer _deployments;
    private readonly Informer _replicaSets;
    private readonly Informer _pods;

    public DeploymentController(IActorRef apiServer) : base(apiServer, "deployment-controller")
    {
        _deployments = Inform("deployments");
        _replicaSets = Inform("replicasets");
        _pods = Inform("pods");
        _deployments.Changed += (_, d) =>
        {
            if (d is not null) Enqueue(ObjectKey.Of(d));
        };
        _replicaSets.Changed += (old, rs) => EnqueueOwner((rs ?? old)!);
        // Pods matter only to Recreate, which waits for the old ones to be gone.
        _pods.Changed += (old, pod) =>
        {
            if (pod is null && old is not null) EnqueueOwnerOfPod(old);
            else if (pod is Pod p && p.Status?.Phase is "Succeeded" or "Failed") EnqueueOwnerOfPod(p);
        };
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new DeploymentController(apiServer));

    private void EnqueueOwner(KubeObject rs)
    {
        if (PodConditions.ControllerOf(rs) is { Kind: "Deployment" } owner) Enqueue(ObjectKey.Of(rs.Metadata?.Namespace, owner.Name!));
    }

    private void EnqueueOwnerOfPod(KubeObject pod)
    {
        if (PodConditions.ControllerOf(pod) is not { Kind: "ReplicaSet" } owner) return;
        if (_replicaSets.Find<ReplicaSet>(pod.Metadata?.Namespace, owner.Name!) is { } rs && rs.Metadata?.Uid == owner.Uid) EnqueueOwner(rs);
    }

    protected override void Sync(string key)
    {
        var cached = _deployments.Find<Deployment>(key);
        if (cached is null) return;
        var d = cached.DeepClone();
        d.Status ??= new DeploymentStatus();
        var original = ModelCloner.Clone(d.Status);
        var rsList = _replicaSets.InNamespace<ReplicaSet>(d.Metadata?.Namespace)
            .Where(rs => PodConditions.IsControlledBy(rs, d))
            .Select(rs => rs.DeepClone())
            .OrderBy(rs => rs.Metadata?.CreationTimestamp).ThenBy(rs => rs.Metadata?.Name, StringComparer.Ordinal)
            .ToList();
        var sync = new SyncState(key, d, original, rsList);

        if (d.Metadata?.DeletionTimestamp is not null)
        {
            SyncStatusOnly(sync);
            return;
        }
        // syncDeployment: a paused deployment, or one whose replicas changed, is only scaled.
        if (d.Spec?.Paused == true || IsScalingEvent(sync))
        {
            SyncScale(sync);
            return;
        }
        if (IsRollingUpdate(d)) RolloutRolling(sync);
        else RolloutRecreate(sync);
    }

    /// <summary>One sync's working set: the deployment copy, its status as read, and copies of its ReplicaSets.</summary>
    private sealed class SyncState(string key, Deployment d, DeploymentStatus original, List<ReplicaSet> rsList)
    {
        public string Key { get; } = key;
        public Deployment D { get; } = d;
        public DeploymentStatus Original { get; } = original;
        public List<ReplicaSet> RsList { get; } = rsList;
        public ReplicaSet? NewRS { get; set; }
        public List<ReplicaSet> OldRSs { get; set; } = [];
        /// <summary>The deployment's own metadata (the revision annotation) changed and must be written first.</summary>
        public bool MetadataChanged { get; set; }

        public List<ReplicaSet> All => NewRS is null ? [.. OldRSs] : [.. OldRSs, NewRS];
    }
}
