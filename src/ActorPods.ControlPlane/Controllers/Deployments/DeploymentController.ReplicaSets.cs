using System.Globalization;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;
using static ActorPods.ControlPlane.Controllers.Deployments.DeploymentMath;

namespace ActorPods.ControlPlane.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>
    /// getAllReplicaSetsAndSyncRevision (sync.go): splits the sets into the new one (the oldest whose template equals
    /// the deployment's, ignoring pod-template-hash) and the old ones, brings the new one's revision and
    /// minReadySeconds up to date, and creates it when asked to and it does not exist.
    /// </summary>
    private void SplitReplicaSets(SyncState s, bool createIfMissing)
    {
        var d = s.D;
        s.NewRS = s.RsList.FirstOrDefault(rs => PodTemplateHash.EqualIgnoringHash(rs.Spec?.Template, d.Spec?.Template));
        s.OldRSs = s.RsList.Where(rs => !ReferenceEquals(rs, s.NewRS)).ToList();
        var newRevision = (s.OldRSs.Select(Revision).DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture);

        if (s.NewRS is { } existing)
        {
            var annotationsChanged = SetNewReplicaSetAnnotations(d, existing, newRevision, exists: true);
            var minReadyChanged = existing.Spec!.MinReadySeconds != d.Spec?.MinReadySeconds;
            if (annotationsChanged || minReadyChanged)
            {
                existing.Spec.MinReadySeconds = d.Spec?.MinReadySeconds;
                Send(new Update(existing.DeepClone()));
            }
            s.MetadataChanged |= SetDeploymentRevision(d, existing.Meta.Annotations![RevisionAnnotation]);
            if (d.Spec?.ProgressDeadlineSeconds is not null && Condition(d.Status!, "Progressing") is null)
                SetCondition(d.Status!, NewCondition("Progressing", "True", "FoundNewReplicaSet", $"Found new replica set \"{existing.Metadata!.Name}\""));
            return;
        }
        if (!createIfMissing) return;
        CreateNewReplicaSet(s, newRevision);
    }

    private void CreateNewReplicaSet(SyncState s, string newRevision)
    {
        var d = s.D;
        var hash = PodTemplateHash.Compute(d.Spec?.Template, d.Status?.CollisionCount);
        var template = d.Spec?.Template is null ? new PodTemplateSpec() : ModelCloner.Clone(d.Spec.Template);
        template.Metadata ??= new ObjectMeta();
        (template.Metadata.Labels ??= new Dictionary<string, string>())[PodTemplateHash.LabelKey] = hash;
        var selector = d.Spec?.Selector is null ? new LabelSelector() : ModelCloner.Clone(d.Spec.Selector);
        (selector.MatchLabels ??= new Dictionary<string, string>())[PodTemplateHash.LabelKey] = hash;
        var rs = new ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new ObjectMeta
            {
                Name = d.Metadata!.Name + "-" + hash,
                Namespace = d.Metadata.Namespace,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                OwnerReferences =
                [
                    new OwnerReference
                    {
                        ApiVersion = "apps/v1", Kind = "Deployment", Name = d.Metadata.Name, Uid = d.Metadata.Uid, Controller = true, BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new ReplicaSetSpec { Replicas = 0, MinReadySeconds = d.Spec?.MinReadySeconds, Selector = selector, Template = template },
        };
        SetNewReplicaSetAnnotations(d, rs, newRevision, exists: false);
        var replicas = NewReplicaSetReplicas(d, s.OldRSs, rs);
        rs.Spec.Replicas = replicas;
        SetReplicasAnnotations(rs, Replicas(d), Replicas(d) + MaxSurge(d));
        var deployment = d;
        Send(new Create(rs.DeepClone()), r =>
        {
            if (r.IsSuccess)
            {
                // sync.go getNewReplicaSet.
                if (replicas > 0) RecordEvent(deployment, "Normal", "ScalingReplicaSet", $"Scaled up replica set {rs.Metadata.Name} from 0 to {replicas}");
                ResetBackoff(s.Key);
                return;
            }
            RequeueWithBackoff(s.Key);
        });
        s.NewRS = rs;
        s.MetadataChanged |= SetDeploymentRevision(d, newRevision);
        if (d.Spec?.ProgressDeadlineSeconds is not null)
            SetCondition(d.Status!, NewCondition("Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{rs.Metadata.Name}\""));
    }

    /// <summary>SetNewReplicaSetAnnotations: the deployment's annotations (less the controller's own) and the revision, which only grows.</summary>
    private static bool SetNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, string newRevision, bool exists)
    {
        var changed = false;
        var annotations = rs.Meta.Annotations ??= new Dictionary<string, string>();
        foreach (var (k, v) in d.Metadata?.Annotations ?? [])
        {
            if (NotCopied.Contains(k) || annotations.GetValueOrDefault(k) == v) continue;
            annotations[k] = v;
            changed = true;
        }
        if (Revision(rs) < long.Parse(newRevision, CultureInfo.InvariantCulture))
        {
            annotations[RevisionAnnotation] = newRevision;
            changed = true;
        }
        if (!exists) SetReplicasAnnotations(rs, Replicas(d), Replicas(d) + MaxSurge(d));
        return changed;
    }

    private static bool SetDeploymentRevision(Deployment d, string revision)
    {
        var annotations = d.Meta.Annotations ??= new Dictionary<string, string>();
        if (annotations.GetValueOrDefault(RevisionAnnotation) == revision) return false;
        annotations[RevisionAnnotation] = revision;
        return true;
    }

    /// <summary>
    /// scaleReplicaSetAndRecordEvent: writes the new size (and the desired/max replica annotations) and records
    /// "Scaled up|down replica set X from A to B" once the write succeeded. The local copy changes at once so the rest of
    /// this sync sees it. Returns whether the size changed.
    /// </summary>
    private bool ScaleReplicaSet(SyncState s, ReplicaSet rs, int newScale, string? operation = null)
    {
        var d = s.D;
        var oldScale = rs.Spec?.Replicas ?? 0;
        var sizeChanged = oldScale != newScale;
        var annotationsChanged = SetReplicasAnnotations(rs, Replicas(d), Replicas(d) + MaxSurge(d));
        if (!sizeChanged && !annotationsChanged) return false;
        rs.Spec!.Replicas = newScale;
        var name = rs.Metadata!.Name;
        Send(new Update(rs.DeepClone()), r =>
        {
            if (r.IsSuccess && sizeChanged)
                RecordEvent(d, "Normal", "ScalingReplicaSet", $"Scaled {operation ?? (oldScale < newScale ? "up" : "down")} replica set {name} from {oldScale} to {newScale}");
            else if (!r.IsSuccess) RequeueWithBackoff(s.Key);
        });
        return sizeChanged;
    }

    /// <summary>cleanupDeployment: deletes the oldest fully scaled-down old sets beyond revisionHistoryLimit.</summary>
    private void CleanupOldReplicaSets(SyncState s)
    {
        if (s.D.Spec?.RevisionHistoryLimit is not { } limit) return;
        var cleanable = s.OldRSs.Where(rs => rs.Metadata?.DeletionTimestamp is null)
            .OrderBy(Revision).ThenBy(rs => rs.Metadata?.CreationTimestamp).ToList();
        var diff = cleanable.Count - limit;
        for (var i = 0; i < diff; i++)
        {
            var rs = cleanable[i];
            if ((rs.Status?.Replicas ?? 0) != 0 || (rs.Spec?.Replicas ?? 0) != 0 || (rs.Metadata?.Generation ?? 0) > (rs.Status?.ObservedGeneration ?? 0)) continue;
            Send(new Delete("replicasets", rs.Metadata!.Namespace, rs.Metadata.Name!, Preconditions: new Preconditions(Uid: rs.Metadata.Uid)));
        }
    }
}
