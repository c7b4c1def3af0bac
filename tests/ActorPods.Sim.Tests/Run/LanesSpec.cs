using ActorPods.Node;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Run;

/// <summary>
/// Which turns a run spreads over lanes (RunOptions.Lanes): probers that dial their own pod, never one that dials a host
/// of its own (another pod or a Service, whose state another node's turns may write at the same instant), and the pod
/// workers' periodic resyncs.
/// </summary>
public sealed class LanesSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Pods(string? host, bool probes) => string.Join("---\n", Enumerable.Range(1, 4).Select(i => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-{i}
        spec:
          containers:
          - name: app
            image: nginx:1.25

        """ + (probes ? $"""
            readinessProbe:
              httpGet: {"{"}path: /, port: 80{(host is null ? "" : $", host: {host}")}{"}"}
              periodSeconds: 5

        """ : "")));

    // Two minutes by default; shorter than the first periodic resync (60–90 s after a pod's last sync) to see the
    // probers alone, since the pod workers' resyncs run on lanes too.
    private RunOutcome Run(string? host, double seconds = 120, bool probes = true)
    {
        var scenario = ScenarioLoader.FromManifests([_files.Write($"pods-{host ?? "own"}-{probes}.yaml", Pods(host, probes))]);
        // A long settle time: the run lasts its whole duration even when nothing changes after start-up.
        var options = new RunOptions { For = TimeSpan.FromSeconds(seconds), Nodes = 2, Lanes = 2, LaneThreshold = 1, Settle = TimeSpan.FromHours(1) };
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
        var outcome = Run(host: "10.244.0.1", seconds: 55);
        Assert.Equal(0, outcome.LaneDeliveries);
        Assert.Contains(outcome.Trace, r => r.Type == "probe");
    }

    [Fact]
    public void Pod_workers_periodic_resyncs_run_on_the_lanes()
    {
        // No probes: only the workers' resyncs (after 60–90 s, then every 60–90 s) can be isolated turns.
        Assert.Equal(0, Run(host: null, seconds: 55, probes: false).LaneDeliveries);
        var outcome = Run(host: null, seconds: 300, probes: false);
        Assert.InRange(outcome.LaneDeliveries, 4 * 3, 4 * 5);
        Assert.All(Enumerable.Range(1, 4), i => Assert.Contains(outcome.Trace, r => r.Type == "pod" && r.String("name") == $"web-{i}" && r.String("status") == "Running"));
    }

    [Fact]
    public void A_virtual_cluster_takes_no_userland_lock()
    {
        using var cluster = new ClusterBuilder().Build();
        Assert.False(cluster.Services.Gate.IsLocked);
        Assert.True(new NodeServices().Gate.IsLocked); // what a real-time node gets by default
    }
}
