namespace ActorPods.Cli.Tests.Demo;

public class DemoCommandSpec
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ActorPodsCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Drops the closing line, which reports wall-clock milliseconds.</summary>
    private static string WithoutSummary(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("done:", StringComparison.Ordinal)));

    [Fact]
    public void Partitioned_node_is_detected_after_the_grace_and_recovers_after_the_heal()
    {
        var (code, output, _) = Run("demo", "--seed", "5");
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        var unreachable = Assert.Single(lines, l => l.Contains("node-2 unreachable", StringComparison.Ordinal));
        // Last heartbeat just after 50 s; the monitor checks every 5 s and needs more than 40 s of silence.
        Assert.StartsWith("[  95.000s]", unreachable);
        Assert.Contains(lines, l => l.StartsWith("[ 150.0", StringComparison.Ordinal) && l.Contains("node-2 reachable again", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("node-1 unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_seed_gives_the_same_output_and_another_seed_changes_latencies()
    {
        var a = WithoutSummary(Run("demo", "--seed", "11").Out);
        var b = WithoutSummary(Run("demo", "--seed", "11").Out);
        var c = WithoutSummary(Run("demo", "--seed", "12").Out);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Too_few_nodes_is_a_usage_error()
    {
        var (code, _, err) = Run("demo", "--nodes", "1");
        Assert.Equal(2, code);
        Assert.Contains("--nodes must be at least 2", err);
    }
}
