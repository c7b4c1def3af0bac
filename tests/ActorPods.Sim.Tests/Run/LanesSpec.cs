using ActorPods.Node;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Run;

/// <summary>
/// Which turns a run spreads over lanes (RunOptions.Lanes): probers that dial their own pod, never one that dials a host
/// of its own (another pod or a Service, whose state another node's turns may write at the same instant).
/// </summary>
public sealed class LanesSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Pods(string? host) => string.Join("---\n", Enumerable.Range(1, 4).Select(i => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-{i}
        spec:
          containers:
          - name: app
            image: nginx:1.25
            readinessProbe:
              httpGet: {"{"}path: /, port: 80{(host is null ? "" : $", host: {host}")}{"}"}
              periodSeconds: 5

        """));

    private RunOutcome Run(string? host)
    {
        var scenario = ScenarioLoader.FromManifests([_files.Write($"pods-{host ?? "own"}.yaml", Pods(host))]);
        var options = new RunOptions { For = TimeSpan.FromMinutes(2), Nodes = 2, Lanes = 2, LaneThreshold = 1 };
        var outcome = SimulationRun.Execute(scenario, options, new StringWriter(), new StringWriter());
        Assert.Equal(0, outcome.ExitCode);
        return outcome;
    }

    [Fact]
    public void Probers_that_dial_their_own_pod_tick_on_the_lanes()
    {
        var outcome = Run(host: null);
        Assert.True(outcome.LaneDeliveries > 0, "no prober tick ran on a lane");
        Assert.Contains(outcome.Trace, r => r.Type == "probe" && r.String("result") == "success");
    }

    [Fact]
    public void Probers_that_dial_a_host_of_their_own_stay_on_the_loop()
    {
        var outcome = Run(host: "10.244.0.1");
        Assert.Equal(0, outcome.LaneDeliveries);
        Assert.Contains(outcome.Trace, r => r.Type == "probe");
    }

    [Fact]
    public void A_virtual_cluster_takes_no_userland_lock()
    {
        using var cluster = new ClusterBuilder().Build();
        Assert.False(cluster.Services.Gate.IsLocked);
        Assert.True(new NodeServices().Gate.IsLocked); // what a real-time node gets by default
    }
}
