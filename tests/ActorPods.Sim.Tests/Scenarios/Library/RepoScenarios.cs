using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>Runs the scenarios shipped in config/scenarios as `actorpods run` does from the repository root.</summary>
internal static class RepoScenarios
{
    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorPods.sln"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }

    /// <summary>Every scenario file of config/scenarios (not its manifests/ subfolder), in name order.</summary>
    public static IEnumerable<string> All() =>
        Directory.GetFiles(RepoFile("config/scenarios"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>Runs a scenario; <paramref name="lanes"/> and <paramref name="laneThreshold"/> as RunOptions' (null: defaults).</summary>
    public static (RunOutcome Outcome, string Out) Run(string name, string? tracePath = null, int? lanes = null, int? laneThreshold = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var options = new RunOptions
        {
            Cluster = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")), TracePath = tracePath, Lanes = lanes, LaneThreshold = laneThreshold,
        };
        var outcome = SimulationRun.Execute(ScenarioLoader.Load(RepoFile("config/scenarios/" + name)), options, stdout, stderr);
        Assert.Equal("", stderr.ToString());
        return (outcome, stdout.ToString());
    }

    // One run per scenario for all the specs that read it: runs are deterministic, so sharing loses nothing.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(RunOutcome, string)>> Runs = new();

    /// <summary>Runs the scenario (once per test run) and asserts that it has expectations and that all of them pass.</summary>
    public static RunOutcome RunPassing(string name)
    {
        var (outcome, output) = Runs.GetOrAdd(name, n => new Lazy<(RunOutcome, string)>(() => Run(n))).Value;
        Assert.NotEmpty(outcome.Verdicts);
        Assert.True(outcome.Verdicts.All(v => v.Passed), output);
        Assert.Equal(0, outcome.ExitCode);
        return outcome;
    }

    public static IEnumerable<TraceRecord> Of(this RunOutcome outcome, string type, string? pod = null) =>
        outcome.Trace.Where(r => r.Type == type && (pod is null || (r.String("pod") ?? r.String("name")) == pod));
}
