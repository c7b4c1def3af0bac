using System.Globalization;
using System.Text;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>date [-u] [-d @SECONDS] [+FORMAT]: the simulated clock (UTC; containers have no TZ).</summary>
public sealed class DateCommand : ICommand
{
    public string Name => "date";

    public Job Run(CommandContext ctx)
    {
        var now = ctx.Now.ToUniversalTime();
        string? format = null;
        var args = ctx.Args;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith('+')) format = a[1..];
            else if (a is "-u" or "--utc" or "-R") { if (a == "-R") format = "%a, %d %b %Y %H:%M:%S %z"; }
            else if (a == "-I" || a.StartsWith("--iso-8601", StringComparison.Ordinal)) format = "%Y-%m-%d";
            else if ((a == "-d" || a == "--date") && i + 1 < args.Length)
            {
                var d = args[++i];
                if (d.StartsWith('@') && long.TryParse(d[1..], out var secs)) now = DateTimeOffset.FromUnixTimeSeconds(secs);
                else if (DateTimeOffset.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) now = parsed.ToUniversalTime();
                else return new Job(ctx.Fail(ctx.Gnu ? $"invalid date '{d}'" : $"invalid date '{d}'"));
            }
            else if (a.StartsWith('-')) continue;
            else return new Job(ctx.Fail($"invalid date '{a}'"));
        }
        ctx.Stdout.Write(Format(now, format ?? "%a %b %e %H:%M:%S %Z %Y") + "\n");
        return CommandHelpers.Zero;
    }

    /// <summary>strftime with GNU's %N and %3N (nanoseconds, truncated to a width).</summary>
    public static string Format(DateTimeOffset t, string format)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length) { sb.Append(c); continue; }
            var j = i + 1;
            var pad = '\0';
            if (format[j] is '-' or '_' or '0') pad = format[j++];
            var width = 0;
            while (j < format.Length && char.IsAsciiDigit(format[j])) width = width * 10 + (format[j++] - '0');
            if (j >= format.Length) { sb.Append(format, i, format.Length - i); break; }
            var spec = format[j];
            i = j;
            string Num(int value, int digits) => pad == '-' ? value.ToString(inv) : pad == '_' ? value.ToString(inv).PadLeft(digits) : value.ToString(inv).PadLeft(digits, '0');
            switch (spec)
            {
                case 'Y': sb.Append(t.Year.ToString(inv)); break;
                case 'C': sb.Append(Num(t.Year / 100, 2)); break;
                case 'y': sb.Append(Num(t.Year % 100, 2)); break;
                case 'm': sb.Append(Num(t.Month, 2)); break;
                case 'd': sb.Append(Num(t.Day, 2)); break;
                case 'e': sb.Append(t.Day.ToString(inv).PadLeft(2)); break;
                case 'H': sb.Append(Num(t.Hour, 2)); break;
                case 'k': sb.Append(t.Hour.ToString(inv).PadLeft(2)); break;
                case 'I': sb.Append(Num(t.Hour % 12 == 0 ? 12 : t.Hour % 12, 2)); break;
                case 'l': sb.Append((t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString(inv).PadLeft(2)); break;
                case 'M': sb.Append(Num(t.Minute, 2)); break;
                case 'S': sb.Append(Num(t.Second, 2)); break;
                case 'p': sb.Append(t.Hour < 12 ? "AM" : "PM"); break;
                case 'P': sb.Append(t.Hour < 12 ? "am" : "pm"); break;
                case 's': sb.Append(t.ToUnixTimeSeconds().ToString(inv)); break;
                case 'N':
                {
                    var nanos = ((t.Ticks % TimeSpan.TicksPerSecond) * 100).ToString(inv).PadLeft(9, '0');
                    sb.Append(width is > 0 and < 9 ? nanos[..width] : nanos);
                    break;
                }
                case 'j': sb.Append(Num(t.DayOfYear, 3)); break;
                case 'a': sb.Append(t.ToString("ddd", inv)); break;
                case 'A': sb.Append(t.ToString("dddd", inv)); break;
                case 'b' or 'h': sb.Append(t.ToString("MMM", inv)); break;
                case 'B': sb.Append(t.ToString("MMMM", inv)); break;
                case 'u': sb.Append(((int)t.DayOfWeek == 0 ? 7 : (int)t.DayOfWeek).ToString(inv)); break;
                case 'w': sb.Append(((int)t.DayOfWeek).ToString(inv)); break;
                case 'Z': sb.Append("UTC"); break;
                case 'z': sb.Append("+0000"); break;
                case 'F': sb.Append(t.ToString("yyyy-MM-dd", inv)); break;
                case 'T': sb.Append(t.ToString("HH:mm:ss", inv)); break;
                case 'D': sb.Append(t.ToString("MM/dd/yy", inv)); break;
                case 'R': sb.Append(t.ToString("HH:mm", inv)); break;
                case 'c': sb.Append(Format(t, "%a %b %e %H:%M:%S %Y")); break;
                case 'x': sb.Append(t.ToString("MM/dd/yy", inv)); break;
                case 'X': sb.Append(t.ToString("HH:mm:ss", inv)); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case '%': sb.Append('%'); break;
                default: sb.Append('%').Append(spec); break;
            }
        }
        return sb.ToString();
    }
}
