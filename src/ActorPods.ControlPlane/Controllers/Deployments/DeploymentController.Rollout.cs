using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Common;
using static ActorPods.ControlPlane.Controllers.Deployments.DeploymentMath;

namespace ActorPods.ControlPlane.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>rolloutRolling (rolling.go): grow the new set within maxSurge, else shrink old ones within maxUnavailable.</summary>
    private void RolloutRolling(SyncState s)
    {
        SplitReplicaSets(s, createIfMissing: true);
        var d = s.D;
        var newRS = s.NewRS!;
        if (ReconcileNewReplicaSet(s, newRS) || ReconcileOldReplicaSets(s, newRS))
        {
            SyncRolloutStatus(s);
            return;
        }
        if (IsComplete(d, d.Status!)) CleanupOldReplicaSets(s);
        SyncRolloutStatus(s);
    }

    private bool ReconcileNewReplicaSet(SyncState s, ReplicaSet newRS)
    {
        var desired = Replicas(s.D);
        var current = newRS.Spec?.Replicas ?? 0;
        if (current == desired) return false;
        if (current > desired) return ScaleReplicaSet(s, newRS, desired);
        return ScaleReplicaSet(s, newRS, NewReplicaSetReplicas(s.D, s.All, newRS));
    }

    /// <summary>reconcileOldReplicaSets: scale old sets down as far as the availability budget allows, unhealthy replicas first.</summary>
    private bool ReconcileOldReplicaSets(SyncState s, ReplicaSet newRS)
    {
        var d = s.D;
        var oldActive = s.OldRSs.Where(rs => (rs.Spec?.Replicas ?? 0) > 0).ToList();
        if (SpecReplicas(oldActive) == 0) return false;
        var allPods = SpecReplicas(s.All);
        var minAvailable = Replicas(d) - MaxUnavailable(d);
        var newUnavailable = (newRS.Spec?.Replicas ?? 0) - (newRS.Status?.AvailableReplicas ?? 0);
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        // cleanupUnhealthyReplicas: replicas that are not available anyway go first.
        var cleaned = 0;
        foreach (var rs in oldActive.OrderBy(r => r.Metadata?.CreationTimestamp))
        {
            if (cleaned >= maxScaledDown) break;
            var replicas = rs.Spec?.Replicas ?? 0;
            var available = rs.Status?.AvailableReplicas ?? 0;
            if (replicas == 0 || replicas == available) continue;
            var down = Math.Min(maxScaledDown - cleaned, replicas - available);
            ScaleReplicaSet(s, rs, replicas - down);
            cleaned += down;
        }

        // scaleDownOldReplicaSetsForRollingUpdate: then as many available ones as keep minAvailable.
        var scaledDown = 0;
        var availablePods = AvailableReplicas(s.All);
        if (availablePods > minAvailable)
        {
            var budget = availablePods - minAvailable;
            foreach (var rs in oldActive.OrderBy(r => r.Metadata?.CreationTimestamp))
            {
                if (scaledDown >= budget) break;
                var replicas = rs.Spec?.Replicas ?? 0;
                if (replicas == 0) continue;
                var down = Math.Min(replicas, budget - scaledDown);
                ScaleReplicaSet(s, rs, replicas - down);
                scaledDown += down;
            }
        }
        return cleaned + scaledDown > 0;
    }

    /// <summary>rolloutRecreate (recreate.go): scale every old set to 0, wait until no old pod runs, then scale the new one up.</summary>
    private void RolloutRecreate(SyncState s)
    {
        SplitReplicaSets(s, createIfMissing: false);
        var scaledDown = false;
        foreach (var rs in s.OldRSs.Where(rs => (rs.Spec?.Replicas ?? 0) > 0))
            scaledDown |= ScaleReplicaSet(s, rs, 0);
        if (scaledDown || OldPodsRunning(s))
        {
            SyncRolloutStatus(s);
            return;
        }
        if (s.NewRS is null) SplitReplicaSets(s, createIfMissing: true);
        if ((s.NewRS!.Spec?.Replicas ?? 0) != Replicas(s.D)) ScaleReplicaSet(s, s.NewRS, Replicas(s.D));
        if (IsComplete(s.D, s.D.Status!)) CleanupOldReplicaSets(s);
        SyncRolloutStatus(s);
    }

    /// <summary>oldPodsRunning: old sets still report replicas, or a pod of an old set is not yet Succeeded/Failed (terminating ones count).</summary>
    private bool OldPodsRunning(SyncState s)
    {
        if (StatusReplicas(s.OldRSs) > 0) return true;
        var oldUids = s.OldRSs.Select(rs => rs.Metadata?.Uid).ToHashSet();
        return _pods.InNamespace<Pod>(s.D.Metadata?.Namespace).Any(p => PodConditions.ControllerOf(p) is { } owner && oldUids.Contains(owner.Uid)
                                         && !PodConditions.IsTerminal(p));
    }

    private void SyncStatusOnly(SyncState s)
    {
        SplitReplicaSets(s, createIfMissing: false);
        WriteStatus(s, CalculateStatus(s));
    }
}
