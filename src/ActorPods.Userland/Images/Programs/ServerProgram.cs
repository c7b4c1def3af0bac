using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Hosting;
using ActorPods.Userland.Network;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Images.Programs;

/// <summary>
/// A long-running program described by the catalog: prints its start log, takes its start-up
/// time, opens its ports, then runs until a signal ends it (or until exitAfter). Kinds derive
/// from it to read their own flags (ports, sub-commands) or act as control clients.
/// </summary>
internal class ServerProgram : ICommand
{
    protected readonly ProgramDefinition Def;

    public ServerProgram(ProgramDefinition def) => Def = def;

    public string Name => System.IO.Path.GetFileName(Def.Path);

    protected virtual ServerStyle Style => ServerStyle.Generic;

    public virtual Job Run(CommandContext ctx) => Serve(ctx, PortsFromDefinition());

    protected List<PortSpec> PortsFromDefinition()
    {
        var ports = new List<PortSpec>();
        if (Def.Listen is null) return ports;
        foreach (var l in Def.Listen)
        {
            var p = new PortSpec { Port = l.Port, Protocol = l.Protocol.ToLowerInvariant() };
            if (l.Routes is not null) foreach (var r in l.Routes) p.Routes.Add(Route.From(r));
            if (l.Health is not null)
                p.Health = l.Health.Equals("SERVING", StringComparison.OrdinalIgnoreCase) ? GrpcServingStatus.Serving : GrpcServingStatus.NotServing;
            ports.Add(p);
        }
        return ports;
    }

    protected MemoryProfile Memory() => new(
        (long)((Def.MemoryMi ?? 1) * 1024 * 1024),
        (Def.MemoryGrowthMiPerSecond ?? 0) * 1024 * 1024,
        Def.MemoryMaxMi is { } max ? (long)(max * 1024 * 1024) : long.MaxValue);

    /// <summary>Runs the server in <paramref name="ctx"/>'s process until it exits.</summary>
    protected async Job Serve(CommandContext ctx, List<PortSpec> ports, ServerStyle? style = null)
    {
        var proc = ctx.Process;
        var instance = new ServerInstance(proc, style ?? Style, Def.AccessLog);
        var exit = new Promise();
        var shuttingDown = false;
        proc.SetMemory(Memory());
        proc.OnExit(instance.CloseAll);
        proc.SignalHandler = signal =>
        {
            var reaction = Reaction(signal);
            if (reaction is null) return false;
            switch (reaction.Action.ToLowerInvariant())
            {
                case "ignore": return true;
                case "die": return false;
                case "godefault":
                    // A Go program without signal.Notify: the runtime re-raises the signal with
                    // the default action; PID 1 ignores it, so the runtime exits with status 2.
                    if (proc.Pid != 1) return false;
                    proc.Exit(2);
                    return true;
                case "reload":
                    WriteLines(ctx, reaction.Log, signal);
                    return true;
            }
            if (shuttingDown) return true;
            shuttingDown = true;
            WriteLines(ctx, reaction.Log, signal);
            var after = Durations.Parse(reaction.After);
            // "drain" stops accepting at once; "exit" keeps serving until the process is gone.
            if (reaction.Action.Equals("drain", StringComparison.OrdinalIgnoreCase)) instance.CloseAll();
            var code = reaction.ExitCode;
            if (after <= TimeSpan.Zero) proc.Exit(code);
            else proc.Delay(after).OnDone(_ => exit.TrySetResult(code));
            return true;
        };

        WriteLines(ctx, Def.StartLog, null);
        var startup = Durations.Parse(Def.Startup);
        if (startup > TimeSpan.Zero) await proc.Delay(startup);
        if (!shuttingDown)
        {
            foreach (var spec in ports)
            {
                var server = new PortServer(instance, spec);
                if (!proc.Container.Context.Pod.Listen(spec.Port, server))
                {
                    ctx.Stderr.Write(BindError(spec.Port) + "\n");
                    return 1;
                }
                instance.Open.Add(server);
            }
            WriteLines(ctx, Def.ReadyLog, null);
        }
        if (Def.ExitAfter is { } exitAfter)
            proc.Delay(Durations.Parse(exitAfter)).OnDone(_ => exit.TrySetResult(Def.ExitCode ?? 0));
        return await proc.WaitFor(exit.Job);
    }

