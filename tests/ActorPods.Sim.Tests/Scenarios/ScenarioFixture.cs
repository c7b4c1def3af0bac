using ActorPods.ControlPlane.Controllers;
using ActorPods.Sim.Cluster.StandIn;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>Writes a scenario (and a pod manifest next to it) and runs it with the stand-in node side.</summary>
public abstract class ScenarioFixture : IDisposable
{
    protected const string WebPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: app
            image: nginx
        """;

    // The stand-in node posts no heartbeats, so the node-lifecycle controller would mark it NotReady after 50s.
    private static readonly ControllerOptions StandInControllers = new()
    {
        Enabled = ControllerManager.AllControllers.Where(c => c is not "node-lifecycle-controller" and not "taint-eviction-controller").ToHashSet(),
    };

    protected TempFiles Files { get; } = new();

    public void Dispose() => Files.Dispose();

    protected static string ScenarioText(string spec) =>
        "apiVersion: actorpods.io/v1alpha1\nkind: Scenario\nmetadata: {name: test}\nspec:\n" + spec.Replace("\r\n", "\n");

    protected (RunOutcome Outcome, string Out, string Err) RunScenario(string spec, string? tracePath = null)
    {
        Files.Write("pod.yaml", WebPod);
        var path = Files.Write("scenario.yaml", ScenarioText(spec));
        var scenario = ScenarioLoader.Load(path);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = SimulationRun.Execute(scenario, new RunOptions { NodeFactory = new StandInNodeFactory(), Controllers = StandInControllers, TracePath = tracePath }, stdout, stderr);
        return (outcome, stdout.ToString(), stderr.ToString());
    }

    protected Verdict Only(string spec)
    {
        var (outcome, _, err) = RunScenario(spec);
        Assert.Equal("", err);
        return Assert.Single(outcome.Verdicts);
    }
}
