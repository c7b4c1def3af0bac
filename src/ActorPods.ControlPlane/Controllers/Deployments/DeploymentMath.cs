using System.Globalization;
using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.Deployments;

/// <summary>The arithmetic of pkg/controller/deployment/util/deployment_util.go.</summary>
public static class DeploymentMath
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>Annotations a new ReplicaSet does not copy from its Deployment (skipCopyAnnotation).</summary>
    public static readonly IReadOnlySet<string> NotCopied = new HashSet<string>(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, "deployment.kubernetes.io/revision-history",
        DesiredReplicasAnnotation, MaxReplicasAnnotation, "deprecated.deployment.rollback.to",
    };

    public static int Replicas(Deployment d) => d.Spec?.Replicas ?? 1;

    public static bool IsRollingUpdate(Deployment d) => d.Spec?.Strategy?.Type is null or "" or "RollingUpdate";

    /// <summary>
    /// ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; both zero would block the rollout, so
    /// maxUnavailable becomes 1.
    /// </summary>
    public static (int Surge, int Unavailable) ResolveFenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = (maxSurge ?? IntOrString.FromInt(0)).GetScaledValue(desired, roundUp: true);
        var unavailable = (maxUnavailable ?? IntOrString.FromInt(0)).GetScaledValue(desired, roundUp: false);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    public static int MaxSurge(Deployment d)
    {
        if (!IsRollingUpdate(d)) return 0;
        var ru = d.Spec?.Strategy?.RollingUpdate;
        return ResolveFenceposts(ru?.MaxSurge, ru?.MaxUnavailable, Replicas(d)).Surge;
    }

    public static int MaxUnavailable(Deployment d)
    {
        if (!IsRollingUpdate(d) || Replicas(d) == 0) return 0;
        var ru = d.Spec?.Strategy?.RollingUpdate;
        var unavailable = ResolveFenceposts(ru?.MaxSurge, ru?.MaxUnavailable, Replicas(d)).Unavailable;
        return Math.Min(unavailable, Replicas(d));
    }

    /// <summary>NewRSNewReplicas: how far the new ReplicaSet may grow now.</summary>
    public static int NewReplicaSetReplicas(Deployment d, IEnumerable<ReplicaSet> allRSs, ReplicaSet newRS)
    {
        var desired = Replicas(d);
        var current = newRS.Spec?.Replicas ?? 0;
        if (!IsRollingUpdate(d)) return desired;
        var maxTotal = desired + MaxSurge(d);
        var podCount = SpecReplicas(allRSs);
        if (podCount >= maxTotal) return current;
        var scaleUp = Math.Min(maxTotal - podCount, desired - current);
        return current + scaleUp;
    }

    public static int SpecReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Spec?.Replicas ?? 0);

    public static int StatusReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.Replicas ?? 0);

    public static int ReadyReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.ReadyReplicas ?? 0);

    public static int AvailableReplicas(IEnumerable<ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.AvailableReplicas ?? 0);

    public static long Revision(KubeObject obj) =>
        obj.Metadata?.Annotations?.GetValueOrDefault(RevisionAnnotation) is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    /// <summary>ReplicasAnnotationsNeedUpdate / SetReplicasAnnotations.</summary>
    public static bool SetReplicasAnnotations(ReplicaSet rs, int desired, int max)
    {
        var annotations = rs.Meta.Annotations ??= new Dictionary<string, string>();
        var d = desired.ToString(CultureInfo.InvariantCulture);
        var m = max.ToString(CultureInfo.InvariantCulture);
        var changed = annotations.GetValueOrDefault(DesiredReplicasAnnotation) != d || annotations.GetValueOrDefault(MaxReplicasAnnotation) != m;
        annotations[DesiredReplicasAnnotation] = d;
        annotations[MaxReplicasAnnotation] = m;
        return changed;
    }

    /// <summary>DeploymentComplete: every replica updated, no old ones left, all available, and the spec observed.</summary>
    public static bool IsComplete(Deployment d, DeploymentStatus s) =>
        s.UpdatedReplicas == Replicas(d) && s.Replicas == Replicas(d) && s.AvailableReplicas == Replicas(d)
        && (s.ObservedGeneration ?? 0) >= (d.Metadata?.Generation ?? 0);

    /// <summary>DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than before.</summary>
    public static bool IsProgressing(DeploymentStatus old, DeploymentStatus s) =>
        (s.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0) || (s.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0)
        || (s.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0)
        || (s.Replicas ?? 0) - (s.UpdatedReplicas ?? 0) < (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0);
}
