using System.Text.RegularExpressions;
using ActorPods.Sim.Tests.Reports;

namespace ActorPods.Cli.Tests.Run;

/// <summary>`actorpods run ... --report PATH.html`, in-process with the real node side.</summary>
public sealed class RunReportSpec : IDisposable
{
    private const string WebBehindAService = """
        apiVersion: actorpods.io/v1alpha1
        kind: Scenario
        metadata: {name: web-behind-a-service}
        spec:
          duration: 60s
          objects:
          - apiVersion: v1
            kind: Service
            metadata: {name: web-svc}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
          - apiVersion: v1
            kind: Pod
            metadata: {name: web, labels: {app: web}}
            spec:
              containers:
              - name: nginx
                image: nginx:1.17.1
                readinessProbe:
                  httpGet: {path: /, port: 80}
                  periodSeconds: 5
                lifecycle:
                  preStop:
                    exec: {command: [sh, -c, "sleep 5"]}
          actions:
          - at: 30s
            delete: {pod: web}
          expect:
          - {by: 20s, pod: web, ready: "1/1"}
          - {by: 20s, pod: web, deleted: true}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actorpods-cli-report-" + Guid.NewGuid().ToString("N"));

    public RunReportSpec() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ActorPodsCli.Run(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    private static readonly string InitContainers = RepoFile("config/scenarios/init-containers-wait-for-addresses.yaml");

    // The shipped cluster config creates the tutorials' `dev` namespace.
    private static readonly string ClusterConfig = RepoFile("config/cluster.yaml");

    [Fact]
    public void The_report_holds_the_runs_timeline_verdicts_and_command_line_and_needs_nothing_from_the_network()
    {
        var report = Path.Combine(_dir, "init.html");
        var (code, output, err) = Run("run", InitContainers, "--cluster", ClusterConfig, "--report", report, "--seed", "1");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.Contains("# 4 passed", output);

        var html = File.ReadAllText(report);
        foreach (var lane in new[]
                 {
                     "node/node-1", "node/node-2", "node/node-3", "pod/dev/pod-initcontainer",
                     "pod/dev/pod-initcontainer/container/test-mysql", "pod/dev/pod-initcontainer/container/test-redis",
                     "pod/dev/pod-initcontainer/container/main-container",
                 })
            Assert.Contains($"data-lane=\"{lane}\"", html);
        Assert.Equal(4, Regex.Matches(html, "data-verdict=\"PASS\"").Count);
        Assert.Contains("data-overall=\"PASS\"", html);
        Assert.Contains($"<pre class=\"cmd\">$ actorpods run {InitContainers} --cluster {ClusterConfig} --report {report} --seed 1</pre>", html);
        Assert.Contains("<dt>Seed</dt><dd>1</dd>", html);
        Assert.Matches("<dt>Ended</dt><dd>quiescent at [0-9.]+s \\(nothing changed for 1m0s\\)</dd>", html);
        Assert.Contains("<td>Scheduled</td><td>dev/pod/pod-initcontainer</td>", html);
        Assert.Contains("data-action=\"addAddress\"", html);
        Assert.DoesNotMatch("(src|href)=|https?://|url\\(", html);
    }

    [Fact]
    public void The_same_run_writes_the_same_report_byte_for_byte()
    {
        var report = Path.Combine(_dir, "r.html");
        Assert.Equal(0, Run("run", InitContainers, "--cluster", ClusterConfig, "--report", report).Code);
        var first = File.ReadAllBytes(report);
        Assert.Equal(0, Run("run", InitContainers, "--cluster", ClusterConfig, "--report", report).Code);
        Assert.Equal(first, File.ReadAllBytes(report));
    }

    [Fact]
    public void Endpoint_membership_comes_from_the_runs_endpoints_records_and_a_failed_verdict_fails_the_page()
    {
        var scenario = Path.Combine(_dir, "svc.yaml");
        File.WriteAllText(scenario, WebBehindAService);
        var report = Path.Combine(_dir, "svc.html");
        var (code, output, _) = Run("run", scenario, "--report", report);
        Assert.Equal(1, code);
        Assert.Contains("FAIL  by 20s: pod/web deleted=true", output);

        var html = File.ReadAllText(report);
        Assert.Contains("data-overall=\"FAIL\"", html);
        Assert.Contains("<li class=\"fail\" data-verdict=\"FAIL\">", html);
        // Out until the pod has an IP, notReady until the readiness probe passes (both at 3s), ready until the delete
        // takes it out of the Service at once (before its preStop hook ends and SIGTERM is sent).
        var lane = Regex.Match(html, "data-lane=\"pod/web/endpoints/web-svc\">(?:(?!data-lane=).)*", RegexOptions.Singleline);
        Assert.True(lane.Success, "no endpoints lane for pod/web in web-svc");
        Assert.Equal(["out", "notReady", "ready", "out"], Regex.Matches(lane.Value, "data-segment=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray());
        Assert.Contains("data-segment=\"out\" data-start=\"30\"", lane.Value);
        Assert.Contains("data-lane=\"pod/web/container/nginx/hooks\"", html);
        Assert.Contains("data-marker=\"signal-sigterm\" data-t=\"35\"", html);
        Assert.Contains("data-marker=\"probe-success\"", html);
    }

    [Fact]
    public void A_report_path_that_cannot_be_written_is_an_error_after_the_run_whose_output_is_all_there()
    {
        var report = Path.Combine(_dir, "no-such-dir", "r.html");
        var (code, output, err) = Run("run", InitContainers, "--cluster", ClusterConfig, "--report", report);
        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot write the report to {report}: ", err);
        Assert.Contains("# 4 passed", output);
        Assert.Contains("$ kubectl get events -n dev", output);
        Assert.False(File.Exists(report));
    }

    [ChromiumFact]
    public void Chromium_shows_the_timeline_of_a_real_run_with_every_bar_laid_out()
    {
        var report = Path.Combine(_dir, "init.html");
        Assert.Equal(0, Run("run", InitContainers, "--cluster", ClusterConfig, "--report", report).Code);
        var html = File.ReadAllText(report);

        var dom = HeadlessChromium.Run(report, "--dump-dom");

        var bars = Regex.Matches(html, "<div class=\"(seg|span)[^\"]*\" data-segment=").Count;
        Assert.True(bars >= 12, $"expected the run's timeline, found {bars} bars");
        Assert.Contains($"data-rendered-segments=\"{bars}/{bars}\"", dom);
        foreach (var (lane, label) in new[]
                 {
                     ("node/node-1", "node-1"), ("node/node-3", "node-3"), ("pod/dev/pod-initcontainer", "dev/pod-initcontainer"),
                     ("pod/dev/pod-initcontainer/container/test-mysql", "init: test-mysql"),
                     ("pod/dev/pod-initcontainer/container/main-container", "main-container"),
                 })
            Assert.Matches(new Regex($"data-lane=\"{Regex.Escape(lane)}\"><div class=\"lane-label\"[^>]*>{Regex.Escape(label)}"), dom);
        AssertLaneShows(dom, "pod/dev/pod-initcontainer", "Init:0/2", "Init:1/2", "PodInitializing", "Running");
        AssertLaneShows(dom, "pod/dev/pod-initcontainer/container/test-redis", "waiting:PodInitializing", "running", "terminated:Completed");
        AssertLaneShows(dom, "node/node-1", "True");
        Assert.Equal(4, Regex.Matches(dom, "data-verdict=\"PASS\"").Count);

        var png = Path.Combine(_dir, "init.png");
        HeadlessChromium.Run(report, $"--screenshot={png}", "--window-size=1400,1000");
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.True(bytes.Length > 20_000, $"screenshot is suspiciously small ({bytes.Length} bytes)");
        // To look at the page and its screenshot yourself: ACTORPODS_TEST_ARTIFACTS=/some/dir dotnet test ...
        HeadlessChromium.Keep(report, png, "run-report");
    }

    /// <summary>The lane's own bars (up to the next lane) carry these states, in this order.</summary>
    private static void AssertLaneShows(string dom, string lane, params string[] states)
    {
        var pattern = $"data-lane=\"{Regex.Escape(lane)}\">" +
                      string.Concat(states.Select(s => $"(?:(?!data-lane=).)*?data-segment=\"{Regex.Escape(s)}\""));
        Assert.Matches(new Regex(pattern, RegexOptions.Singleline), dom);
    }
}