    protected virtual string BindError(int port) => $"listen tcp :{port}: bind: address already in use";

    private SignalDefinition? Reaction(Signal signal)
    {
        if (Def.Signals is null) return null;
        var name = Signals.Name(signal);
        if (Def.Signals.TryGetValue(name, out var r)) return r;
        if (Def.Signals.TryGetValue(name[3..], out r)) return r;
        return Def.Signals.TryGetValue(((int)signal).ToString(), out r) ? r : null;
    }

    private static void WriteLines(CommandContext ctx, List<string>? lines, Signal? signal)
    {
        if (lines is null) return;
        var now = ctx.Now.UtcDateTime;
        foreach (var line in lines)
        {
            // Each placeholder is formatted only where it appears (no value contains another placeholder, so the
            // order of the replacements does not matter).
            var text = line;
            if (text.Contains('{'))
            {
                if (text.Contains("{now}")) text = text.Replace("{now}", now.ToString("yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
                if (text.Contains("{iso}")) text = text.Replace("{iso}", now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
                if (text.Contains("{pid}")) text = text.Replace("{pid}", ctx.Process.Pid.ToString());
                if (text.Contains("{signal}")) text = text.Replace("{signal}", signal is { } s ? ((int)s).ToString() : "");
                if (text.Contains("{signame}")) text = text.Replace("{signame}", signal is { } s2 ? Signals.Name(s2) : "");
            }
            OutputSink.WriteWholeLine(ctx.Stdout, text);
        }
    }

    /// <summary>Daemonising programs (nginx without "daemon off", httpd without -f) fork a
    /// background copy and return at once, so as PID 1 the container exits immediately.</summary>
    protected static int Daemonize(CommandContext ctx, Func<CommandContext, Job> body)
    {
        var child = ctx.Container.Spawn(ctx.Process, ctx.Process.Name, ctx.Cwd);
        var childCtx = new CommandContext(child, ctx.Args, InputSource.Empty, NullSink.Instance, NullSink.Instance, ctx.Env);
        body(childCtx).OnDone(child.Exit);
        return 0;
    }

    /// <summary>Finds the running master of a program by name (for "-s quit" style clients).</summary>
    protected static Process? FindRunning(CommandContext ctx, string name) =>
        ctx.Container.Processes.Where(p => p != ctx.Process && p.Name == name && !p.Exited).OrderBy(p => p.Pid).FirstOrDefault();
}

/// <summary>A program that does its work and exits (batch jobs, one-shot tools).</summary>
internal sealed class ExitProgram(ProgramDefinition def) : ServerProgram(def)
{
    public override async Job Run(CommandContext ctx)
    {
        foreach (var line in Def.StartLog ?? new List<string>()) ctx.Stdout.Write(line + "\n");
        ctx.Process.SetMemory(Memory());
        var after = Durations.Parse(Def.ExitAfter);
        if (after > TimeSpan.Zero) await ctx.Process.Delay(after);
        foreach (var line in Def.ReadyLog ?? new List<string>()) ctx.Stdout.Write(line + "\n");
        return Def.ExitCode ?? 0;
    }
}

/// <summary>
/// Turns a catalog program into runnable behaviour by its <c>kind</c>. Built-in kinds are
/// listed here; a new image behaviour written in C# registers its kind with
/// <see cref="Register"/> before catalogs that use it are loaded.
/// </summary>
public static class ProgramFactory
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<ProgramDefinition, ICommand>> Kinds =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["server"] = d => new ServerProgram(d),
            ["nginx"] = d => new NginxProgram(d),
            ["apache"] = d => new ApacheProgram(d),
            ["agnhost"] = d => new AgnhostProgram(d),
            ["etcd"] = d => new EtcdProgram(d),
            ["redis-cli"] = d => new RedisCliProgram(d),
            ["stress"] = d => new StressProgram(d),
            ["exit"] = d => new ExitProgram(d),
        };

    public static bool KnownKind(string kind) => Kinds.ContainsKey(kind);

    /// <summary>Adds (or replaces) a program kind.</summary>
    public static void Register(string kind, Func<ProgramDefinition, ICommand> factory) => Kinds[kind] = factory;

    public static ICommand Create(ProgramDefinition def) =>
        Kinds.TryGetValue(def.Kind, out var factory) ? factory(def) : throw new FormatException($"unknown program kind '{def.Kind}'");
}
