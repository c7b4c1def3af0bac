using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// Issue #5 item 6: the lifecycle demo (seed 000, lifecycle-order-hooks-and-probes-deployment.yaml) whose shared log
/// file records init → main → postStart → startup → readiness → liveness → preStop, on the node the Deployment pins.
/// </summary>
public sealed class LifecycleOrderSpec
{
    private const string Scenario = "config/scenarios/lifecycle-order-hooks-and-probes.yaml";
    private const string NodeName = "local-168-182-110";

    private static readonly string[] Order =
        ["init-containers...", "main-container...", "postStart...", "startupProbe...", "readinessProbe...", "livenessProbe...", "preStop..."];

    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    private static List<int> FirstIndexes(IReadOnlyList<string> lines, IEnumerable<string> markers) =>
        markers.Select(m => lines.ToList().IndexOf(m)).ToList();

    [Fact]
    public void The_scenario_runs_the_demo_on_its_pinned_node_and_the_log_reads_init_main_postStart_startup_readiness_liveness()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var options = new RunOptions { Cluster = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")) };
        var outcome = SimulationRun.Execute(ScenarioLoader.Load(RepoFile(Scenario)), options, stdout, stderr);
        Assert.Equal("", stderr.ToString());
        Assert.True(outcome.Verdicts.Count > 0 && outcome.Verdicts.All(v => v.Passed), stdout.ToString());
        Assert.Matches(@"\npod-hook-exec-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s", stdout.ToString());

        var exec = outcome.Trace.Single(r => r.Type == "action" && (string?)r["action"] == "exec");
        Assert.Equal(0L, Convert.ToInt64(exec["exitCode"]));
        var lines = ((string)exec["output"]!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = FirstIndexes(lines, Order.Take(6));
        Assert.DoesNotContain(-1, first);
        Assert.Equal(first.Order().ToList(), first);
        Assert.Equal(Order.Take(4), lines.Take(4));
        // Readiness and liveness keep probing every 10 s, each appending a line.
        Assert.True(lines.Count(l => l == "livenessProbe...") >= 3);
    }

    [Fact]
    public void Scaling_the_demo_down_runs_preStop_last_and_the_log_keeps_the_whole_order()
    {
        var scenario = ScenarioLoader.Load(RepoFile(Scenario));
        var config = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")) with { Nodes = scenario.Nodes! };
        using var cluster = new ClusterBuilder().WithConfig(config).WithSeed(1).Build();
        Assert.True(ManifestApplier.Apply(cluster, scenario.Objects).Success);
        cluster.RunUntil(TimeSpan.FromSeconds(60));

        var demo = cluster.List("pods", "default").Items.Cast<Pod>().Single(p => p.Metadata!.Name!.StartsWith("pod-hook-exec-", StringComparison.Ordinal));
        Assert.Equal(NodeName, demo.Spec!.NodeName);
        Assert.Equal("Running", demo.Status!.Phase);
        var scaled = cluster.Call(new Patch("deployments", "default", "pod-hook-exec", """{"spec":{"replicas":0}}"""));
        Assert.True(scaled.IsSuccess, scaled.Error?.Message);
        cluster.RunUntil(TimeSpan.FromSeconds(80));
        Assert.DoesNotContain(cluster.List("pods", "default").Items, p => p.Metadata!.Name == demo.Metadata!.Name);

        var read = cluster.Request<ContainerExecResult>(cluster.Nodes[NodeName],
            new ExecInContainer("default", "log-reader", "reader", ["cat", "/logs/pod-hook-exec.log"]));
        Assert.Equal(0, read.ExitCode);
        var lines = read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = FirstIndexes(lines, Order);
        Assert.DoesNotContain(-1, first);
        Assert.Equal(first.Order().ToList(), first);
        Assert.Equal("preStop...", lines[^1]);
        Assert.Single(lines, l => l == "preStop...");
    }
}
