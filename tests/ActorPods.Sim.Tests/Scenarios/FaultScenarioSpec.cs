using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>Fault actions in scenarios, run through the real kubelet and the node lifecycle controller (3 nodes).</summary>
public sealed class FaultScenarioSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string PinnedPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          nodeName: node-1
          containers: [{name: app, image: nginx}]
        """;

    private (RunOutcome Outcome, string Out, string Err) Run(string spec, int? seed = null, string? tracePath = null)
    {
        _files.Write("pod.yaml", PinnedPod);
        var path = _files.Write("scenario.yaml",
            "apiVersion: actorpods.io/v1alpha1\nkind: Scenario\nmetadata: {name: faults}\nspec:\n" + spec.Replace("\r\n", "\n"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = SimulationRun.Execute(ScenarioLoader.Load(path), new RunOptions { Seed = seed, TracePath = tracePath }, stdout, stderr);
        return (outcome, stdout.ToString(), stderr.ToString());
    }

    private static List<TraceRecord> Of(RunOutcome o, string type) => o.Trace.Where(r => r.Type == type).ToList();

    private const string PartitionScenario = """
          nodes: 3
          duration: 4m
          manifests: [pod.yaml]
          actions:
          - at: 60s
            partition: {node: node-2, from: [control-plane], for: 2m}
          expect:
          - by: 30s
            pod: web
            phase: Running
          - event: {object: node/node-2, reason: NodeNotReady}
            by: 120s
        """;

    [Fact]
    public void A_partitioned_node_goes_NotReady_after_the_grace_period_and_the_partition_heals_itself_after_for()
    {
        var (outcome, output, err) = Run(PartitionScenario);
        Assert.Equal("", err);
        Assert.All(outcome.Verdicts, v => Assert.True(v.Passed, v.ToString()));
        Assert.Contains("[  60.000s] action: partition node-2 from control-plane for 2m0s", output.Replace("for 120s", "for 2m0s"));
        Assert.Contains("[ 180.000s] action: heal partition #1 (after ", output);

        var actions = Of(outcome, "action");
        Assert.Equal([(60.0, "partition", (bool?)null), (180.0, "heal", true)], actions.Select(a => (a.T.TotalSeconds, a.String("action")!, a.Bool("auto"))));
        Assert.Equal(["node-2"], (IReadOnlyList<string>)actions[0]["nodes"]!);
        Assert.Equal("partition #1", actions[0].String("result"));
        Assert.Equal("partition", actions[1].String("undoes"));

        var network = Of(outcome, "network");
        Assert.Equal([(60.0, "partition"), (180.0, "heal")], network.Select(n => (n.T.TotalSeconds, n.String("change")!)));
        Assert.Equal(["control-plane"], (IReadOnlyList<string>)network[0]["otherSide"]!);

        // NodeNotReady comes once the lease is older than node-monitor-grace-period (50 s), on a 5 s monitor pass.
        var notReady = Of(outcome, "event").First(e => e.String("object") == "node/node-2" && e.String("reason") == "NodeNotReady");
        Assert.InRange(notReady.T.TotalSeconds, 60 + 40, 60 + 56);
        // The other nodes never notice.
        Assert.DoesNotContain(Of(outcome, "event"), e => e.String("reason") == "NodeNotReady" && e.String("object") != "node/node-2");
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_with_faults()
    {
        const string spec = """
              nodes: 3
              duration: 3m
              manifests: [pod.yaml]
              actions:
              - at: 20s
                link: {from: control-plane, to: node-1, latency: "normal(30ms,10ms)", loss: 0.2}
              - at: 40s
                partition: {node: node-2, mode: hold, for: 30s}
              - at: 50s
                pauseNode: {node: node-3, for: 20s}
              - at: 100s
                link: {from: control-plane, to: node-1, reset: true}
            """;
        var a = _files.Write("a.jsonl", "");
        var b = _files.Write("b.jsonl", "");
        var (first, _, _) = Run(spec, seed: 11, tracePath: a);
        Run(spec, seed: 11, tracePath: b);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
        Assert.Contains(first.Trace, r => r.Type == "host" && r.String("change") == "resumed" && r.T == TimeSpan.FromSeconds(70));
        Assert.Contains(first.Trace, r => r.Type == "network" && r.String("change") == "heal" && r.T == TimeSpan.FromSeconds(70));
        Assert.Contains(first.Trace, r => r.Type == "network" && r.String("change") == "link" && r.String("latency") == "normal(30ms,10ms)");
    }

    [Fact]
    public void A_crashed_node_leaves_its_pod_Terminating_after_eviction_and_a_restart_brings_the_node_back()
    {
        var (outcome, output, err) = Run("""
              nodes: 3
              duration: 8m
              manifests: [pod.yaml]
              actions:
              - at: 30s
                crashNode: node-1
              - at: 420s
                restartNode: node-1
              expect:
              - by: 20s
                pod: web
                phase: Running
              - event: {object: node/node-1, reason: NodeNotReady}
                by: 90s
              - during: [100s, 320s]
                pod: web
                status: Running
              - by: 419s
                pod: web
                status: Terminating
            """);
        Assert.Equal("", err);
        Assert.All(outcome.Verdicts, v => Assert.True(v.Passed, v.ToString()));
        Assert.Contains("[  30.000s] action: crash node node-1", output);
        Assert.Contains("[ 420.000s] action: restart node node-1", output);
        Assert.Equal([(30.0, "crashed"), (420.0, "restarted")], Of(outcome, "host").Select(h => (h.T.TotalSeconds, h.String("change")!)));
        // Evicted at ~30 + 50 + 300 s (the default 300 s toleration of unreachable:NoExecute); nobody on the dead node
        // can finish the deletion, so the pod stays Terminating until the node is back and its kubelet completes it.
        var terminating = outcome.Trace.First(r => r.Type == "pod" && r.String("name") == "web" && r.String("status") == "Terminating");
        Assert.InRange(terminating.T.TotalSeconds, 30 + 40 + 300, 30 + 56 + 300 + 1);
        var deleted = outcome.Trace.Single(r => r.Type == "pod" && r.String("name") == "web" && r.Bool("deleted") == true);
        Assert.True(deleted.T.TotalSeconds >= 420, $"deleted at {deleted.T} before the node came back");
    }

    [Fact]
    public void A_fault_on_an_unknown_node_is_recorded_as_an_error_and_the_run_goes_on()
    {
        var (outcome, output, _) = Run("""
              nodes: 2
              duration: 30s
              manifests: [pod.yaml]
              actions:
              - at: 5s
                pauseNode: node-7
            """);
        var action = Assert.Single(Of(outcome, "action"));
        Assert.StartsWith("error: unknown node \"node-7\"", action.String("result"));
        Assert.Contains("[   5.000s] action: pause node node-7", output);
        Assert.Empty(Of(outcome, "host"));
    }

    [Fact]
    public void A_kubelet_stopped_for_a_while_is_started_again_by_the_director()
    {
        var (outcome, output, _) = Run("""
              nodes: 2
              duration: 2m
              manifests: [pod.yaml]
              actions:
              - at: 10s
                stopKubelet: {node: node-1, for: 30s}
            """);
        var actions = Of(outcome, "action");
        Assert.Equal([(10.0, "stopKubelet"), (40.0, "startKubelet")], actions.Select(a => (a.T.TotalSeconds, a.String("action")!)));
        Assert.All(actions, a => Assert.False(a.String("result")!.StartsWith("error:", StringComparison.Ordinal), a.String("result")));
        Assert.Equal("node-1", actions[0].String("node"));
        Assert.True(actions[1].Bool("auto"));
        Assert.Contains("[  10.000s] action: systemctl stop kubelet on node-1 for 30s", output);
        Assert.Contains("[  40.000s] action: systemctl start kubelet on node-1 (after 30s)", output);
        Assert.Equal([(10.0, "kubeletStopped"), (40.0, "kubeletStarted")], Of(outcome, "host").Select(h => (h.T.TotalSeconds, h.String("change")!)));
    }

    [Fact]
    public void A_killed_container_is_restarted_by_the_kubelet()
    {
        var (outcome, output, _) = Run("""
              nodes: 2
              duration: 1m
              manifests: [pod.yaml]
              actions:
              - when: {pod: web, phase: Running}
                after: 10s
                killContainer: {pod: web, container: app}
              expect:
              - by: 40s
                pod: web
                restarts: 1
            """);
        Assert.All(outcome.Verdicts, v => Assert.True(v.Passed, v.ToString()));
        var kill = Assert.Single(Of(outcome, "action"));
        Assert.Equal(137L, kill.Long("exitCode"));
        Assert.False(kill.String("result")!.StartsWith("error:", StringComparison.Ordinal), kill.String("result"));
        Assert.Contains("action: kill container app of pod web (exit code 137)", output);
        Assert.Contains(Of(outcome, "container"), c => c.String("state") == "terminated" && c.Long("exitCode") == 137);
    }

    [Fact]
    public void A_container_fault_on_a_pod_that_does_not_exist_is_recorded_as_not_found()
    {
        var (outcome, _, _) = Run("""
              nodes: 1
              duration: 20s
              manifests: [pod.yaml]
              actions:
              - at: 5s
                failProbe: {pod: ghost, probe: liveness, for: 10s}
            """);
        Assert.Equal("Error from server (NotFound): pods \"ghost\" not found", Assert.Single(Of(outcome, "action")).String("result"));
    }
}
