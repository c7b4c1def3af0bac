using ActorPods.Sim.Config;
using ActorPods.Sim.Network;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>The fault actions of the shared contract: their YAML shapes and their errors with file:line:column.</summary>
public sealed class FaultActionParsingSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private IReadOnlyList<ScenarioAction> Actions(string actions) =>
        ScenarioLoader.Load(_files.Write("s.yaml", Text(actions))).Actions;

    private IReadOnlyList<string> Errors(string actions)
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioLoader.Load(_files.Write("s.yaml", Text(actions))));
        return e.Errors.Select(x => x.ToString().Replace(_files.Dir + Path.DirectorySeparatorChar, "")).ToList();
    }

    private static string Text(string actions) =>
        "apiVersion: actorpods.io/v1alpha1\nkind: Scenario\nmetadata: {name: t}\nspec:\n  actions:\n" + actions.Replace("\r\n", "\n");

    [Fact]
    public void A_partition_reads_its_nodes_other_side_direction_mode_and_duration()
    {
        var actions = Actions("""
              - at: 90s
                partition: {nodes: [node-2, node-3], from: [control-plane], oneWay: true, mode: hold, for: 2m}
              - at: 91s
                partition: {node: node-1}
            """);
        var p = Assert.IsType<PartitionAction>(actions[0]);
        Assert.Equal(["node-2", "node-3"], p.Nodes);
        Assert.Equal(["control-plane"], p.From!);
        Assert.True(p.OneWay);
        Assert.Equal(PartitionMode.Hold, p.Mode);
        Assert.Equal(TimeSpan.FromMinutes(2), p.For);
        Assert.Equal(new AtTrigger(TimeSpan.FromSeconds(90)), p.Trigger);
        var q = Assert.IsType<PartitionAction>(actions[1]);
        Assert.Equal(["node-1"], q.Nodes);
        Assert.Null(q.From);
        Assert.False(q.OneWay);
        Assert.Equal(PartitionMode.Drop, q.Mode);
        Assert.Null(q.For);
    }

    [Fact]
    public void Heal_takes_all_a_node_or_a_list()
    {
        var actions = Actions("""
              - at: 1s
                heal: all
              - at: 2s
                heal: {node: node-2}
              - at: 3s
                heal: {nodes: [node-1, node-3]}
            """);
        Assert.Null(Assert.IsType<HealAction>(actions[0]).Nodes);
        Assert.Equal(["node-2"], Assert.IsType<HealAction>(actions[1]).Nodes!);
        Assert.Equal(["node-1", "node-3"], Assert.IsType<HealAction>(actions[2]).Nodes!);
    }

    [Fact]
    public void A_link_reads_fixed_and_distributed_latency_loss_and_reset()
    {
        var actions = Actions("""
              - at: 1s
                link: {from: control-plane, to: node-1, latency: 200ms, loss: 0.1}
              - at: 2s
                link: {from: node-1, to: node-2, latency: {distribution: normal, mean: 50ms, stddev: 10ms}, duplicate: 0.05, oneWay: true, for: 30s}
              - at: 3s
                link: {from: node-1, to: node-2, latency: "uniform(1ms,20ms)"}
              - at: 4s
                link: {from: control-plane, to: node-1, reset: true}
            """);
        var a = Assert.IsType<LinkAction>(actions[0]);
        Assert.Equal(new LatencyDistribution.Fixed(TimeSpan.FromMilliseconds(200)), a.Profile!.Latency);
        Assert.Equal(0.1, a.Profile.Loss);
        var b = Assert.IsType<LinkAction>(actions[1]);
        Assert.Equal(new LatencyDistribution.Normal(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10)), b.Profile!.Latency);
        Assert.Equal(0.05, b.Profile.Duplicate);
        Assert.True(b.OneWay);
        Assert.Equal(TimeSpan.FromSeconds(30), b.For);
        Assert.IsType<LatencyDistribution.Uniform>(Assert.IsType<LinkAction>(actions[2]).Profile!.Latency);
        Assert.True(Assert.IsType<LinkAction>(actions[3]).Reset);
    }

    [Fact]
    public void Node_verbs_take_a_name_or_a_node_with_a_duration()
    {
        var actions = Actions("""
              - at: 1s
                crashNode: node-1
              - at: 2s
                restartNode: node-1
              - at: 3s
                stopKubelet: {node: node-2, for: 40s}
              - at: 4s
                startKubelet: node-2
              - at: 5s
                pauseNode: {node: node-3, for: 1m}
              - at: 6s
                resumeNode: node-3
              - at: 7s
                crashNode: {node: node-1, for: 5m}
            """);
        Assert.Equal(["crashNode", "restartNode", "stopKubelet", "startKubelet", "pauseNode", "resumeNode", "crashNode"], actions.Select(a => a.Kind));
        var stop = Assert.IsType<NodeFaultAction>(actions[2]);
        Assert.Equal("node-2", stop.Node);
        Assert.Equal(TimeSpan.FromSeconds(40), stop.For);
        Assert.Null(Assert.IsType<NodeFaultAction>(actions[0]).For);
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<NodeFaultAction>(actions[6]).For);
    }

    [Fact]
    public void Container_faults_read_their_pod_container_and_defaults()
    {
        var actions = Actions("""
              - at: 1s
                killContainer: {pod: web, container: app}
              - when: {pod: web, phase: Running}
                after: 5s
                killContainer: {pod: web, namespace: dev, exitCode: 1, oom: true}
              - at: 2s
                failProbe: {pod: web, container: app, probe: liveness, for: 30s}
            """);
        var kill = Assert.IsType<KillContainerAction>(actions[0]);
        Assert.Equal(("default", "web", "app", 137, false), (kill.Namespace, kill.Pod, kill.Container, kill.ExitCode, kill.Oom));
        var oom = Assert.IsType<KillContainerAction>(actions[1]);
        Assert.Equal(("dev", null, 1, true), (oom.Namespace, oom.Container, oom.ExitCode, oom.Oom));
        var probe = Assert.IsType<FailProbeAction>(actions[2]);
        Assert.Equal(("liveness", TimeSpan.FromSeconds(30)), (probe.Probe, probe.Duration));
    }

    [Fact]
    public void Mistakes_are_reported_with_file_line_and_column()
    {
        var errors = Errors("""
              - at: 1s
                partition: {nodes: [node-1], from: [node-1], mode: stall}
              - at: 2s
                link: {from: node-1, to: node-2, latency: fast, loss: 2}
              - at: 3s
                failProbe: {pod: web, probe: smell}
              - at: 4s
                restartNode: {node: node-1, for: 1m}
              - at: 5s
                heal: {}
              - at: 6s
                link: {from: node-1, to: node-2, reset: true, loss: 0.5}
            """);
        Assert.Contains("s.yaml:7:40: spec.actions[0].partition.from: \"node-1\" cannot be on both sides of the partition", errors);
        Assert.Contains("s.yaml:7:56: spec.actions[0].partition.mode: Unsupported value: \"stall\": supported values: \"drop\", \"hold\"", errors);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:9:47: spec.actions[1].link.latency: time: invalid duration \"fast\"", StringComparison.Ordinal));
        Assert.Contains("s.yaml:9:59: spec.actions[1].link.loss: expected a probability between 0 and 1, got \"2\"", errors);
        Assert.Contains("s.yaml:11:34: spec.actions[2].failProbe.probe: Unsupported value: \"smell\": supported values: \"startup\", \"liveness\", \"readiness\"", errors);
        Assert.Contains("s.yaml:11:16: spec.actions[2].failProbe.for: Required value", errors);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:13:33: spec.actions[3].restartNode: unknown field \"for\"", StringComparison.Ordinal));
        Assert.Contains("s.yaml:15:11: spec.actions[4].heal.nodes: Required value", errors);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:17:51: spec.actions[5].link.loss: not with reset: true", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cluster_config_can_give_every_link_a_default_profile()
    {
        var config = ClusterConfigLoader.Load(_files.Write("c.yaml", "kind: ClusterConfig\nnetwork: {latency: 1ms, loss: 0.01}\n"));
        Assert.Equal(new LatencyDistribution.Fixed(TimeSpan.FromMilliseconds(1)), config.DefaultLink!.Latency);
        Assert.Equal(0.01, config.DefaultLink.Loss);
        Assert.Null(ClusterConfig.Default.DefaultLink);
        var e = Assert.Throws<ConfigException>(() => ClusterConfigLoader.Load(_files.Write("d.yaml", "kind: ClusterConfig\nnetwork: {latency: 1ms, jitter: 2ms}\n")));
        Assert.StartsWith("d.yaml:2:25: network: unknown field \"jitter\"", e.Errors.Single().ToString().Replace(_files.Dir + Path.DirectorySeparatorChar, ""));
    }
}
