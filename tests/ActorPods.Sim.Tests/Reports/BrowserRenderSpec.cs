using System.Text.RegularExpressions;
using ActorPods.Sim.Reports;
using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Tests.Reports;

/// <summary>Opens the report in a real browser: the DOM Chromium builds must hold the lanes, and every timeline bar
/// must have been laid out with a width (the page's script counts them after layout).</summary>
public class BrowserRenderSpec
{
    [Fact]
    public void Chromium_renders_the_timeline_with_a_lane_and_visible_bars_for_every_pod_and_node()
    {
        var dir = Directory.CreateTempSubdirectory("actorpods-report-");
        try
        {
            var html = HtmlReport.Render(TraceReader.Read(SampleTrace.Text), SampleTrace.Verdicts, SampleTrace.Meta);
            var file = System.IO.Path.Combine(dir.FullName, "report.html");
            File.WriteAllText(file, html);

            var dom = HeadlessChromium.Run(file, "--dump-dom");

            var segments = Regex.Matches(html, "<div class=\"(seg|span)[^\"]*\" data-segment=").Count;
            Assert.True(segments > 20, $"expected a full timeline, found {segments} bars");
            Assert.Contains($"data-rendered-segments=\"{segments}/{segments}\"", dom);
            foreach (var (lane, label) in new[]
                     {
                         ("pod/web", "web"), ("pod/crash", "crash"), ("pod/web/container/nginx", "nginx"),
                         ("pod/crash/container/app", "app"), ("pod/web/endpoints/web-svc", "svc web-svc"),
                         ("node/node-1", "node-1"), ("node/node-2", "node-2"),
                     })
                Assert.Matches(new Regex($"data-lane=\"{Regex.Escape(lane)}\"><div class=\"lane-label\"[^>]*>{Regex.Escape(label)}"), dom);
            AssertLaneShows(dom, "pod/web", "Pending", "ContainerCreating", "Running", "Terminating");
            AssertLaneShows(dom, "pod/crash", "Running", "Error", "CrashLoopBackOff");
            AssertLaneShows(dom, "node/node-2", "True", "Unknown");
            AssertLaneShows(dom, "node/node-1/host", "kubeletStopped");
            AssertLaneShows(dom, "node/node-2/partitions", "partitioned");
            Assert.Contains("<tr data-event-type=\"Warning\" class=\"warn\">", dom);

            var png = System.IO.Path.Combine(dir.FullName, "report.png");
            HeadlessChromium.Run(file, $"--screenshot={png}", "--window-size=1400,1400");
            var bytes = File.ReadAllBytes(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
            Assert.True(bytes.Length > 20_000, $"screenshot is suspiciously small ({bytes.Length} bytes)");
            HeadlessChromium.Keep(file, png, "sample-report");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The lane's own bars (up to the next lane) carry these states, in this order.</summary>
    private static void AssertLaneShows(string dom, string lane, params string[] states)
    {
        var pattern = $"data-lane=\"{Regex.Escape(lane)}\">" +
                      string.Concat(states.Select(s => $"(?:(?!data-lane=).)*?data-segment=\"{Regex.Escape(s)}\""));
        Assert.Matches(new Regex(pattern, RegexOptions.Singleline), dom);
    }
}
