using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.TaintEviction;

/// <summary>Toleration matching (k8s.io/api/core/v1/toleration.go, pkg/apis/core/v1/helper, tainteviction getMinTolerationTime).</summary>
public static class Tolerations
{
    /// <summary>Toleration.ToleratesTaint: effect and key match when set; Equal compares values, Exists any value.</summary>
    public static bool Tolerates(Toleration t, Taint taint)
    {
        if (!string.IsNullOrEmpty(t.Effect) && t.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(t.Key) && t.Key != taint.Key) return false;
        return t.Operator switch
        {
            null or "" or "Equal" => (t.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>GetMatchingTolerations: whether every taint is tolerated, and the first toleration matching each.</summary>
    public static (bool AllTolerated, List<Toleration> Used) Matching(IReadOnlyList<Taint> taints, IReadOnlyList<Toleration>? tolerations)
    {
        var used = new List<Toleration>();
        if (taints.Count == 0) return (true, used);
        if (tolerations is null or { Count: 0 }) return (false, []);
        foreach (var taint in taints)
        {
            var match = tolerations.FirstOrDefault(t => Tolerates(t, taint));
            if (match is null) return (false, []);
            used.Add(match);
        }
        return (true, used);
    }

    /// <summary>getMinTolerationTime: the shortest tolerationSeconds (0 if any is ≤ 0); null means tolerated forever.</summary>
    public static TimeSpan? MinTolerationTime(IReadOnlyList<Toleration> used)
    {
        if (used.Count == 0) return TimeSpan.Zero;
        long? min = null;
        foreach (var t in used)
        {
            if (t.TolerationSeconds is not { } seconds) continue;
            if (seconds <= 0) return TimeSpan.Zero;
            if (min is null || seconds < min) min = seconds;
        }
        return min is null ? null : TimeSpan.FromSeconds(min.Value);
    }
}
