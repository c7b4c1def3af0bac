using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Config;

public sealed class GoDurationSpec
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("300ms", 0.3)]
    [InlineData("0", 0)]
    public void Go_style_durations_parse(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("5 m")]
    [InlineData("1d")]
    [InlineData("abc")]
    public void Other_text_is_refused(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(5400, "1h30m0s")]
    [InlineData(90, "1m30s")]
    [InlineData(0.5, "500ms")]
    [InlineData(0, "0s")]
    public void Durations_print_as_Go_prints_them(double seconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
