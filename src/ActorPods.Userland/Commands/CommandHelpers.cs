using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>Small helpers shared by the utilities.</summary>
internal static class CommandHelpers
{
    public static readonly Job Zero = new(0);
    public static readonly Job One = new(1);

    /// <summary>Splits argv into single-letter flags (-rf, -n 5 handled by callers) and operands.
    /// Stops at "--". Unknown letters are kept; callers validate.</summary>
    public static (HashSet<char> Flags, List<string> Operands) Parse(string[] args, int start = 1)
    {
        var flags = new HashSet<char>();
        var operands = new List<string>();
        var done = false;
        for (var i = start; i < args.Length; i++)
        {
            var a = args[i];
            if (!done && a == "--") { done = true; continue; }
            if (!done && a.Length > 1 && a[0] == '-' && !char.IsAsciiDigit(a[1]))
            {
                foreach (var c in a.AsSpan(1)) flags.Add(c);
                continue;
            }
            operands.Add(a);
        }
        return (flags, operands);
    }

    /// <summary>Lines of a text without the trailing empty piece after a final newline.</summary>
    public static List<string> Lines(string text)
    {
        var lines = new List<string>(text.Split('\n'));
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}

public sealed class TrueCommand : ICommand
{
    public string Name => "true";
    public Job Run(CommandContext ctx) => CommandHelpers.Zero;
}

public sealed class FalseCommand : ICommand
{
    public string Name => "false";
    public Job Run(CommandContext ctx) => CommandHelpers.One;
}

/// <summary>Tools whose effect does not matter in the simulation (chmod, chown, sync).</summary>
public sealed class NoopCommand(string name) : ICommand
{
    public string Name { get; } = name;
    public Job Run(CommandContext ctx) => CommandHelpers.Zero;
}
