using System.Globalization;
using ActorPods.Api.Model;
using static ActorPods.ControlPlane.Controllers.Deployments.DeploymentMath;

namespace ActorPods.ControlPlane.Controllers.Deployments;

public sealed partial class DeploymentController
{
    /// <summary>isScalingEvent (sync.go): an active set was sized for a different spec.replicas than the deployment's now.</summary>
    private bool IsScalingEvent(SyncState s)
    {
        SplitReplicaSets(s, createIfMissing: false);
        foreach (var rs in s.All.Where(rs => (rs.Spec?.Replicas ?? 0) > 0))
        {
            if (rs.Metadata?.Annotations?.GetValueOrDefault(DesiredReplicasAnnotation) is not { } text
                || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var desired)) continue;
            if (desired != Replicas(s.D)) return true;
        }
        return false;
    }

    /// <summary>sync (sync.go): scale without rolling, clean up if paused, and write the status (no Progressing update).</summary>
    private void SyncScale(SyncState s)
    {
        SplitReplicaSets(s, createIfMissing: false);
        Scale(s);
        if (s.D.Spec?.Paused == true) CleanupOldReplicaSets(s);
        WriteStatus(s, CalculateStatus(s));
    }

    /// <summary>
    /// scale (sync.go): a single active (or else the newest) set takes all replicas; a saturated new set makes the old
    /// ones go to zero; otherwise, for RollingUpdate, the change is shared out in proportion to the sets' sizes,
    /// larger ones first (newer first when scaling up, older first when scaling down), leftovers to the first.
    /// </summary>
    private void Scale(SyncState s)
    {
        var d = s.D;
        var desired = Replicas(d);
        if (ActiveOrLatest(s) is { } only)
        {
            if ((only.Spec?.Replicas ?? 0) != desired) ScaleReplicaSet(s, only, desired);
            return;
        }
        if (s.NewRS is { } newRS && IsSaturated(d, newRS))
        {
            foreach (var old in s.OldRSs.Where(rs => (rs.Spec?.Replicas ?? 0) > 0)) ScaleReplicaSet(s, old, 0);
            return;
        }
        if (!IsRollingUpdate(d)) return;

        var active = s.All.Where(rs => (rs.Spec?.Replicas ?? 0) > 0).ToList();
        var allowed = desired > 0 ? desired + MaxSurge(d) : 0;
        var toAdd = allowed - SpecReplicas(active);
        string? operation = null;
        if (toAdd > 0)
        {
            active = active.OrderByDescending(rs => rs.Spec!.Replicas).ThenByDescending(rs => rs.Metadata?.CreationTimestamp).ToList();
            operation = "up";
        }
        else if (toAdd < 0)
        {
            active = active.OrderByDescending(rs => rs.Spec!.Replicas).ThenBy(rs => rs.Metadata?.CreationTimestamp).ToList();
            operation = "down";
        }
        var added = 0;
        var sizes = new int[active.Count];
        for (var i = 0; i < active.Count; i++)
        {
            var replicas = active[i].Spec!.Replicas ?? 0;
            if (toAdd == 0)
            {
                sizes[i] = replicas;
                continue;
            }
            var proportion = Proportion(d, active[i], toAdd, added);
            sizes[i] = replicas + proportion;
            added += proportion;
        }
        for (var i = 0; i < active.Count; i++)
        {
            if (i == 0 && toAdd != 0) sizes[0] = Math.Max(0, sizes[0] + toAdd - added);
            ScaleReplicaSet(s, active[i], sizes[i], operation);
        }
    }

    /// <summary>FindActiveOrLatest: the only active set, or the newest when none is active; null when several are.</summary>
    private static ReplicaSet? ActiveOrLatest(SyncState s)
    {
        if (s.NewRS is null && s.OldRSs.Count == 0) return null;
        var active = s.All.Where(rs => (rs.Spec?.Replicas ?? 0) > 0).ToList();
        return active.Count switch
        {
            0 => s.NewRS ?? s.OldRSs.OrderByDescending(rs => rs.Metadata?.CreationTimestamp).First(),
            1 => active[0],
            _ => null,
        };
    }

    /// <summary>IsSaturated: the new set was sized for, holds and has available all the deployment's replicas.</summary>
    private static bool IsSaturated(Deployment d, ReplicaSet rs) =>
        rs.Metadata?.Annotations?.GetValueOrDefault(DesiredReplicasAnnotation) == Replicas(d).ToString(CultureInfo.InvariantCulture)
        && (rs.Status?.AvailableReplicas ?? 0) == Replicas(d) && (rs.Spec?.Replicas ?? 0) == Replicas(d);

    /// <summary>GetReplicaSetProportion: this set's share of the change, never beyond what is left to add or remove.</summary>
    private static int Proportion(Deployment d, ReplicaSet rs, int toAdd, int added)
    {
        var replicas = rs.Spec?.Replicas ?? 0;
        if (replicas == 0 || toAdd == 0 || toAdd == added) return 0;
        var fraction = Fraction(d, rs);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>getReplicaSetFraction: the set's size scaled from the max-replicas it was sized for to the new maximum.</summary>
    private static int Fraction(Deployment d, ReplicaSet rs)
    {
        var replicas = rs.Spec?.Replicas ?? 0;
        if (Replicas(d) == 0) return -replicas;
        var max = Replicas(d) + MaxSurge(d);
        if (rs.Metadata?.Annotations?.GetValueOrDefault(MaxReplicasAnnotation) is not { } text
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var before) || before == 0)
            before = d.Status?.Replicas ?? 0;
        if (before == 0) return 0;
        return (int)Math.Round((double)replicas * max / before, MidpointRounding.AwayFromZero) - replicas;
    }
}
