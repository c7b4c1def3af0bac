using System.Globalization;
using System.Text;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>printf FORMAT [ARGS]: %s %d %i %u %x %X %o %c %f %e %g %b %%, flags/width/precision;
/// the format is reused while arguments remain.</summary>
public sealed class PrintfCommand : ICommand
{
    public string Name => "printf";

    public Job Run(CommandContext ctx)
    {
        if (ctx.Args.Length < 2) return new Job(ctx.Fail(ctx.Gnu ? "missing operand" : "usage: printf FORMAT [ARGUMENT...]", ctx.Gnu ? 1 : 2));
        var sb = new StringBuilder();
        var status = Format(sb, ctx.Args[1], ctx.Args, 2, ctx);
        ctx.Stdout.Write(sb.ToString());
        return new Job(status);
    }

    internal static int Format(StringBuilder sb, string format, string[] args, int argIndex, CommandContext? ctx)
    {
        var status = 0;
        var ai = argIndex;
        do
        {
            var consumed = false;
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '\\')
                {
                    var end = i + 1;
                    if (end < format.Length && format[end] is >= '0' and <= '7')
                    {
                        var v = 0; var k = 0;
                        while (k < 3 && end < format.Length && format[end] is >= '0' and <= '7') { v = v * 8 + (format[end++] - '0'); k++; }
                        sb.Append((char)v);
                        i = end - 1;
                        continue;
                    }
                    if (Escapes.Append(sb, format.Substring(i, Math.Min(2, format.Length - i)))) return status;
                    i++;
                    continue;
                }
                if (c != '%') { sb.Append(c); continue; }
                if (i + 1 < format.Length && format[i + 1] == '%') { sb.Append('%'); i++; continue; }
                var j = i + 1;
                var flags = "";
                while (j < format.Length && "-+ #0".Contains(format[j])) flags += format[j++];
                var width = "";
                while (j < format.Length && char.IsAsciiDigit(format[j])) width += format[j++];
                string? precision = null;
                if (j < format.Length && format[j] == '.')
                {
                    j++;
                    precision = "";
                    while (j < format.Length && char.IsAsciiDigit(format[j])) precision += format[j++];
                }
                if (j >= format.Length) { sb.Append(format, i, format.Length - i); break; }
                var conv = format[j];
                var arg = ai < args.Length ? args[ai++] : null;
                consumed |= arg is not null;
                string text;
                switch (conv)
                {
                    case 's':
                        text = arg ?? "";
                        if (precision is { Length: > 0 } && int.TryParse(precision, out var p) && p < text.Length) text = text[..p];
                        break;
                    case 'b':
                    {
                        var b = new StringBuilder();
                        Escapes.Append(b, arg ?? "");
                        text = b.ToString();
                        break;
                    }
                    case 'c': text = string.IsNullOrEmpty(arg) ? "" : arg[..1]; break;
                    case 'd' or 'i' or 'u' or 'x' or 'X' or 'o':
                    {
                        var n = ParseInt(arg, ctx, ref status);
                        text = conv switch
                        {
                            'x' => n.ToString("x"),
                            'X' => n.ToString("X"),
                            'o' => Convert.ToString(n, 8),
                            _ => n.ToString(CultureInfo.InvariantCulture),
                        };
                        if (flags.Contains('+') && n >= 0 && conv is 'd' or 'i') text = "+" + text;
                        break;
                    }
                    case 'f' or 'e' or 'g' or 'E' or 'G':
                    {
                        double.TryParse(arg ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture, out var d);
                        var prec = precision is { Length: > 0 } ? int.Parse(precision) : 6;
                        text = conv switch
                        {
                            'f' => d.ToString("F" + prec, CultureInfo.InvariantCulture),
                            'e' or 'E' => d.ToString((conv == 'e' ? "0." + new string('0', prec) + "e+00" : "0." + new string('0', prec) + "E+00"), CultureInfo.InvariantCulture),
                            _ => d.ToString("G" + (prec == 0 ? 1 : prec), CultureInfo.InvariantCulture),
                        };
                        break;
                    }
                    default:
                        text = "%" + flags + width + conv;
                        break;
                }
                if (width.Length > 0 && int.TryParse(width, out var w) && text.Length < w)
                    text = flags.Contains('-') ? text.PadRight(w) : flags.Contains('0') && conv != 's' ? text.PadLeft(w, '0') : text.PadLeft(w);
                sb.Append(text);
                i = j;
            }
            if (!consumed) break;
        } while (ai < args.Length);
        return status;
    }

    private static long ParseInt(string? arg, CommandContext? ctx, ref int status)
    {
        if (string.IsNullOrEmpty(arg)) return 0;
        if (arg.Length >= 2 && arg[0] is '\'' or '"') return arg[1];
        if (long.TryParse(arg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        if (arg.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(arg[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out v)) return v;
        ctx?.Stderr.Write($"printf: invalid number '{arg}'\n");
        status = 1;
        return 0;
    }
}
