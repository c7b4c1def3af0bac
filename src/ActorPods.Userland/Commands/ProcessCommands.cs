using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Commands;

internal static class SignalArgs
{
    /// <summary>Reads "-9", "-TERM", "-SIGTERM", "-s TERM", "-n 9"; returns the index of the first operand.</summary>
    public static int Parse(string[] args, out Signal signal, out string? error)
    {
        signal = Signal.SIGTERM;
        error = null;
        var i = 1;
        if (i < args.Length && args[i] is "-s" or "-n" && i + 1 < args.Length)
        {
            if (!Signals.TryParse(args[i + 1], out signal) && args[i + 1] != "0") error = $"bad signal name '{args[i + 1]}'";
            if (args[i + 1] == "0") signal = 0;
            return i + 2;
        }
        if (i < args.Length && args[i].Length > 1 && args[i][0] == '-' && args[i] != "--")
        {
            var s = args[i][1..];
            if (s == "0") signal = 0;
            else if (!Signals.TryParse(s, out signal)) error = $"bad signal name '{s}'";
            i++;
        }
        if (i < args.Length && args[i] == "--") i++;
        return i;
    }
}

/// <summary>kill [-SIG] PID... and kill -l. Signal 0 only checks that the process exists.</summary>
public sealed class KillCommand : ICommand
{
    public string Name => "kill";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Length > 1 && args[1] == "-l")
        {
            ctx.Stdout.Write(string.Join(' ', Enum.GetNames<Signal>().Select(n => n[3..])) + "\n");
            return CommandHelpers.Zero;
        }
        var first = SignalArgs.Parse(args, out var signal, out var error);
        if (error is not null) return new Job(ctx.Fail(error));
        if (first >= args.Length) return new Job(ctx.Fail(ctx.Gnu ? "usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]" : "usage: kill [-s SIG | -l] PID...", ctx.Gnu ? 2 : 1));
        var status = 0;
        for (var i = first; i < args.Length; i++)
        {
            var target = int.TryParse(args[i], out var pid) ? ctx.Container.FindProcess(pid) : null;
            if (target is null || target.Exited)
            {
                ctx.Stderr.Write(int.TryParse(args[i], out _)
                    ? (ctx.Gnu ? $"kill: ({args[i]}) - No such process\n" : $"kill: can't kill pid {args[i]}: No such process\n")
                    : $"kill: invalid number '{args[i]}'\n");
                status = 1;
                continue;
            }
            if ((int)signal != 0) target.Signal(signal);
        }
        return new Job(status);
    }
}

/// <summary>killall [-SIG] NAME...: by process name; "-0" tests for existence.</summary>
public sealed class KillallCommand : ICommand
{
    public string Name => "killall";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var quiet = args.Contains("-q");
        var filtered = args.Where(a => a != "-q").ToArray();
        var first = SignalArgs.Parse(filtered, out var signal, out var error);
        if (error is not null) return new Job(ctx.Fail(error));
        var status = 0;
        for (var i = first; i < filtered.Length; i++)
        {
            var name = filtered[i];
            var targets = ctx.Container.Processes.Where(p => p.Name == name && p != ctx.Process && !p.Exited).ToList();
            if (targets.Count == 0)
            {
                if (!quiet) ctx.Stderr.Write($"killall: {name}: no process killed\n");
                status = 1;
                continue;
            }
            if ((int)signal != 0) foreach (var p in targets) p.Signal(signal);
        }
        return new Job(status);
    }
}

/// <summary>pidof NAME...: PIDs, newest first, space separated.</summary>
public sealed class PidofCommand : ICommand
{
    public string Name => "pidof";

    public Job Run(CommandContext ctx)
    {
        var names = ctx.Args.Skip(1).Where(a => !a.StartsWith('-')).ToHashSet();
        var pids = ctx.Container.Processes.Where(p => names.Contains(p.Name) && !p.Exited).Select(p => p.Pid).OrderDescending().ToList();
        if (pids.Count == 0) return CommandHelpers.One;
        ctx.Stdout.Write(string.Join(' ', pids) + "\n");
        return CommandHelpers.Zero;
    }
}

