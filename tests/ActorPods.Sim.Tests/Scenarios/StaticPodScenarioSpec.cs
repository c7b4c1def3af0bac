using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>The shipped static-pod scenario and cluster config, run as `actorpods run` runs them.</summary>
public sealed class StaticPodScenarioSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    private static (RunOutcome Outcome, string Out) Run(Scenario scenario, string clusterFile)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var options = new RunOptions { Cluster = ClusterConfigLoader.Load(RepoFile(clusterFile)) };
        var outcome = SimulationRun.Execute(scenario, options, stdout, stderr);
        Assert.Equal("", stderr.ToString());
        return (outcome, stdout.ToString());
    }

    [Fact]
    public void Deleting_the_mirror_pod_through_the_api_brings_it_back_with_no_restart()
    {
        var (outcome, output) = Run(ScenarioLoader.Load(RepoFile("config/scenarios/static-pod-mirror.yaml")), "config/cluster.yaml");
        Assert.NotEmpty(outcome.Verdicts);
        Assert.True(outcome.Verdicts.All(v => v.Passed), output);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("test-static-pod-test-b-k8s-node01   1/1     Running", output);
    }

    [Fact]
    public void The_shipped_static_pod_cluster_runs_its_static_pod_next_to_ordinary_manifests()
    {
        var scenario = ScenarioLoader.FromManifests([RepoFile("config/examples/k8s-io-exec-liveness.yaml")]) with { Duration = TimeSpan.FromSeconds(30) };
        var (outcome, output) = Run(scenario, "config/clusters/static-pods.yaml");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("test-static-pod-test-b-k8s-node01", output);
        Assert.Contains("liveness-exec", output);
    }

    [Fact]
    public void A_staticPod_action_adds_a_manifest_at_run_time_and_removing_it_stops_the_pod_and_deletes_the_mirror()
    {
        _files.Write("agent.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: agent}\nspec:\n  containers: [{name: app, image: busybox, command: [sleep, '3600']}]\n");
        var scenario = ScenarioLoader.Load(_files.Write("s.yaml", """
            apiVersion: actorpods.io/v1alpha1
            kind: Scenario
            metadata: {name: s}
            spec:
              duration: 3m
              nodes: [{name: node-1}]
              actions:
              - {at: 5s, staticPod: {node: node-1, add: agent.yaml}}
              - {at: 40s, staticPod: {node: node-1, remove: agent}}
              - {at: 50s, staticPod: {node: node-9, remove: agent}}
              expect:
              - {by: 20s, pod: agent-node-1, phase: Running, ready: "1/1"}
              - {during: [41s, 69s], pod: agent-node-1, phase: Running}
              - {by: 80s, pod: agent-node-1, deleted: true}
              - {by: 80s, event: {object: pod/agent-node-1, reason: Killing, messageContains: "Stopping container app"}}
            """));
        var (outcome, output) = Run(scenario, "config/cluster.yaml");
        Assert.True(outcome.Verdicts.All(v => v.Passed), output);
        Assert.Contains("action: staticPod node-1: add agent.yaml\n  static pod default/agent-node-1 added", output);
        Assert.Contains("action: staticPod node-9: remove agent\n  error: node \"node-9\" not found", output);
        var record = outcome.Trace.First(r => r.Type == "action" && r.Fields.Any(f => f.Key == "remove"));
        Assert.Contains(record.Fields, f => f is { Key: "node", Value: "node-1" });
    }

    [Fact]
    public void A_staticPod_action_is_checked_when_the_scenario_loads()
    {
        _files.Write("cfg.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: cfg}\nspec:\n  containers: [{name: app, image: busybox}]\n  volumes: [{name: s, secret: {secretName: token}}]\n");
        var e = Assert.Throws<ConfigException>(() => ScenarioLoader.Load(_files.Write("s.yaml", """
            apiVersion: actorpods.io/v1alpha1
            kind: Scenario
            metadata: {name: s}
            spec:
              actions:
              - {at: 5s, staticPod: {node: node-1, add: cfg.yaml}}
              - {at: 6s, staticPod: {node: node-1, add: cfg.yaml, remove: cfg}}
              - {at: 7s, staticPod: {remove: cfg}}
            """)));
        Assert.Equal(
            [
                "cfg.yaml:4:1: static pod: pod \"cfg-node-1\" has forbidden references to API objects: Secret volume \"s\"",
                "s.yaml:7:25: spec.actions[1].staticPod: give exactly one of add (a manifest path) or remove (a pod name)",
                "s.yaml:8:25: spec.actions[2].staticPod.node: Required value",
            ],
            e.Errors.Select(x => x.ToString().Replace(_files.Dir + Path.DirectorySeparatorChar, "")));
    }
}
