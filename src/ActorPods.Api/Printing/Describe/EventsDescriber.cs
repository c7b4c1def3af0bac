using ActorPods.Api.Model;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// The Events table closing every `kubectl describe` (describe.go DescribeEvents): sorted by lastTimestamp,
/// columns Type Reason Age From Message, the Age of a repeated event as "3m (x6 over 3h59m)".
/// </summary>
public static class EventsDescriber
{
    internal static void Write(DescribeWriter w, IReadOnlyList<Event> events, DateTimeOffset now)
    {
        if (events.Count == 0)
        {
            w.Write(DescribeWriter.Level0, "Events:\t<none>\n");
            return;
        }
        w.Flush();
        w.Write(DescribeWriter.Level0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
        w.Write(DescribeWriter.Level1, "----\t------\t----\t----\t-------\n");
        // SortableEvents orders by lastTimestamp (unset first); kept stable here for equal times.
        foreach (var e in events.OrderBy(e => HumanDuration.IsZero(e.LastTimestamp) ? DateTimeOffset.MinValue : e.LastTimestamp!.Value))
            w.Write(DescribeWriter.Level1, $"{e.Type}\t{e.Reason}\t{Age(e, now)}\t{Source(e)}\t{(e.Message ?? "").Trim()}\n");
    }

    /// <summary>The Age cell: first-seen age, or "&lt;last&gt; (x&lt;count&gt; over &lt;first&gt;)" for a repeated event.</summary>
    public static string Age(Event e, DateTimeOffset now)
    {
        var first = HumanDuration.IsZero(e.EventTime) ? HumanDuration.Since(e.FirstTimestamp, now) : HumanDuration.SinceMicro(e.EventTime, now);
        if (e.Series is { } series)
            return $"{HumanDuration.SinceMicro(series.LastObservedTime, now)} (x{series.Count ?? 0} over {first})";
        if ((e.Count ?? 0) > 1)
            return $"{HumanDuration.Since(e.LastTimestamp, now)} (x{e.Count} over {first})";
        return first;
    }

    /// <summary>The From cell: source.component, else reportingController.</summary>
    public static string Source(Event e) => !string.IsNullOrEmpty(e.Source?.Component) ? e.Source.Component : e.ReportingComponent ?? "";
}
