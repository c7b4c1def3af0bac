using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorPods.Sim.Network;

/// <summary>How long one message takes on a link. Samples come from the run's seeded generator only.</summary>
public abstract record LatencyDistribution
{
    public static readonly LatencyDistribution Zero = new Fixed(TimeSpan.Zero);

    public abstract TimeSpan Sample(Random random);

    public sealed record Fixed(TimeSpan Delay) : LatencyDistribution
    {
        public override TimeSpan Sample(Random random) => Delay;
        public override string ToString() => Durations.Format(Delay);
    }

    public sealed record Uniform(TimeSpan Min, TimeSpan Max) : LatencyDistribution
    {
        public override TimeSpan Sample(Random random) =>
            Max <= Min ? Min : Min + TimeSpan.FromTicks(random.NextInt64(0, Max.Ticks - Min.Ticks + 1));
        public override string ToString() => $"uniform({Durations.Format(Min)},{Durations.Format(Max)})";
    }

    /// <summary>Mean plus Gaussian jitter (Box–Muller), never below zero.</summary>
    public sealed record Normal(TimeSpan Mean, TimeSpan StdDev) : LatencyDistribution
    {
        public override TimeSpan Sample(Random random)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            var ticks = Mean.Ticks + z * StdDev.Ticks;
            return TimeSpan.FromTicks(Math.Max(0L, (long)ticks));
        }

        public override string ToString() => $"normal({Durations.Format(Mean)},{Durations.Format(StdDev)})";
    }

    private static readonly Regex Call = new(@"^\s*(uniform|normal)\s*\(\s*([^,\s]+)\s*,\s*([^)\s]+)\s*\)\s*$", RegexOptions.CultureInvariant);

    /// <summary>Parses <c>5ms</c>, <c>uniform(1ms,20ms)</c> or <c>normal(10ms,2ms)</c> (Go-style durations).</summary>
    public static LatencyDistribution Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Call.Match(text);
        if (!m.Success) return new Fixed(Durations.Parse(text.Trim()));
        var a = Durations.Parse(m.Groups[2].Value);
        var b = Durations.Parse(m.Groups[3].Value);
        return m.Groups[1].Value switch
        {
            "uniform" when b < a => throw new FormatException($"uniform latency: max {Durations.Format(b)} is below min {Durations.Format(a)}"),
            "uniform" => new Uniform(a, b),
            _ => new Normal(a, b),
        };
    }
}

/// <summary>Go-style durations as kubectl and scenario files write them: <c>250ms</c>, <c>90s</c>, <c>1h30m</c>, <c>1.5s</c>.</summary>
public static class Durations
{
    private static readonly Regex Part = new(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant);

    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "0") return TimeSpan.Zero;
        var total = 0.0;
        var at = 0;
        foreach (Match m in Part.Matches(text))
        {
            if (m.Index != at) break;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += value * m.Groups[2].Value switch
            {
                "ns" => 1e-9,
                "us" or "µs" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                _ => 3600,
            };
            at += m.Length;
        }
        if (at != text.Length || text.Length == 0)
            throw new FormatException($"time: invalid duration \"{text}\" (expected e.g. 250ms, 90s, 5m, 1h30m)");
        return TimeSpan.FromTicks((long)Math.Round(total * TimeSpan.TicksPerSecond));
    }

    public static string Format(TimeSpan d)
    {
        if (d.Ticks % TimeSpan.TicksPerSecond == 0) return $"{(long)d.TotalSeconds}s";
        if (d.Ticks % TimeSpan.TicksPerMillisecond == 0) return $"{(long)d.TotalMilliseconds}ms";
        return $"{d.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
    }
}
