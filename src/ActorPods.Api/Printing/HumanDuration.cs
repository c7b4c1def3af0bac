namespace ActorPods.Api.Printing;

/// <summary>
/// kubectl's duration texts, after k8s.io/apimachinery/pkg/util/duration/duration.go (v0.32):
/// <see cref="Format"/> is HumanDuration (AGE, "3 (3m49s ago)", event ages), <see cref="FormatShort"/> is
/// ShortHumanDuration. Go truncates toward zero at every step; so does this.
/// </summary>
public static class HumanDuration
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const long TicksPerHour = TimeSpan.TicksPerHour;

    /// <summary>Go's duration.HumanDuration: ~2-3 significant figures ("95s", "3m49s", "150m", "7h59m", "2d1h", "729d", "2y1d").</summary>
    public static string Format(TimeSpan d)
    {
        var ticks = d.Ticks;
        // Up to 2 s in the future counts as "now" (clock skew tolerance), anything earlier is invalid.
        var seconds = ticks / TicksPerSecond;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";

        var minutes = ticks / TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }
        if (minutes < 60 * 3) return $"{minutes}m";

        var hours = ticks / TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }
        return $"{hours / 24 / 365}y";
    }

    /// <summary>Go's duration.ShortHumanDuration: one unit only ("59s", "1m", "23h", "364d", "1y").</summary>
    public static string FormatShort(TimeSpan d)
    {
        // Go converts through float64 (d.Seconds(), d.Minutes(), d.Hours()) and truncates with int().
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60) return $"{seconds}s";
        var minutes = (long)d.TotalMinutes;
        if (minutes < 60) return $"{minutes}m";
        var hours = (long)d.TotalHours;
        if (hours < 24) return $"{hours}h";
        if (hours < 24 * 365) return $"{hours / 24}d";
        return $"{(long)(d.TotalHours / 24 / 365)}y";
    }

    /// <summary>
    /// printers.go translateTimestampSince for a metav1.Time: "&lt;unknown&gt;" when unset, else HumanDuration(now - t).
    /// metav1.Time travels as RFC 3339 with whole seconds, so kubectl only ever sees the truncated time;
    /// the fraction is dropped here too (a restart 229.6 s ago reads "3m50s", as kubectl would show it).
    /// </summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        IsZero(timestamp) ? "<unknown>" : Format(now - Truncate(timestamp!.Value, TimeSpan.TicksPerSecond));

    /// <summary>translateMicroTimestampSince for a metav1.MicroTime (event eventTime, series lastObservedTime): microsecond precision.</summary>
    public static string SinceMicro(DateTimeOffset? timestamp, DateTimeOffset now) =>
        IsZero(timestamp) ? "<unknown>" : Format(now - Truncate(timestamp!.Value, TimeSpan.TicksPerMillisecond / 1000));

    private static DateTimeOffset Truncate(DateTimeOffset t, long unitTicks) => t.AddTicks(-(t.UtcTicks % unitTicks));

    /// <summary>metav1.Time.IsZero: unset, or Go's zero time (0001-01-01T00:00:00Z).</summary>
    internal static bool IsZero(DateTimeOffset? timestamp) =>
        timestamp is null || timestamp.Value.UtcTicks == DateTimeOffset.MinValue.UtcTicks;
}
