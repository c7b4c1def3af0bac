using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// The seed tutorials' examples (config/examples, unchanged) and their scenarios (config/scenarios) run with the real
/// node side (ActorPods.Node): what the tutorial text shows must happen.
/// </summary>
public sealed class SeedExamplesSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    // As `actorpods run` from the repository root: config/cluster.yaml (namespace dev, the image catalog).
    private static RunOptions Options(string? tracePath = null) =>
        new() { Cluster = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")), TracePath = tracePath };

    private static (RunOutcome Outcome, string Out) RunScenario(string relative, string? tracePath = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = SimulationRun.Execute(ScenarioLoader.Load(RepoFile(relative)), Options(tracePath), stdout, stderr);
        Assert.Equal("", stderr.ToString());
        return (outcome, stdout.ToString());
    }

    private static void AllPass(RunOutcome outcome, string output)
    {
        Assert.NotEmpty(outcome.Verdicts);
        Assert.True(outcome.Verdicts.All(v => v.Passed), output);
        Assert.Equal(0, outcome.ExitCode);
    }

    private static IEnumerable<TraceRecord> OfType(RunOutcome outcome, string type) => outcome.Trace.Where(r => r.Type == type);

    [Fact]
    public void Init_containers_wait_at_Init_0_of_2_until_each_address_answers_then_the_pod_runs()
    {
        var (outcome, output) = RunScenario("config/scenarios/init-containers-wait-for-addresses.yaml");
        AllPass(outcome, output);
        var lines = output.Split('\n');
        var order = new[] { "Init:0/2", "Init:1/2", "PodInitializing", "Running" }
            .Select(s => Array.FindIndex(lines, l => l.StartsWith('[') && l.Contains($" {s} "))).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order().ToList(), order);
    }

    [Fact]
    public void Without_the_addresses_the_init_pod_stays_at_Init_0_of_2()
    {
        var stdout = new StringWriter();
        var scenario = ScenarioLoader.FromManifests([RepoFile("config/examples/init-containers-wait-for-addresses.yaml")]);
        SimulationRun.Execute(scenario, Options() with { For = TimeSpan.FromMinutes(2) }, stdout, new StringWriter());
        var output = stdout.ToString();
        var summary = output[output.IndexOf("$ kubectl get pods", StringComparison.Ordinal)..];
        Assert.Matches(@"\npod-initcontainer\s+0/1\s+Init:0/2\s+0\s+\S+\n", summary);
        Assert.DoesNotContain("Init:1/2", output);
    }

    [Fact]
    public void A_failing_exec_liveness_probe_restarts_nginx_and_ends_in_CrashLoopBackOff()
    {
        var (outcome, output) = RunScenario("config/scenarios/liveness-exec-cat-file.yaml");
        AllPass(outcome, output);
        var probes = OfType(outcome, "probe").Where(r => (string?)r["probe"] == "liveness").ToList();
        Assert.NotEmpty(probes);
        Assert.All(probes, p => Assert.Equal("failure", p["result"]));
        Assert.Contains(OfType(outcome, "signal"), s => (string?)s["container"] == "nginx");
    }

    [Fact]
    public void The_postStart_hook_writes_the_page_that_exec_reads_back()
    {
        var (outcome, output) = RunScenario("config/scenarios/poststart-prestop-exec-nginx.yaml");
        AllPass(outcome, output);
        var execs = OfType(outcome, "action").Where(r => (string?)r["action"] == "exec").ToList();
        Assert.Equal(2, execs.Count);
        Assert.All(execs, e =>
        {
            Assert.Equal(0L, Convert.ToInt64(e["exitCode"]));
            Assert.Equal("postStart...\n", e["output"]);
        });
        var hooks = OfType(outcome, "hook").Select(h => $"{h["hook"]}:{h["phase"]}").ToList();
        Assert.Equal(["postStart:start", "postStart:end", "preStop:start", "preStop:end"], hooks);
    }

    [Fact]
    public void A_preStop_hook_longer_than_the_grace_period_is_cut_off_at_the_deadline()
    {
        var (outcome, output) = RunScenario("config/scenarios/prestop-longer-than-grace.yaml");
        AllPass(outcome, output);
        var signal = Assert.Single(OfType(outcome, "signal"), r => (string?)r["pod"] == "slow-stop");
        // nginx's image STOPSIGNAL, sent when the 10s grace period that started with the delete at 20s runs out.
        Assert.Equal("SIGQUIT", signal["signal"]);
        Assert.Equal(TimeSpan.FromSeconds(30), signal.T);
        var end = OfType(outcome, "hook").Single(h => (string?)h["pod"] == "slow-stop" && (string?)h["phase"] == "end");
        Assert.Contains("exited with 137", (string?)end["result"]);
    }

    [Fact]
    public void The_same_seed_writes_a_byte_identical_trace_with_the_real_node_side()
    {
        var a = Path.Combine(_files.Dir, "a.jsonl");
        var b = Path.Combine(_files.Dir, "b.jsonl");
        RunScenario("config/scenarios/liveness-exec-cat-file.yaml", a);
        RunScenario("config/scenarios/liveness-exec-cat-file.yaml", b);
        var first = File.ReadAllBytes(a);
        Assert.True(first.Length > 1000);
        Assert.Equal(first, File.ReadAllBytes(b));
    }

    [Fact]
    public void A_Deployment_example_becomes_its_replicas_running_through_the_controllers_and_the_kubelet()
    {
        var stdout = new StringWriter();
        var scenario = ScenarioLoader.FromManifests([RepoFile("config/examples/liveness-exec-deployment.yaml")]);
        var outcome = SimulationRun.Execute(scenario, Options() with { For = TimeSpan.FromMinutes(3) }, stdout, new StringWriter());
        var output = stdout.ToString();
        var summary = output[output.IndexOf("$ kubectl get pods", StringComparison.Ordinal)..];
        // replicas: 10 in the seed; pod names are <deployment>-<pod-template-hash>-<suffix>.
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(summary, @"\ngoweb-demo-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s").Count);
        Assert.Equal(0, outcome.ExitCode);
    }

    // The final `kubectl get pods` line after 3 minutes of each example run as is (no actions).
    [Theory]
    [InlineData("emptydir-shared-volume.yaml", "test-pod1", "2/2", "Running")]
    [InlineData("env-literal-values.yaml", "test-env-demo", "1/1", "Running")]
    [InlineData("env-resource-field-ref.yaml", "test-env-demo", "1/1", "Running")]
    [InlineData("init-containers-sequential-sleep.yaml", "my-pod", "1/1", "Running")]
    [InlineData("init-containers-wait-for-myservice-mydb.yaml", "initcpod-test", "1/1", "Running")]
    [InlineData("init-containers-wait-for-services-fqdn.yaml", "myapp-pod", "1/1", "Running")]
    [InlineData("init-containers-wait-for-services-nslookup.yaml", "init-demo", "1/1", "Running")]
    [InlineData("k8s-io-grpc-liveness.yaml", "etcd-with-grpc", "1/1", "Running")]
    [InlineData("k8s-io-lifecycle-events.yaml", "lifecycle-demo", "1/1", "Running")]
    [InlineData("k8s-io-tcp-liveness-readiness.yaml", "goproxy", "1/1", "Running")]
    [InlineData("liveness-httpget-initial-delay.yaml", "pod-liveness-httpget", "1/1", "Running")]
    [InlineData("liveness-httpget-missing-path.yaml", "pod-liveness-httpget", "0/1", "CrashLoopBackOff")]
    [InlineData("liveness-tcpsocket-wrong-port.yaml", "pod-liveness-tcpsocket", "0/1", "CrashLoopBackOff")]
    [InlineData("poststart-exec-log-order.yaml", "nginx-test-post-start", "1/1", "Running")]
    [InlineData("static-pod.yaml", "test-static-pod", "1/1", "Running")]
    public void An_example_run_as_is_ends_in_the_state_its_tutorial_shows(string example, string pod, string ready, string status)
    {
        var stdout = new StringWriter();
        var scenario = ScenarioLoader.FromManifests([RepoFile("config/examples/" + example)]);
        SimulationRun.Execute(scenario, Options() with { For = TimeSpan.FromMinutes(3) }, stdout, new StringWriter());
        var output = stdout.ToString();
        var summary = output[output.IndexOf("$ kubectl get pods", StringComparison.Ordinal)..];
        Assert.Matches($@"\n{pod}\s+{ready}\s+{status}\s", summary);
    }
}