/// <summary>ps: busybox's "PID USER TIME COMMAND" table (GNU images get the same shape).</summary>
public sealed class PsCommand : ICommand
{
    public string Name => "ps";

    public Job Run(CommandContext ctx)
    {
        var sb = new StringBuilder("PID   USER     TIME  COMMAND\n");
        foreach (var p in ctx.Container.Processes.Where(p => !p.Exited).OrderBy(p => p.Pid))
        {
            var cpu = ctx.Now - p.StartedAt;
            sb.Append($"{p.Pid,5} root      {(int)cpu.TotalMinutes % 60}:{cpu.Seconds:00} {p.Name}\n");
        }
        ctx.Stdout.Write(sb.ToString());
        return CommandHelpers.Zero;
    }
}

/// <summary>timeout [-s SIG] DURATION COMMAND [ARGS]: runs COMMAND as a child and signals it
/// when the time is up (exit 124, or 128+9 with -s KILL).</summary>
public sealed class TimeoutCommand : ICommand
{
    public string Name => "timeout";

    public async Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var signal = Signal.SIGTERM;
        var i = 1;
        for (; i < args.Length && args[i].StartsWith('-'); i++)
        {
            if (args[i] == "-s" && i + 1 < args.Length) { Signals.TryParse(args[++i], out signal); continue; }
            if (args[i].StartsWith("--signal=", StringComparison.Ordinal)) Signals.TryParse(args[i][9..], out signal);
        }
        if (i + 1 >= args.Length || !SleepCommand.TryParse(args[i], out var duration))
            return ctx.Fail(ctx.Gnu ? "missing operand" : "applet requires an argument", 125);
        var rest = args[(i + 1)..];
        var lookup = ctx.Container.Lookup(rest[0], ctx.Cwd, ctx.Env.GetValueOrDefault("PATH"));
        if (lookup.Kind is LookupKind.NotFound or LookupKind.NotExecutable)
            return ctx.Fail($"failed to run command '{rest[0]}': No such file or directory", 127);
        if (lookup.Kind == LookupKind.Script) rest = new[] { "sh", lookup.Path! }.Concat(rest.Skip(1)).ToArray();
        var child = ctx.Container.Spawn(ctx.Process, Shell.Interpreter.ProcessName(rest[0]), ctx.Cwd);
        var sub = new CommandContext(child, rest, ctx.Stdin, ctx.Stdout, ctx.Stderr, ctx.Env);
        lookup.Command!.Run(sub).OnDone(child.Exit);
        var timedOut = false;
        if (duration != TimeSpan.MaxValue)
            ctx.Process.Delay(duration).OnDone(_ => { if (!child.Exited) { timedOut = true; child.Signal(signal); } });
        var code = await ctx.Process.WaitFor(child.Completion);
        return timedOut && child.KilledBy is not null && signal != Signal.SIGKILL ? 124 : code;
    }
}

/// <summary>nohup COMMAND [ARGS]: runs COMMAND ignoring SIGHUP.</summary>
public sealed class NohupCommand : ICommand
{
    public string Name => "nohup";

    public async Job Run(CommandContext ctx)
    {
        if (ctx.Args.Length < 2) return ctx.Fail("missing operand", 125);
        var rest = ctx.Args[1..];
        var lookup = ctx.Container.Lookup(rest[0], ctx.Cwd, ctx.Env.GetValueOrDefault("PATH"));
        if (lookup.Kind is LookupKind.NotFound or LookupKind.NotExecutable)
            return ctx.Fail($"can't execute '{rest[0]}': No such file or directory", 127);
        if (lookup.Kind == LookupKind.Script) rest = new[] { "sh", lookup.Path! }.Concat(rest.Skip(1)).ToArray();
        ctx.Process.Name = Shell.Interpreter.ProcessName(rest[0]);
        return await lookup.Command!.Run(new CommandContext(ctx.Process, rest, ctx.Stdin, ctx.Stdout, ctx.Stderr, ctx.Env));
    }
}
