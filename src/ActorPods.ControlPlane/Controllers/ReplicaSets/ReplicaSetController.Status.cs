using ActorPods.Api.Model;
using ActorPods.Api.Selectors;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.ReplicaSets;

public sealed partial class ReplicaSetController
{
    /// <summary>
    /// calculateStatus + updateReplicaSetStatus (pkg/controller/replicaset/replica_set_utils.go): counts over the active
    /// pods; written only when it changed. With minReadySeconds, the set is synced again when the next ready pod
    /// becomes available.
    /// </summary>
    private void UpdateStatus(string key, KubeObject original, ReplicaSet rs, List<Pod> active)
    {
        var minReady = rs.Spec?.MinReadySeconds ?? 0;
        var templateLabels = rs.Spec?.Template?.Metadata?.Labels;
        var now = Now;
        var status = new ReplicaSetStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count(p => LabelSelectors.MatchesSet(templateLabels, p.Metadata?.Labels)),
            ReadyReplicas = active.Count(PodConditions.IsReady),
            AvailableReplicas = active.Count(p => PodConditions.IsAvailable(p, minReady, now)),
            ObservedGeneration = rs.Metadata?.Generation,
            Conditions = rs.Status?.Conditions,
        };
        if (!Same(rs.Status, status)) Send(_kind.StatusUpdate(original, status));
        if (minReady > 0 && status.ReadyReplicas != status.AvailableReplicas)
        {
            var next = active.Select(p => PodConditions.AvailableAt(p, minReady)).Where(t => t is not null && t.Value >= now).Min();
            // IsPodAvailable wants readiness strictly longer than minReadySeconds: look a millisecond after.
            if (next is { } at) EnqueueAfter(key, at - now + TimeSpan.FromMilliseconds(1));
        }
    }

    private static bool Same(ReplicaSetStatus? a, ReplicaSetStatus b) =>
        a is not null && (a.Replicas ?? 0) == b.Replicas && (a.FullyLabeledReplicas ?? 0) == b.FullyLabeledReplicas
        && (a.ReadyReplicas ?? 0) == b.ReadyReplicas && (a.AvailableReplicas ?? 0) == b.AvailableReplicas
        && a.ObservedGeneration == b.ObservedGeneration;
}
