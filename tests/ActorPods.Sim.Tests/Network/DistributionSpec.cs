using ActorPods.Sim.Network;

namespace ActorPods.Sim.Tests.Network;

public class DistributionSpec
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("90s", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0", 0)]
    public void Go_style_durations_parse(string text, long millis) =>
        Assert.Equal(TimeSpan.FromMilliseconds(millis), Durations.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 s")]
    [InlineData("1d")]
    public void Malformed_durations_say_what_is_expected(string text)
    {
        var e = Assert.Throws<FormatException>(() => Durations.Parse(text));
        Assert.Contains($"invalid duration \"{text}\"", e.Message);
    }

    [Fact]
    public void Distributions_parse_and_sample_within_their_bounds()
    {
        var random = new Random(7);
        Assert.Equal(TimeSpan.FromMilliseconds(5), LatencyDistribution.Parse("5ms").Sample(random));
        var uniform = LatencyDistribution.Parse("uniform(1ms, 3ms)");
        Assert.IsType<LatencyDistribution.Uniform>(uniform);
        for (var i = 0; i < 1000; i++) Assert.InRange(uniform.Sample(random), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3));
        var normal = LatencyDistribution.Parse("normal(10ms,2ms)");
        var samples = Enumerable.Range(0, 5000).Select(_ => normal.Sample(random).TotalMilliseconds).ToArray();
        Assert.InRange(samples.Average(), 9.8, 10.2);
        Assert.All(samples, s => Assert.True(s >= 0));
        Assert.Throws<FormatException>(() => LatencyDistribution.Parse("uniform(3ms,1ms)"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples()
    {
        var d = LatencyDistribution.Parse("normal(10ms,3ms)");
        var a = Enumerable.Range(0, 50).Select(_ => d.Sample(new Random(1))).ToArray();
        var r1 = new Random(9);
        var r2 = new Random(9);
        Assert.Equal(Enumerable.Range(0, 50).Select(_ => d.Sample(r1)), Enumerable.Range(0, 50).Select(_ => d.Sample(r2)));
        Assert.Single(a.Distinct());
    }
}
