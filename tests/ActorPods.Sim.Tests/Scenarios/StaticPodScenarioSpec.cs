using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>The shipped static-pod scenario and cluster config, run as `actorpods run` runs them.</summary>
public sealed class StaticPodScenarioSpec
{
    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorPods.sln"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }

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
}
