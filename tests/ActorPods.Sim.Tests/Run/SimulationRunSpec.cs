using ActorPods.Sim.Cluster.StandIn;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Run;

/// <summary>`run` end to end in virtual time, with the stand-in node side.</summary>
public sealed class SimulationRunSpec : IDisposable
{
    private const string WebPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: app
            image: nginx
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (RunOutcome Outcome, string Out, string Err) Run(Scenario scenario, RunOptions? options = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = SimulationRun.Execute(scenario, options ?? new RunOptions { NodeFactory = new StandInNodeFactory() }, stdout, stderr);
        return (outcome, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_pod_is_created_scheduled_and_reported_running_in_the_watch_stream()
    {
        var scenario = ScenarioLoader.FromManifests([_files.Write("pod.yaml", WebPod)]);
        var (outcome, output, err) = Run(scenario);
        Assert.Equal("", err);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("pod/web created", output);
        Assert.Contains("[   0.000s] NAME   READY   STATUS", output);
        Assert.Matches(@"\[   1\.000s\] web    1/1     Running ", output);
        Assert.Contains("Successfully assigned default/web to node-1", output);
        Assert.True(outcome.Quiescent);
    }
}
