using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Network;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Images.Programs;

/// <summary>redis-cli [-h host] [-p port] [command...]: connects; PING → PONG, QUIT → OK, other
/// commands → OK; without a server prints redis-cli's connection error and exits 1.</summary>
internal sealed class RedisCliProgram(ProgramDefinition def) : ServerProgram(def)
{
    public override Job Run(CommandContext ctx)
    {
        var host = "127.0.0.1";
        var port = 6379;
        var words = new List<string>();
        var args = ctx.Args;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "-h" && i + 1 < args.Length) host = args[++i];
            else if (args[i] == "-p" && i + 1 < args.Length && int.TryParse(args[i + 1], out var p)) { port = p; i++; }
            else words.Add(args[i]);
        }
        var c = ctx.Container.Network.Connect(host, port);
        if (c.Status != ConnectStatus.Connected)
        {
            var why = c.Status switch
            {
                ConnectStatus.Refused => "Connection refused",
                ConnectStatus.UnknownHost => "Name or service not known",
                _ => "Connection timed out",
            };
            ctx.Stdout.Write($"Could not connect to Redis at {host}:{port}: {why}\n");
            return new Job(1);
        }
        var cmd = words.Count > 0 ? words[0].ToUpperInvariant() : "";
        ctx.Stdout.Write(cmd switch
        {
            "PING" => "PONG\n",
            "" => "",
            _ => "OK\n",
        });
        return new Job(0);
    }
}

/// <summary>stress (polinux/stress): <c>--vm N --vm-bytes SIZE [--vm-hang S] [--timeout T]</c>
/// allocates N×SIZE within a fraction of a second and holds it, which is what the
/// "assign memory resources" page uses to trigger an OOM kill.</summary>
internal sealed class StressProgram(ProgramDefinition def) : ServerProgram(def)
{
    public override async Job Run(CommandContext ctx)
    {
        var vm = 0;
        long bytes = 256L * 1024 * 1024;
        TimeSpan? timeout = null;
        var args = ctx.Args;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? next = i + 1 < args.Length ? args[i + 1] : null;
            if (a is "--vm" or "-m" && int.TryParse(next, out var n)) { vm = n; i++; }
            else if (a == "--vm-bytes" && next is not null) { bytes = ParseSize(next); i++; }
            else if (a is "--timeout" or "-t" && next is not null) { timeout = Images.Durations.Parse(next); i++; }
            else if (a is "--vm-hang" or "--cpu" or "-c" or "--io" or "-i" or "--hdd" or "-d") i++;
        }
        ctx.Stdout.Write($"stress: info: [{ctx.Process.Pid}] dispatching hogs: 0 cpu, 0 io, {vm} vm, 0 hdd\n");
        // Allocation takes ~100 ms per worker in practice; model it as linear growth.
        if (vm > 0)
        {
            var total = bytes * vm;
            ctx.Process.SetMemory(new MemoryProfile(1 << 20, total / 0.1, total + (1 << 20)));
        }
        if (timeout is { } t)
        {
            await ctx.Process.Delay(t);
            ctx.Stdout.Write($"stress: info: [{ctx.Process.Pid}] successful run completed in {(long)t.TotalSeconds}s\n");
            return 0;
        }
        return await ctx.Process.WaitFor(ctx.Process.NewWait().Job);
    }

    internal static long ParseSize(string text)
    {
        text = text.Trim();
        long unit = 1;
        var last = char.ToUpperInvariant(text[^1]);
        if (last is 'B') { text = text[..^1]; last = text.Length > 0 ? char.ToUpperInvariant(text[^1]) : '0'; }
        switch (last)
        {
            case 'K': unit = 1024; text = text[..^1]; break;
            case 'M': unit = 1024 * 1024; text = text[..^1]; break;
            case 'G': unit = 1024L * 1024 * 1024; text = text[..^1]; break;
        }
        return long.TryParse(text, out var v) ? v * unit : 0;
    }
}
