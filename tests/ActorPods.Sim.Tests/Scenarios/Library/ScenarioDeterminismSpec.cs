namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>
/// Every scenario in config/scenarios, including ones added later, run twice with its seed writes the same trace byte
/// for byte: virtual time, injected randomness and ordered mailboxes leave nothing to chance. The second run spreads
/// every instant's isolated turns (probers' ticks) over three lanes, so the trace is also the same whatever the number
/// of threads (ActorSystemOptions.Lanes); so does spreading the control plane's turns (Actor.RunsApart) beside the
/// rest of each wave, which the second run does for every wave with a control-plane delivery (its lane threshold is 1).
/// </summary>
public sealed class ScenarioDeterminismSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in RepoScenarios.All()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_scenario_run_twice_with_the_same_seed_writes_a_byte_identical_trace_on_one_lane_or_three(string scenario)
    {
        var a = Path.Combine(_files.Dir, "a.jsonl");
        var b = Path.Combine(_files.Dir, "b.jsonl");
        var (serial, serialOut) = RepoScenarios.Run(scenario, a, lanes: 1);
        var (spread, spreadOut) = RepoScenarios.Run(scenario, b, lanes: 3, laneThreshold: 1);
        Assert.Equal(0, serial.LaneDeliveries);
        Assert.Equal(serialOut, spreadOut);
        var first = File.ReadAllBytes(a);
        var second = File.ReadAllBytes(b);
        Assert.NotEmpty(first);
        if (first.AsSpan().SequenceEqual(second)) return;
        // Name the first line that differs rather than dumping two traces.
        var (x, y) = (File.ReadAllLines(a), File.ReadAllLines(b));
        var i = Enumerable.Range(0, Math.Min(x.Length, y.Length)).FirstOrDefault(n => x[n] != y[n], Math.Min(x.Length, y.Length));
        Assert.Equal(i < x.Length ? x[i] : "<end of trace>", i < y.Length ? y[i] : "<end of trace>");
        Assert.Fail("the traces differ in their line endings");
    }

    [Fact]
    public void Probers_ticking_together_run_on_the_lanes()
    {
        var (outcome, _) = RepoScenarios.Run("rolling-update-gated-by-readiness.yaml", lanes: 2, laneThreshold: 1);
        Assert.True(outcome.LaneDeliveries > 0, "no prober tick ran on a lane");
    }

    [Fact]
    public void The_control_planes_turns_run_beside_the_rest_of_their_waves()
    {
        var (outcome, _) = RepoScenarios.Run("rolling-update-gated-by-readiness.yaml", lanes: 2, laneThreshold: 1);
        Assert.True(outcome.WavesSpread > 0, "no wave was spread");
        var (serial, _) = RepoScenarios.Run("rolling-update-gated-by-readiness.yaml", lanes: 1);
        Assert.Equal(0, serial.WavesSpread);
    }
}
