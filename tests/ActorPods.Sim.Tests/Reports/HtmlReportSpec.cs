using System.Text.RegularExpressions;
using ActorPods.Sim.Reports;
using ActorPods.Sim.Reports.Html;
using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Tests.Reports;

public class HtmlReportSpec
{
    private static string Render(string trace, IReadOnlyList<ReportVerdict>? verdicts = null, ReportMetadata? meta = null) =>
        HtmlReport.Render(TraceReader.Read(trace), verdicts ?? SampleTrace.Verdicts, meta ?? SampleTrace.Meta);

    [Fact]
    public void The_same_input_gives_a_byte_identical_page()
    {
        var a = Render(SampleTrace.Text);
        var b = HtmlReport.Render(TraceReader.Read(new StringReader(SampleTrace.Text)), SampleTrace.Verdicts.ToList(),
            SampleTrace.Meta with { });
        Assert.Equal(a, b);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        string invariant, german;
        try
        {
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            invariant = Render(SampleTrace.Text);
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            german = Render(SampleTrace.Text);
        }
        finally { Thread.CurrentThread.CurrentCulture = before; }
        Assert.Equal(invariant, german);
        Assert.Contains("left:5.667%", invariant); // 5.1 s of 90 s, with a decimal point
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = Render(SampleTrace.Text);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("http://", html.Replace("HTTP probe failed", ""));
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void Text_from_the_trace_verdicts_and_metadata_cannot_inject_markup()
    {
        const string evil = "<script>alert(1)</script>\"'><img onerror=x>";
        var json = System.Text.Json.JsonSerializer.Serialize(evil);
        var trace = $$"""
            {"t":0,"type":"pod","ns":{{json}},"name":{{json}},"node":{{json}},"status":{{json}},"ready":{{json}},"message":{{json}}}
            {"t":1,"type":"container","ns":{{json}},"pod":{{json}},"container":{{json}},"state":"waiting","reason":{{json}}}
            {"t":1,"type":"probe","ns":{{json}},"pod":{{json}},"container":{{json}},"probe":{{json}},"result":{{json}},"output":{{json}}}
            {"t":1,"type":"signal","ns":{{json}},"pod":{{json}},"container":{{json}},"signal":{{json}}}
            {"t":1,"type":"hook","ns":{{json}},"pod":{{json}},"container":{{json}},"hook":{{json}},"phase":"start"}
            {"t":2,"type":"event","ns":{{json}},"object":{{json}},"type":{{json}},"reason":{{json}},"message":{{json}},"source":{{json}}}
            {"t":2,"type":"log","ns":{{json}},"pod":{{json}},"container":{{json}},"line":{{json}}}
            {"t":2,"type":"action","action":{{json}},"arg":{{json}}}
            {"t":2,"type":"node","name":{{json}},"ready":{{json}},"taints":[{{json}}]}
            {"t":3,"type":"network","change":"partition","id":{{json}},"side":[{{json}}],"otherSide":[{{json}}],"mode":{{json}}}
            {"t":3,"type":"network","change":"link","from":{{json}},"to":{{json}},"latency":{{json}},"loss":{{json}}}
            {"t":3,"type":"host","name":{{json}},"change":"crashed"}
            {"t":3,"type":"endpoints","ns":{{json}},"name":{{json}},"ready":[{{json}}],"notReady":[{{json}}]}
            """;
        var html = Render(trace, [new(evil, false, evil)], new ReportMetadata(evil, evil, 1, 10, 1, evil));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img", html);
        Assert.Single(Regex.Matches(html, "<script>")); // only the page's own script
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img onerror=x&gt;", html);
        // Every attribute value is a well-formed quoted string: no raw quote from the data breaks out of one.
        Assert.DoesNotMatch(new Regex("\"'>"), html);
    }

    [Fact]
    public void The_header_counts_verdicts_and_shows_each_with_its_detail()
    {
        var html = Render(SampleTrace.Text);
        Assert.Contains("data-overall=\"FAIL\"", html);
        Assert.Contains("1 passed, 1 failed", html);
        Assert.Contains("still CrashLoopBackOff at 30 s (restarts 1)", html);
        Assert.Contains("<dt>Seed</dt><dd>42</dd>", html);
        Assert.Contains("90 s (1:30) virtual", html);
        Assert.Contains("actorpods run config/scenarios/graceful-delete.yaml", html);
        Assert.Contains("data-overall=\"PASS\"", Render(SampleTrace.Text, [new("ok", true)]));
    }

    [Fact]
    public void Lanes_segments_markers_and_tables_are_in_the_page()
    {
        var html = Render(SampleTrace.Text);
        foreach (var lane in new[]
                 {
                     "pod/web", "pod/crash", "pod/web/container/nginx", "pod/web/container/nginx/hooks",
                     "pod/web/endpoints/web-svc", "node/node-1", "node/node-2", "node/node-2/partitions", "network",
                 })
            Assert.Contains($"data-lane=\"{lane}\"", html);
        foreach (var seg in new[] { "Pending", "ContainerCreating", "Running", "Terminating", "CrashLoopBackOff", "Unknown", "preStop" })
            Assert.Contains($"data-segment=\"{seg}\"", html);
        foreach (var marker in new[] { "probe-failure", "probe-success", "signal-sigterm", "restart", "deleted" })
            Assert.Contains($"data-marker=\"{marker}\"", html);
        Assert.Contains("<tr data-event-type=\"Warning\" class=\"warn\">", html);
        Assert.Contains("<td class=\"num\">52 s</td><td class=\"num\">0:52</td>", html);
        Assert.Contains("data-action=\"delete\"", html);
        Assert.Contains("gracefully shutting down", html);
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(75, "1:15")]
    [InlineData(75.25, "1:15.25")]
    [InlineData(3600.5, "60:00.5")]
    public void Times_print_as_m_ss(double t, string clock) => Assert.Equal(clock, HtmlText.Clock(t));

    [Fact]
    public void An_empty_trace_still_renders_a_page()
    {
        var html = Render("", [], new ReportMetadata("nothing"));
        Assert.Contains("No events.", html);
        Assert.Contains("No expectations were checked.", html);
    }

    [Fact]
    public void Write_reads_a_trace_file_and_writes_the_same_page_as_Render()
    {
        var dir = Directory.CreateTempSubdirectory("actorpods-report-");
        try
        {
            var trace = Path.Combine(dir.FullName, "trace.jsonl");
            var report = Path.Combine(dir.FullName, "report.html");
            File.WriteAllText(trace, SampleTrace.Text);
            HtmlReport.Write(trace, report, SampleTrace.Verdicts, SampleTrace.Meta);
            Assert.Equal(Render(SampleTrace.Text), File.ReadAllText(report));
        }
        finally { dir.Delete(recursive: true); }
    }
}
