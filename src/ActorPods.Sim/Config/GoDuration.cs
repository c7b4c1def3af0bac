using System.Globalization;
using System.Text;

namespace ActorPods.Sim.Config;

/// <summary>
/// Durations as Go's time.ParseDuration (and so kubectl's --timeout, --request-timeout) read them: a sequence of
/// decimal numbers with units ns, us, µs, ms, s, m, h — "90s", "5m", "1h30m", "1.5s", "300ms". A bare "0" is zero.
/// </summary>
public static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s == "0") return true;
        var negative = s.StartsWith('-');
        if (s[0] is '-' or '+') s = s[1..];
        if (s.Length == 0) return false;
        decimal totalNs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start) return false;
            if (!decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            decimal? scale = s[unitStart..i] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (scale is null) return false;
            totalNs += value * scale.Value;
        }
        var ticks = (long)decimal.Round(totalNs / 100m);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"time: invalid duration \"{text}\"");

    /// <summary>Go's Duration.String(): "1h30m0s", "1m30s", "500ms", "0s".</summary>
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (d < TimeSpan.Zero)
        {
            sb.Append('-');
            d = d.Negate();
        }
        if (d < TimeSpan.FromSeconds(1))
        {
            var ms = d.TotalMilliseconds;
            return sb.Append(ms.ToString("0.###", CultureInfo.InvariantCulture)).Append("ms").ToString();
        }
        var hours = (long)d.TotalHours;
        if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || d.Minutes > 0) sb.Append(d.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        var seconds = d.Seconds + d.Milliseconds / 1000m + (d.Ticks % TimeSpan.TicksPerMillisecond) / 10_000_000m;
        sb.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
