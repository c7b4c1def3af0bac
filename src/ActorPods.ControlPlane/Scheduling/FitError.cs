namespace ActorPods.ControlPlane.Scheduling;

/// <summary>
/// The text of a failed scheduling attempt, as framework.FitError.Error() builds it in v1.32
/// (pkg/scheduler/framework/types.go): "0/N nodes are available:" then " &lt;histogram&gt;." where the histogram is
/// "count reason" strings sorted as strings (sort.Strings) and joined by ", ", then the PostFilter (preemption)
/// message in the same form. DefaultPreemption (pkg/scheduler/framework/preemption/preemption.go) reports
/// "No preemption victims found for incoming pod" for nodes that failed on resources (all our pods share priority 0,
/// so there is never a victim) and "Preemption is not helpful for scheduling" for the others. The preemption message
/// is itself a FitError ending in ".", so the whole text ends in "..", as kubectl describe shows it.
/// </summary>
public static class FitError
{
    /// <summary>ErrNoNodesAvailable (pkg/scheduler/schedule_one.go).</summary>
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    public const string NoVictims = "No preemption victims found for incoming pod";
    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";

    public static string Message(int nodeCount, IReadOnlyCollection<NodeRejection> rejections)
    {
        var filter = Histogram(rejections.SelectMany(r => r.Reasons));
        var preemption = Histogram(rejections.Select(r => r.Resolvable ? NoVictims : PreemptionNotHelpful));
        var postFilter = $"preemption: 0/{nodeCount} nodes are available: {preemption}.";
        return $"0/{nodeCount} nodes are available: {filter}. {postFilter}.";
    }

    private static string Histogram(IEnumerable<string> reasons) =>
        string.Join(", ", reasons
            .GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}")
            .Order(StringComparer.Ordinal));
}
