using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// `kubectl get pods` rows (printers.go printPod): NAME READY STATUS RESTARTS AGE, wide adds
/// IP NODE NOMINATED NODE READINESS GATES.
/// </summary>
public static class PodPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name"), new("Ready"), new("Status"), new("Restarts"), new("Age"),
        TableColumn.Wide("IP"), TableColumn.Wide("Node"), TableColumn.Wide("Nominated Node"), TableColumn.Wide("Readiness Gates"),
    ];

    public static Table Table(IEnumerable<Pod> pods, DateTimeOffset now) => new(Columns, pods.Select(p => Row(p, now)).ToList());

    /// <summary>All cells, wide ones included (the server always renders them; the printer filters).</summary>
    public static TableRow Row(Pod pod, DateTimeOffset now)
    {
        var summary = PodStatusColumn.Compute(pod);
        var cells = new List<string>
        {
            pod.Metadata?.Name ?? "",
            summary.Ready,
            summary.Status,
            RestartsCell(summary, now),
            HumanDuration.Since(pod.Metadata?.CreationTimestamp, now),
        };

        var podIP = pod.Status?.PodIPs is { Count: > 0 } ips ? ips[0].Ip ?? "" : "";
        cells.Add(NoneIfEmpty(podIP));
        cells.Add(NoneIfEmpty(pod.Spec?.NodeName));
        cells.Add(NoneIfEmpty(pod.Status?.NominatedNodeName));
        cells.Add(ReadinessGates(pod));
        return new TableRow(cells, pod.Metadata?.Namespace);
    }

    /// <summary>"6", or "3 (10s ago)" when there were restarts and a last termination time is known.</summary>
    public static string RestartsCell(PodStatusSummary summary, DateTimeOffset now) =>
        summary.Restarts != 0 && summary.LastRestart is { } last
            ? $"{summary.Restarts} ({HumanDuration.Since(last, now)} ago)"
            : summary.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // "<true conditions>/<gates>", a gate counting when the first condition of its type is True.
    private static string ReadinessGates(Pod pod)
    {
        var gates = pod.Spec?.ReadinessGates;
        if (gates is null || gates.Count == 0) return "<none>";
        var conditions = pod.Status?.Conditions ?? [];
        var trueConditions = gates.Count(g => conditions.FirstOrDefault(c => c.Type == g.ConditionType)?.Status == "True");
        return $"{trueConditions}/{gates.Count}";
    }

    internal static string NoneIfEmpty(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}
