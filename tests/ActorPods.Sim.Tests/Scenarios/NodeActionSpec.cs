using ActorPods.Actors;
using ActorPods.Api.Printing;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;
using Xunit.Abstractions;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>cordon / uncordon / drain / taint / untaint, end to end with the real kubelet and every controller.</summary>
public sealed class NodeActionSpec(ITestOutputHelper log) : IDisposable
{
    private const string WebDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 3
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              terminationGracePeriodSeconds: 10
              containers:
              - name: app
                image: nginx
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (RunOutcome Outcome, string Out) Run(string spec)
    {
        _files.Write("web.yaml", WebDeployment);
        var path = _files.Write("scenario.yaml",
            "apiVersion: actorpods.io/v1alpha1\nkind: Scenario\nmetadata: {name: test}\nspec:\n" + spec.Replace("\r\n", "\n"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = SimulationRun.Execute(ScenarioLoader.Load(path), new RunOptions(), stdout, stderr);
        log.WriteLine(stdout.ToString());
        Assert.Equal("", stderr.ToString());
        return (outcome, stdout.ToString());
    }

    private static Dictionary<string, string?> PodsAtEnd(IReadOnlyList<TraceRecord> trace)
    {
        var views = new PodViews();
        foreach (var r in trace) views.Apply(r);
        return views.All.Where(v => !v.Deleted).ToDictionary(v => v.Name, v => v.Node);
    }

    [Fact]
    public void Draining_a_node_evicts_its_pods_and_the_deployment_recreates_them_on_the_other_nodes()
    {
        var (outcome, output) = Run("""
              nodes: 3
              manifests: [web.yaml]
              actions:
              - at: 30s
                drain: node-1
            """);
        var pods = PodsAtEnd(outcome.Trace);
        Assert.Equal(3, pods.Count);
        Assert.DoesNotContain("node-1", pods.Values);
        Assert.Contains("[  30.000s] action: kubectl drain node-1", output);
        Assert.Contains("[  30.000s]   node/node-1 cordoned", output);
        Assert.Matches(@"\[  30\.000s\]   evicting pod default/web-[a-z0-9]+-[a-z0-9]{5}", output);
        Assert.Matches(@"\]   pod/web-[a-z0-9]+-[a-z0-9]{5} evicted", output);
        Assert.Contains("node/node-1 drained", output);
        var action = Assert.Single(outcome.Trace, r => r.Type == "action");
        Assert.Equal(("drain", "node-1", (object?)30m), (action.String("action"), action.String("node"), action["started"]));
    }

    [Fact]
    public void A_NoExecute_taint_evicts_the_pods_without_a_toleration_and_untaint_lets_pods_back()
    {
        _files.Write("tolerant.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: tolerant}
            spec:
              nodeName: node-1
              tolerations: [{key: maintenance, operator: Exists, effect: NoExecute}]
              containers: [{name: app, image: nginx}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: plain}
            spec:
              nodeName: node-1
              containers: [{name: app, image: nginx}]
            """);
        var (outcome, output) = Run("""
              nodes: 2
              manifests: [tolerant.yaml]
              actions:
              - at: 20s
                taint: {node: node-1, key: maintenance, value: "true", effect: NoExecute}
              - at: 40s
                untaint: {node: node-1, key: maintenance, effect: NoExecute}
              - at: 45s
                untaint: {node: node-1, key: maintenance}
            """);
        Assert.Contains("[  20.000s] action: kubectl taint nodes node-1 maintenance=true:NoExecute", output);
        Assert.Contains("  node/node-1 tainted", output);
        Assert.Contains("[  40.000s] action: kubectl taint nodes node-1 maintenance:NoExecute-", output);
        Assert.Contains("  node/node-1 untainted", output);
        Assert.Contains("  error: taint \"maintenance\" not found", output);
        var evicted = Assert.Single(outcome.Trace, r => r.Type == "event" && r.String("reason") == "TaintManagerEviction");
        Assert.Equal(("pod/plain", 20.0), (evicted.String("object"), evicted.T.TotalSeconds));
        var pods = PodsAtEnd(outcome.Trace);
        Assert.Equal(["tolerant"], pods.Keys);
    }

    [Fact]
    public void Drain_refuses_pods_that_declare_no_controller_unless_forced_but_still_cordons()
    {
        _files.Write("bare.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: bare}
            spec:
              nodeName: node-1
              containers: [{name: app, image: nginx}]
            """);
        var (outcome, output) = Run("""
              nodes: 2
              manifests: [bare.yaml]
              actions:
              - at: 10s
                drain: node-1
              - at: 20s
                drain: {node: node-1, force: true, gracePeriodSeconds: 5}
            """);
        Assert.Contains("""
            [  10.000s] action: kubectl drain node-1
            [  10.000s]   node/node-1 cordoned
            [  10.000s]   error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...
            [  10.000s]   There are pending nodes to be drained:
            [  10.000s]    node-1
            [  10.000s]   cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare
            """.Replace("\r\n", "\n"), output.Replace("\r\n", "\n"));
        Assert.Contains("""
            [  20.000s] action: kubectl drain node-1 --force --grace-period=5
            [  20.000s]   node/node-1 already cordoned
            [  20.000s]   Warning: deleting Pods that declare no controller: default/bare
            [  20.000s]   evicting pod default/bare
            """.Replace("\r\n", "\n"), output.Replace("\r\n", "\n"));
        Assert.Contains("  pod/bare evicted", output);
        Assert.Empty(PodsAtEnd(outcome.Trace));
    }

    [Fact]
    public void Cordon_marks_the_node_unschedulable_and_the_node_lifecycle_controller_taints_it()
    {
        using var cluster = new ClusterBuilder().WithConfig(ClusterConfig.Default.WithNodeCount(2)).Build();
        var lines = new List<string>();
        var state = new ScenarioDirectorState();
        ScenarioAction[] actions =
        [
            new CordonAction(new AtTrigger(TimeSpan.FromSeconds(5)), default, "node-1", true),
            new CordonAction(new AtTrigger(TimeSpan.FromSeconds(6)), default, "node-1", true),
            new CordonAction(new AtTrigger(TimeSpan.FromSeconds(20)), default, "node-1", false),
            new CordonAction(new AtTrigger(TimeSpan.FromSeconds(21)), default, "node-9", true),
        ];
        cluster.System.ActorOf(ScenarioDirector.CreateProps(actions, cluster.ApiServer, cluster.Nodes, cluster.Network, lines.Add, state)
            .WithHost(Sim.Cluster.Cluster.ControlPlaneHost), "scenario");
        cluster.RunUntil(TimeSpan.FromSeconds(10));
        var node = (Api.Model.Node)cluster.Call(new Get("nodes", null, "node-1")).Object!;
        Assert.True(node.Spec!.Unschedulable);
        Assert.Contains(node.Spec.Taints!, t => t.Key == "node.kubernetes.io/unschedulable" && t.Effect == "NoSchedule");
        Assert.Equal("Ready,SchedulingDisabled", NodePrinter.Status(node));
        cluster.RunUntil(TimeSpan.FromSeconds(25));
        node = (Api.Model.Node)cluster.Call(new Get("nodes", null, "node-1")).Object!;
        Assert.Null(node.Spec?.Unschedulable);
        Assert.DoesNotContain(node.Spec?.Taints ?? [], t => t.Key == "node.kubernetes.io/unschedulable");
        Assert.Equal("Ready", NodePrinter.Status(node));
        Assert.Equal(
            [
                "[   5.000s] action: kubectl cordon node-1", "  node/node-1 cordoned",
                "[   6.000s] action: kubectl cordon node-1", "  node/node-1 already cordoned",
                "[  20.000s] action: kubectl uncordon node-1", "  node/node-1 uncordoned",
                "[  21.000s] action: kubectl cordon node-9", "  Error from server (NotFound): nodes \"node-9\" not found",
            ],
            lines);
        Assert.Equal(0, state.Pending);
    }

    [Fact]
    public void A_drain_scenario_judges_capacity_with_counts_and_the_time_to_recover()
    {
        var (outcome, output) = Run("""
              nodes: 3
              manifests: [web.yaml]
              actions:
              - at: 30s
                drain: {node: node-1, gracePeriodSeconds: 5}
              expect:
              - {at: 20s, count: {selector: {app: web}, ready: true}, equals: 3}
              - {during: [30s, 2m], count: {selector: {app: web}, ready: true}, atLeast: 2}
              - {never: true, count: {selector: {app: web}, node: node-1, status: Running}, atLeast: 1, }
              - recover: {after: {action: 0}, within: 1m}
                count: {selector: {app: web}, status: Running, ready: true}
                atLeast: 3
              - {by: 2m, event: {reason: SuccessfulCreate}, countAtLeast: 4}
            """.Replace(", }", "}"));
        // The never is written to fail: node-1 ran a web pod until the drain.
        Assert.Equal([true, true, false, true, true], outcome.Verdicts.Select(v => v.Passed));
        Assert.Equal(1, outcome.ExitCode);
        Assert.Matches(@"recovered in 3\.000s \(broke at 30\.000s: 2 pods", outcome.Verdicts[3].Seen);
        Assert.Contains("# 1 of 5 failed", output);
    }

    [Fact]
    public void The_time_to_recover_from_a_node_crash_counts_from_the_crash()
    {
        var (outcome, _) = Run("""
              nodes: 3
              duration: 10m
              manifests: [web.yaml]
              actions:
              - at: 30s
                crashNode: node-1
              expect:
              - recover: {after: {action: 0}, within: 7m}
                count: {selector: {app: web}, ready: true}
                atLeast: 3
            """);
        var verdict = Assert.Single(outcome.Verdicts);
        Assert.True(verdict.Passed, verdict.ToString());
        // The pod on node-1 is marked not ready once the node is NotReady (node-monitor-grace-period), and replaced after
        // the default 300 s toleration of node.kubernetes.io/unreachable:NoExecute.
        var m = System.Text.RegularExpressions.Regex.Match(verdict.Seen, @"^recovered in (\d+\.\d{3})s \(broke at (\d+\.\d{3})s");
        Assert.True(m.Success, verdict.Seen);
        Assert.InRange(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 30 + 40, 30 + 60);
        Assert.InRange(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 40 + 300, 60 + 300 + 30);
    }
}
