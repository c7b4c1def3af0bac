using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Commands;

/// <summary>hostname [-i]: the pod's hostname, or its IP.</summary>
public sealed class HostnameCommand : ICommand
{
    public string Name => "hostname";

    public Job Run(CommandContext ctx)
    {
        var ipOnly = ctx.Args.Length > 1 && ctx.Args[1] is "-i" or "-I";
        ctx.Stdout.Write((ipOnly ? ctx.Container.PodIp : ctx.Container.Spec.Hostname) + "\n");
        return CommandHelpers.Zero;
    }
}

public sealed class PwdCommand : ICommand
{
    public string Name => "pwd";

    public Job Run(CommandContext ctx)
    {
        ctx.Stdout.Write(ctx.Cwd + "\n");
        return CommandHelpers.Zero;
    }
}

public sealed class BasenameCommand : ICommand
{
    public string Name => "basename";

    public Job Run(CommandContext ctx)
    {
        if (ctx.Args.Length < 2) return new Job(ctx.Fail("missing operand"));
        var p = ctx.Args[1].TrimEnd('/');
        var name = p.Length == 0 ? "/" : p[(p.LastIndexOf('/') + 1)..];
        if (ctx.Args.Length > 2 && name.EndsWith(ctx.Args[2], StringComparison.Ordinal) && name != ctx.Args[2]) name = name[..^ctx.Args[2].Length];
        ctx.Stdout.Write(name + "\n");
        return CommandHelpers.Zero;
    }
}

public sealed class DirnameCommand : ICommand
{
    public string Name => "dirname";

    public Job Run(CommandContext ctx)
    {
        if (ctx.Args.Length < 2) return new Job(ctx.Fail("missing operand"));
        var p = ctx.Args[1].TrimEnd('/');
        var slash = p.LastIndexOf('/');
        ctx.Stdout.Write((slash < 0 ? "." : slash == 0 ? "/" : p[..slash]) + "\n");
        return CommandHelpers.Zero;
    }
}

public sealed class IdCommand : ICommand
{
    public string Name => "id";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Length > 1 && args[1] is "-u" or "-g") ctx.Stdout.Write("0\n");
        else if (args.Length > 1 && args[1] is "-un" or "-gn") ctx.Stdout.Write("root\n");
        else ctx.Stdout.Write("uid=0(root) gid=0(root) groups=0(root)\n");
        return CommandHelpers.Zero;
    }
}

public sealed class WhoamiCommand : ICommand
{
    public string Name => "whoami";

    public Job Run(CommandContext ctx)
    {
        ctx.Stdout.Write("root\n");
        return CommandHelpers.Zero;
    }
}

/// <summary>uname [-asnrm]: a Linux x86_64 node kernel.</summary>
public sealed class UnameCommand : ICommand
{
    public string Name => "uname";

    public Job Run(CommandContext ctx)
    {
        var (flags, _) = CommandHelpers.Parse(ctx.Args);
        var host = ctx.Container.Spec.Hostname;
        var parts = new List<string>();
        var all = flags.Contains('a');
        if (all || flags.Count == 0 || flags.Contains('s')) parts.Add("Linux");
        if (all || flags.Contains('n')) parts.Add(host);
        if (all || flags.Contains('r')) parts.Add("5.15.0-actorpods");
        if (all || flags.Contains('v')) parts.Add("#1 SMP");
        if (all || flags.Contains('m')) parts.Add("x86_64");
        if (all) parts.Add("GNU/Linux");
        ctx.Stdout.Write(string.Join(' ', parts) + "\n");
        return CommandHelpers.Zero;
    }
}

/// <summary>yes [TEXT]: bounded to 10 000 lines written at once; an endless loop that never
/// waits would only stall virtual time.</summary>
public sealed class YesCommand : ICommand
{
    public string Name => "yes";

    public Job Run(CommandContext ctx)
    {
        var text = ctx.Args.Length > 1 ? string.Join(' ', ctx.Args.Skip(1)) : "y";
        var sb = new StringBuilder();
        for (var i = 0; i < 10_000; i++) sb.Append(text).Append('\n');
        ctx.Stdout.Write(sb.ToString());
        return CommandHelpers.Zero;
    }
}

/// <summary>which NAME...: where a command would be found.</summary>
public sealed class WhichCommand : ICommand
{
    public string Name => "which";

    public Job Run(CommandContext ctx)
    {
        var status = 0;
        foreach (var name in ctx.Args.Skip(1))
        {
            var l = ctx.Container.Lookup(name, ctx.Cwd, ctx.Env.GetValueOrDefault("PATH"));
            if (l.Kind is LookupKind.Command or LookupKind.Script) ctx.Stdout.Write(l.Path + "\n");
            else status = 1;
        }
        return new Job(status);
    }
}

/// <summary>expr: integer arithmetic, comparisons, and "length". Exit 1 when the result is 0 or "".</summary>
public sealed class ExprCommand : ICommand
{
    public string Name => "expr";

    public Job Run(CommandContext ctx)
    {
        var a = ctx.Args.Skip(1).ToArray();
        string result;
        if (a.Length == 1) result = a[0];
        else if (a.Length == 2 && a[0] == "length") result = a[1].Length.ToString();
        else if (a.Length == 3)
        {
            var isNum = long.TryParse(a[0], out var x) & long.TryParse(a[2], out var y);
            var cmp = isNum ? x.CompareTo(y) : string.CompareOrdinal(a[0], a[2]);
            switch (a[1])
            {
                case "+" or "-" or "*" or "/" or "%":
                    if (!isNum) return new Job(ctx.Fail("non-integer argument", 2));
                    if (a[1] is "/" or "%" && y == 0) return new Job(ctx.Fail("division by zero", 2));
                    result = (a[1] switch { "+" => x + y, "-" => x - y, "*" => x * y, "/" => x / y, _ => x % y }).ToString();
                    break;
                case "=" or "==": result = cmp == 0 ? "1" : "0"; break;
                case "!=": result = cmp != 0 ? "1" : "0"; break;
                case "<": result = cmp < 0 ? "1" : "0"; break;
                case "<=": result = cmp <= 0 ? "1" : "0"; break;
                case ">": result = cmp > 0 ? "1" : "0"; break;
                case ">=": result = cmp >= 0 ? "1" : "0"; break;
                default: return new Job(ctx.Fail("syntax error", 2));
            }
        }
        else return new Job(ctx.Fail("syntax error", 2));
        ctx.Stdout.Write(result + "\n");
        return new Job(result is "0" or "" ? 1 : 0);
    }
}
