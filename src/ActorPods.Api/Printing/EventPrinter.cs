using System.Globalization;
using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// `kubectl get events` (printers.go printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds
/// SUBOBJECT SOURCE FIRST SEEN COUNT NAME (in the server's cell order).
/// </summary>
public static class EventPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen"), new("Type"), new("Reason"), new("Object"), TableColumn.Wide("Subobject"), TableColumn.Wide("Source"),
        new("Message"), TableColumn.Wide("First Seen"), TableColumn.Wide("Count"), TableColumn.Wide("Name"),
    ];

    /// <summary>Rows in the order given (the server lists events by name; kubectl get does not sort them).</summary>
    public static Table Table(IEnumerable<Event> items, DateTimeOffset now) => new(Columns, items.Select(e => Row(e, now)).ToList());

    public static TableRow Row(Event e, DateTimeOffset now)
    {
        var firstTimestamp = HumanDuration.IsZero(e.FirstTimestamp) ? HumanDuration.SinceMicro(e.EventTime, now) : HumanDuration.Since(e.FirstTimestamp, now);
        var lastTimestamp = HumanDuration.IsZero(e.LastTimestamp) ? firstTimestamp : HumanDuration.Since(e.LastTimestamp, now);
        var count = e.Count ?? 0;
        if (e.Series is not null)
        {
            lastTimestamp = HumanDuration.SinceMicro(e.Series.LastObservedTime, now);
            count = e.Series.Count ?? 0;
        }
        // Singleton events of the events.k8s.io API carry no count.
        else if (count == 0) count = 1;

        var involved = e.InvolvedObject;
        var kind = (involved?.Kind ?? "").ToLowerInvariant();
        var target = string.IsNullOrEmpty(involved?.Name) ? kind : $"{kind}/{involved.Name}";
        return new TableRow(
        [
            lastTimestamp,
            e.Type ?? "",
            e.Reason ?? "",
            target,
            involved?.FieldPath ?? "",
            FormatSource(e),
            (e.Message ?? "").Trim(),
            firstTimestamp,
            count.ToString(CultureInfo.InvariantCulture),
            e.Metadata?.Name ?? "",
        ], e.Metadata?.Namespace);
    }

    /// <summary>formatEventSource: "component, host" (reportingController/reportingInstance as fallbacks), host omitted when empty.</summary>
    public static string FormatSource(Event e)
    {
        var component = FirstNonEmpty(e.Source?.Component, e.ReportingComponent);
        var instance = FirstNonEmpty(e.Source?.Host, e.ReportingInstance);
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    private static string FirstNonEmpty(string? a, string? b) => !string.IsNullOrEmpty(a) ? a : b ?? "";
}
