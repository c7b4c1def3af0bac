using System.Globalization;
using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Reports.Timeline;

/// <summary>Replays a trace in order, folding it into lanes. Lanes appear in order of first mention, so the page
/// reads top to bottom in the order things happened.</summary>
public static partial class TimelineBuilder
{
    public static TimelineModel Build(TraceModel trace, double? end = null)
    {
        var until = Math.Max(end ?? 0, trace.EndTime);
        var state = new ReplayState();
        foreach (var r in trace.Records.OrderBy(r => r.T).ThenBy(r => r.Line))
            state.Apply(r);
        return state.Finish(until);
    }

    internal static string PodId(string ns, string name) => ns is "default" or "" ? $"pod/{name}" : $"pod/{ns}/{name}";

    internal static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
