using System.Text;
using ActorPods.Sim.Reports.Timeline;
using ActorPods.Sim.Reports.Trace;
using static ActorPods.Sim.Reports.Html.HtmlText;

namespace ActorPods.Sim.Reports;

/// <summary>Renders an experiment report: one self-contained HTML page (inline CSS, no external URLs, readable without
/// JavaScript). A pure function of its inputs: the same trace, verdicts and metadata give byte-identical output.</summary>
public static partial class HtmlReport
{
    public static string Render(TraceModel trace, IReadOnlyList<ReportVerdict> verdicts, ReportMetadata meta)
    {
        var timeline = TimelineBuilder.Build(trace, meta.DurationSeconds);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(Escape(meta.Title)).Append(" — ActorPods report</title>\n")
          .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        Header(sb, trace, verdicts, meta, timeline);
        Verdicts(sb, verdicts);
        Timeline(sb, timeline);
        Legend(sb);
        Events(sb, trace);
        Actions(sb, trace);
        Logs(sb, trace);
        sb.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Reads a JSON Lines trace file and writes the report next to nothing else: the page embeds everything.</summary>
    public static void Write(string tracePath, string reportPath, IReadOnlyList<ReportVerdict> verdicts, ReportMetadata meta)
    {
        TraceModel trace;
        using (var reader = File.OpenText(tracePath)) trace = TraceReader.Read(reader);
        File.WriteAllText(reportPath, Render(trace, verdicts, meta), new UTF8Encoding(false));
    }

    private static void Header(StringBuilder sb, TraceModel trace, IReadOnlyList<ReportVerdict> verdicts,
        ReportMetadata meta, TimelineModel timeline)
    {
        var failed = verdicts.Count(v => !v.Passed);
        var passed = verdicts.Count - failed;
        var overall = verdicts.Count == 0 ? ("none", "NO EXPECTATIONS") : failed == 0 ? ("pass", "PASS") : ("fail", "FAIL");
        sb.Append("<header>\n<h1>").Append(Escape(meta.Title))
          .Append(" <span class=\"badge ").Append(overall.Item1).Append("\" data-overall=\"").Append(overall.Item2)
          .Append("\">").Append(overall.Item2).Append("</span></h1>\n<dl class=\"meta\">\n");
        void Item(string key, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            sb.Append("<div><dt>").Append(key).Append("</dt><dd>").Append(Escape(value)).Append("</dd></div>\n");
        }
        Item("Scenario", meta.Scenario);
        Item("Seed", meta.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item("Duration", Time(timeline.End) + " virtual");
        Item("Ended", meta.Ended);
        Item("Nodes", (meta.NodeCount ?? timeline.Nodes.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item("Pods", timeline.Pods.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item("Events", trace.Of<EventRecord>().Count().ToString(System.Globalization.CultureInfo.InvariantCulture)
            + $" ({trace.Of<EventRecord>().Count(e => e.Type == "Warning")} Warning)");
        Item("Expectations", $"{passed} passed, {failed} failed");
        sb.Append("</dl>\n");
        if (!string.IsNullOrEmpty(meta.CommandLine))
            sb.Append("<pre class=\"cmd\">$ ").Append(Escape(meta.CommandLine)).Append("</pre>\n");
        sb.Append("</header>\n");
    }

    private static void Verdicts(StringBuilder sb, IReadOnlyList<ReportVerdict> verdicts)
    {
        sb.Append("<section id=\"verdicts\">\n<h2>Expectations</h2>\n");
        if (verdicts.Count == 0)
        {
            sb.Append("<p class=\"muted\">No expectations were checked.</p>\n</section>\n");
            return;
        }
        sb.Append("<ul class=\"verdicts\">\n");
        foreach (var v in verdicts)
        {
            var cls = v.Passed ? "pass" : "fail";
            sb.Append("<li class=\"").Append(cls).Append("\" data-verdict=\"").Append(v.Passed ? "PASS" : "FAIL")
              .Append("\"><span class=\"badge ").Append(cls).Append("\">").Append(v.Passed ? "PASS" : "FAIL")
              .Append("</span> <span class=\"desc\">").Append(Escape(v.Description)).Append("</span>");
            if (!string.IsNullOrEmpty(v.Detail))
                sb.Append("<div class=\"detail\">").Append(Escape(v.Detail)).Append("</div>");
            sb.Append("</li>\n");
        }
        sb.Append("</ul>\n</section>\n");
    }
}
