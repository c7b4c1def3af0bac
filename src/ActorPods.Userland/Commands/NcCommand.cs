using ActorPods.Userland.Async;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Commands;

/// <summary>nc: <c>-z HOST PORT</c> tests a port (exit 0 open, 1 refused); <c>-l -p PORT</c>
/// listens until killed; <c>HOST PORT</c> sends stdin and prints the reply (HTTP servers
/// answer an HTTP request read from stdin).</summary>
public sealed class NcCommand : ICommand
{
    public string Name => "nc";

    public async Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        bool zero = false, listen = false, verbose = false;
        int? localPort = null;
        var timeout = TimeSpan.FromSeconds(130);
        var operands = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "-p" && i + 1 < args.Length && int.TryParse(args[++i], out var lp)) { localPort = lp; continue; }
            if (a == "-w" && i + 1 < args.Length && int.TryParse(args[++i], out var w)) { timeout = TimeSpan.FromSeconds(w); continue; }
            if (a.Length > 1 && a[0] == '-')
            {
                foreach (var c in a.AsSpan(1))
                {
                    if (c == 'z') zero = true;
                    else if (c == 'l') listen = true;
                    else if (c == 'v') verbose = true;
                }
                continue;
            }
            operands.Add(a);
        }
        if (listen)
        {
            var port = localPort ?? (operands.Count > 0 && int.TryParse(operands[^1], out var p) ? p : 0);
            var server = new TcpListenerServer();
            if (!ctx.Container.Context.Pod.Listen(port, server)) return ctx.Fail("bind: Address already in use");
            ctx.Process.OnExit(() => ctx.Container.Context.Pod.Close(port, server));
            return await ctx.Process.WaitFor(ctx.Process.NewWait().Job);
        }
        if (operands.Count < 2 || !int.TryParse(operands[1], out var targetPort)) return ctx.Fail("usage: nc [OPTIONS] HOST PORT");
        var host = operands[0];
        var net = ctx.Container.Network;
        var ip = net.ResolveHost(host);
        if (ip is null) return ctx.Fail($"bad address '{host}'");
        var conn = net.ConnectIp(ip, targetPort);
        if (conn.Status == ConnectStatus.Unreachable)
        {
            await ctx.Process.Delay(timeout);
            return ctx.Fail($"{host} ({ip}:{targetPort}): Connection timed out");
        }
        if (conn.Status != ConnectStatus.Connected) return ctx.Fail($"{host} ({ip}:{targetPort}): Connection refused");
        if (verbose) ctx.Stderr.Write($"{host} ({ip}:{targetPort}) open\n");
        if (zero) return 0;
        var input = ctx.Stdin.ReadToEnd();
        var firstLine = input.Split('\n')[0].Trim();
        var parts = firstLine.Split(' ');
        if (parts.Length >= 2 && parts[0] is "GET" or "POST" or "HEAD" or "PUT" or "DELETE")
        {
            var resp = conn.Server!.HandleHttp(new HttpRequest(parts[0], parts[1], host, Array.Empty<KeyValuePair<string, string>>()));
            if (resp is not null)
            {
                ctx.Stdout.Write($"HTTP/1.1 {resp.Status} {HttpResponse.ReasonPhrase(resp.Status)}\r\n");
                foreach (var (k, v) in resp.Headers) ctx.Stdout.Write($"{k}: {v}\r\n");
                ctx.Stdout.Write($"Content-Length: {resp.Body.Length}\r\n\r\n{(parts[0] == "HEAD" ? "" : resp.Body)}");
            }
        }
        return 0;
    }

    /// <summary>A port that accepts connections but speaks no protocol.</summary>
    private sealed class TcpListenerServer : INetServer
    {
        public HttpResponse? HandleHttp(HttpRequest request) => null;
        public GrpcServingStatus? GrpcHealth(string service) => null;
    }
}
