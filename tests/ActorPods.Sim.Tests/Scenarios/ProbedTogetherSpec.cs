using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// Many pods whose probers tick at the same instants, on real nodes: the virtual-time loop then sees each prober's
/// turn coming and lets it prefetch, stage by stage, what its httpGet will read down to the userland's server and log
/// (ProbeActor.OnTurnAhead, ContainerActor.PrefetchProbeParts). Those hints must change nothing: every pod ends
/// ready, no probe fails, no container restarts.
/// </summary>
public sealed class ProbedTogetherSpec : IDisposable
{
    private const int Replicas = 60;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 60
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: nginx
                image: nginx
                livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}
        """;

    [Fact]
    public void Sixty_pods_probed_in_step_all_end_ready_with_no_failed_probe_and_no_restart()
    {
        var path = _files.Write("web.yaml", Web);
        var options = new RunOptions { Cluster = ClusterConfigLoader.Load(RepoFiles.Path("config/cluster.yaml")), For = TimeSpan.FromMinutes(5) };
        var outcome = SimulationRun.Execute(ScenarioLoader.FromManifests([path]), options, new StringWriter(), new StringWriter());

        var lastRows = outcome.Trace.Where(r => r.Type == "pod" && r["deleted"] is null)
            .GroupBy(r => (string)r["name"]!).Select(g => g.Last()).ToList();
        Assert.Equal(Replicas, lastRows.Count);
        Assert.All(lastRows, r => Assert.Equal("1/1", r["ready"]));
        Assert.All(lastRows, r => Assert.Equal(0L, Convert.ToInt64(r["restarts"])));
        Assert.DoesNotContain(outcome.Trace, r => r.Type == "event" && (string?)r["reason"] is "Unhealthy" or "Killing");
        // Both probes of every pod ran and succeeded.
        var probed = outcome.Trace.Where(r => r.Type == "probe" && (string?)r["result"] == "success")
            .Select(r => ((string)r["pod"]!, (string)r["probe"]!)).ToHashSet();
        Assert.Equal(Replicas * 2, probed.Count);
    }
}
