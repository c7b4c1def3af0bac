using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// Issue #5 item 6: the seed 001 liveness pods (httpGet on a missing path, tcpSocket on a closed port) restart into
/// CrashLoopBackOff with the events `kubectl describe` shows in the tutorial.
/// </summary>
public sealed class LivenessExamplesSpec
{
    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    private static RunOutcome Run(string example)
    {
        var options = new RunOptions { Cluster = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")), For = TimeSpan.FromMinutes(4) };
        return SimulationRun.Execute(ScenarioLoader.FromManifests([RepoFile("config/examples/" + example)]), options, new StringWriter(), new StringWriter());
    }

    private static List<TraceRecord> Events(RunOutcome o, string reason) =>
        o.Trace.Where(r => r.Type == "event" && (string?)r["reason"] == reason).ToList();

    [Theory]
    [InlineData("liveness-httpget-missing-path.yaml", "pod-liveness-httpget", "^Liveness probe failed: HTTP probe failed with statuscode: 404$")]
    [InlineData("liveness-tcpsocket-wrong-port.yaml", "pod-liveness-tcpsocket", @"^Liveness probe failed: dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$")]
    public void A_seed_liveness_pod_restarts_into_CrashLoopBackOff_with_the_events_the_tutorial_shows(string example, string pod, string unhealthy)
    {
        var outcome = Run(example);
        var unhealthyEvents = Events(outcome, "Unhealthy");
        Assert.NotEmpty(unhealthyEvents);
        Assert.All(unhealthyEvents, e => Assert.Matches(unhealthy, (string)e["message"]!));
        Assert.All(unhealthyEvents, e => Assert.Equal("Warning", e["eventType"]));
        Assert.Contains(Events(outcome, "Killing"), e => (string?)e["message"] == "Container nginx failed liveness probe, will be restarted");
        // After the first pull, restarts find the image: "already present on machine", as in the tutorial's describe.
        Assert.Contains(Events(outcome, "Pulled"), e => (string?)e["message"] == "Container image \"nginx:1.17.1\" already present on machine");
        Assert.Contains(Events(outcome, "Unhealthy"), e => Convert.ToInt64(e["count"]) >= 3);

        var rows = outcome.Trace.Where(r => r.Type == "pod" && (string?)r["name"] == pod && r["deleted"] is null).ToList();
        Assert.Contains(rows, r => (string?)r["status"] == "CrashLoopBackOff" && (string?)r["ready"] == "0/1");
        Assert.True(Convert.ToInt64(rows[^1]["restarts"]) >= 3);
        Assert.Equal("Running", rows[^1]["phase"]);
    }
}
