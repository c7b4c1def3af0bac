using System.Globalization;
using System.Text;

namespace ActorPods.Node.Kubelet;

/// <summary>Go's time.Duration.String(): "10s", "1m20s", "5m0s", "1.532s", "500ms".</summary>
public static class GoDuration
{
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (d < TimeSpan.Zero) { sb.Append('-'); d = d.Negate(); }
        if (d < TimeSpan.FromSeconds(1))
        {
            var ms = d.Ticks / (double)TimeSpan.TicksPerMillisecond;
            if (ms >= 1) return sb.Append(Trim(ms)).Append("ms").ToString();
            return sb.Append(Trim(d.Ticks / 10.0)).Append("µs").ToString();
        }
        var hours = (long)d.TotalHours;
        var minutes = d.Minutes;
        var seconds = d.Ticks % TimeSpan.TicksPerMinute / (double)TimeSpan.TicksPerSecond;
        if (hours > 0) sb.Append(hours).Append('h');
        if (hours > 0 || minutes > 0) sb.Append(minutes).Append('m');
        sb.Append(Trim(seconds)).Append('s');
        return sb.ToString();
    }

    /// <summary>The duration truncated to milliseconds (what the image manager prints for pulls).</summary>
    public static string FormatMillis(TimeSpan d) => Format(TimeSpan.FromMilliseconds(Math.Floor(d.TotalMilliseconds)));

    private static string Trim(double v) => v.ToString("0.#########", CultureInfo.InvariantCulture);
}
