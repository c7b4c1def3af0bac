using System.Text;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>busybox ping [-c COUNT] [-W WAIT] [-w DEADLINE] HOST: one echo per second; a
/// missing host answers nothing and the last packet waits WAIT (10 s) for its reply. The
/// network view is checked per packet, so a target that appears mid-run starts answering.</summary>
public sealed class PingCommand : ICommand
{
    public string Name => "ping";

    public async Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        int? count = null;
        var wait = TimeSpan.FromSeconds(10);
        TimeSpan? deadline = null;
        var quiet = false;
        string? host = null;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            if (a == "-c" && int.TryParse(Next(), out var c)) count = c;
            else if (a.StartsWith("-c", StringComparison.Ordinal) && int.TryParse(a[2..], out c)) count = c;
            else if (a == "-W" && int.TryParse(Next(), out var w)) wait = TimeSpan.FromSeconds(w);
            else if (a == "-w" && int.TryParse(Next(), out var d)) deadline = TimeSpan.FromSeconds(d);
            else if (a == "-q") quiet = true;
            else if (a is "-i" or "-s" or "-I" or "-t") Next();
            else if (!a.StartsWith('-')) host = a;
        }
        if (host is null) return ctx.Fail("usage: ping [OPTIONS] HOST");
        var net = ctx.Container.Network;
        var ip = net.ResolveHost(host);
        if (ip is null) return ctx.Fail($"bad address '{host}'");
        ctx.Stdout.Write($"PING {host} ({ip}): 56 data bytes\n");
        var start = ctx.Now;
        var sent = 0;
        var received = 0;
        while (count is null || sent < count)
        {
            if (deadline is { } dl && ctx.Now - start >= dl) break;
            var reachable = net.Reachable(ip);
            sent++;
            if (reachable)
            {
                received++;
                if (!quiet) ctx.Stdout.Write($"64 bytes from {ip}: seq={sent - 1} ttl={(net.IsLocal(ip) ? 64 : 63)} time=0.080 ms\n");
            }
            if (count is { } n && sent >= n)
            {
                if (!reachable && received == 0) await ctx.Process.Delay(deadline is { } d2 ? Min(wait, d2 - (ctx.Now - start)) : wait);
                break;
            }
            await ctx.Process.Delay(TimeSpan.FromSeconds(1));
        }
        var sb = new StringBuilder();
        sb.Append($"\n--- {host} ping statistics ---\n");
        var loss = sent == 0 ? 0 : (sent - received) * 100 / sent;
        sb.Append($"{sent} packets transmitted, {received} packets received, {loss}% packet loss\n");
        if (received > 0) sb.Append("round-trip min/avg/max = 0.080/0.080/0.080 ms\n");
        ctx.Stdout.Write(sb.ToString());
        return received > 0 ? 0 : 1;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
