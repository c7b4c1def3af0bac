using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.ReplicaSets;

/// <summary>
/// Which pods a ReplicaSet removes first when it scales down: controller.ActivePodsWithRanks.Less
/// (pkg/controller/controller_utils.go) with LogarithmicScaleDown (on by default since 1.22). Earlier in the order
/// means deleted first: unscheduled, then Pending before Unknown before Running, not ready before ready, pods doubled
/// up on a node, more recently ready (log2 buckets), more restarts, newer (log2 buckets). Ties go by name so the
/// choice is deterministic.
/// </summary>
public static class PodDeletionRanking
{
    public static List<Pod> Order(IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var onNode = pods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName))
            .GroupBy(p => p.Spec!.NodeName!).ToDictionary(g => g.Key, g => g.Count());
        int Rank(Pod p) => string.IsNullOrEmpty(p.Spec?.NodeName) ? 0 : onNode[p.Spec!.NodeName!];
        var list = pods.ToList();
        list.Sort((a, b) => Compare(a, b, Rank(a), Rank(b), now));
        return list;
    }

    private static int Compare(Pod a, Pod b, int rankA, int rankB, DateTimeOffset now)
    {
        // 1. Unassigned < assigned.
        var assignedA = !string.IsNullOrEmpty(a.Spec?.NodeName);
        var assignedB = !string.IsNullOrEmpty(b.Spec?.NodeName);
        if (assignedA != assignedB) return assignedA ? 1 : -1;
        // 2. PodPending < PodUnknown < PodRunning.
        var phase = PhaseRank(a).CompareTo(PhaseRank(b));
        if (phase != 0) return phase;
        // 3. Not ready < ready.
        var readyA = PodConditions.IsReady(a);
        var readyB = PodConditions.IsReady(b);
        if (readyA != readyB) return readyA ? 1 : -1;
        // 4. Doubled up (more pods of this set on the same node) < not doubled up.
        if (rankA != rankB) return rankB.CompareTo(rankA);
        // 5. Been ready for less time < more time (log2 buckets of the time since).
        if (readyA && readyB)
        {
            var readyFor = Bucket(PodConditions.Get(a, "Ready")?.LastTransitionTime, now).CompareTo(Bucket(PodConditions.Get(b, "Ready")?.LastTransitionTime, now));
            if (readyFor != 0) return readyFor;
        }
        // 6. More restarts < fewer.
        var restarts = MaxRestarts(b).CompareTo(MaxRestarts(a));
        if (restarts != 0) return restarts;
        // 7. Newer < older (log2 buckets).
        var age = Bucket(a.Metadata?.CreationTimestamp, now).CompareTo(Bucket(b.Metadata?.CreationTimestamp, now));
        if (age != 0) return age;
        return string.CompareOrdinal(a.Metadata?.Name, b.Metadata?.Name);
    }

    private static int PhaseRank(Pod p) => p.Status?.Phase switch
    {
        "Pending" or null or "" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    };

    private static int MaxRestarts(Pod p) => p.Status?.ContainerStatuses?.Select(c => c.RestartCount ?? 0).DefaultIfEmpty(0).Max() ?? 0;

    /// <summary>The log2 bucket of the time since <paramref name="t"/> (controller_utils.go logarithmicRankDiff): smaller is newer.</summary>
    private static int Bucket(DateTimeOffset? t, DateTimeOffset now)
    {
        if (t is null) return int.MaxValue;
        var seconds = (now - t.Value).TotalSeconds;
        return seconds < 1 ? 0 : (int)Math.Floor(Math.Log2(seconds)) + 1;
    }
}
