using System.Text;
using ActorPods.Sim.Reports;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;
using ReportTrace = ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Run;

/// <summary>
/// `run --report PATH.html`: the run's trace, verdicts and metadata rendered by <see cref="HtmlReport"/>. The trace goes
/// through its JSON-lines form in memory, so the page is exactly what the same trace saved with --trace would give.
/// </summary>
public static class RunReport
{
    public sealed record Facts(string Title, string? Scenario, int Seed, TimeSpan End, int NodeCount, string? CommandLine, string Ended);

    public static string Render(IReadOnlyList<TraceRecord> trace, IReadOnlyList<Verdict> verdicts, Facts facts)
    {
        var jsonl = new StringBuilder(trace.Count * 160);
        foreach (var r in trace) jsonl.Append(TraceJson.Write(r)).Append('\n');
        var model = ReportTrace.TraceReader.Read(jsonl.ToString());
        var meta = new ReportMetadata(facts.Title, facts.Scenario, facts.Seed, (double)TraceJson.Seconds(facts.End),
            facts.NodeCount, facts.CommandLine, facts.Ended);
        return HtmlReport.Render(model, verdicts.Select(v => new ReportVerdict(v.Expectation.Describe(), v.Passed, v.Seen)).ToList(), meta);
    }

    /// <summary>Writes the page; on failure says why on <paramref name="stderr"/> and returns false (the run's own
    /// output has been printed by then).</summary>
    public static bool TryWrite(string path, string html, TextWriter stderr)
    {
        try
        {
            File.WriteAllText(path, html, new UTF8Encoding(false));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"error: cannot write the report to {path}: {e.Message}");
            return false;
        }
    }
}
