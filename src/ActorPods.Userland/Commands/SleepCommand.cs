using System.Globalization;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>sleep N[smhd]... (summed), fractions, and "infinity" (busybox and GNU agree).
/// A virtual-time timer on the process, so a kill cancels it.</summary>
public sealed class SleepCommand : ICommand
{
    public string Name => "sleep";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Length < 2)
        {
            ctx.Stderr.Write(ctx.Gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n"
                : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n");
            return new Job(1);
        }
        var total = TimeSpan.Zero;
        for (var i = 1; i < args.Length; i++)
        {
            if (!TryParse(args[i], out var d))
            {
                ctx.Stderr.Write(ctx.Gnu ? $"sleep: invalid time interval '{args[i]}'\nTry 'sleep --help' for more information.\n"
                    : $"sleep: invalid number '{args[i]}'\n");
                return new Job(1);
            }
            if (d == TimeSpan.MaxValue) return Forever(ctx);
            total += d;
        }
        return ctx.Process.Delay(total);
    }

    /// <summary>Waits until the process is killed.</summary>
    private static Job Forever(CommandContext ctx) => ctx.Process.WaitFor(ctx.Process.NewWait().Job);

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length == 0) return false;
        if (text is "inf" or "infinity" or "INF" or "Infinity") { value = TimeSpan.MaxValue; return true; }
        var mult = 1.0;
        var num = text;
        switch (text[^1])
        {
            case 's': num = text[..^1]; break;
            case 'm': mult = 60; num = text[..^1]; break;
            case 'h': mult = 3600; num = text[..^1]; break;
            case 'd': mult = 86400; num = text[..^1]; break;
        }
        if (num.Length == 0 || !double.TryParse(num, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return false;
        var seconds = n * mult;
        value = seconds > 1e9 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
        return true;
    }
}
