using ActorPods.Userland.Async;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Commands;

internal enum FetchError { None, BadUrl, UnknownHost, Refused, Timeout, EmptyReply }

internal sealed record FetchResult(FetchError Error, string Host, string Ip, int Port, HttpResponse? Response, TimeSpan Elapsed);

/// <summary>The HTTP client shared by wget and curl: URL parsing, resolution inside the pod,
/// connect, and waiting (in virtual time) for slow answers or timeouts.</summary>
internal static class HttpFetch
{
    public static bool TryParseUrl(string url, out string scheme, out string host, out int port, out string path)
    {
        scheme = "http";
        host = "";
        port = 80;
        path = "/";
        var rest = url;
        var sep = rest.IndexOf("://", StringComparison.Ordinal);
        if (sep >= 0)
        {
            scheme = rest[..sep].ToLowerInvariant();
            rest = rest[(sep + 3)..];
            if (scheme is not ("http" or "https")) return false;
            if (scheme == "https") port = 443;
        }
        var slash = rest.IndexOf('/');
        var hostPort = slash < 0 ? rest : rest[..slash];
        path = slash < 0 ? "/" : rest[slash..];
        var colon = hostPort.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(hostPort[(colon + 1)..], out port) || port <= 0 || port > 65535) return false;
            hostPort = hostPort[..colon];
        }
        host = hostPort;
        return host.Length > 0;
    }

    public static async Job<FetchResult> Fetch(CommandContext ctx, string method, string url, List<KeyValuePair<string, string>> headers, string body, TimeSpan timeout)
    {
        var start = ctx.Now;
        if (!TryParseUrl(url, out _, out var host, out var port, out var path))
            return new FetchResult(FetchError.BadUrl, url, "", 0, null, TimeSpan.Zero);
        var net = ctx.Container.Network;
        var ip = net.ResolveHost(host);
        if (ip is null) return new FetchResult(FetchError.UnknownHost, host, "", port, null, TimeSpan.Zero);
        var c = net.ConnectIp(ip, port);
        if (c.Status == ConnectStatus.Refused) return new FetchResult(FetchError.Refused, host, ip, port, null, TimeSpan.Zero);
        if (c.Status != ConnectStatus.Connected)
        {
            await ctx.Process.Delay(timeout);
            return new FetchResult(FetchError.Timeout, host, ip, port, null, ctx.Now - start);
        }
        var hostHeader = port is 80 or 443 ? host : $"{host}:{port}";
        var request = new HttpRequest(method, path, hostHeader, headers, body);
        var response = c.Server!.HandleHttp(request);
        if (response is null) return new FetchResult(FetchError.EmptyReply, host, ip, port, null, TimeSpan.Zero);
        if (response.Delay > TimeSpan.Zero)
        {
            if (response.Delay >= timeout)
            {
                await ctx.Process.Delay(timeout);
                return new FetchResult(FetchError.Timeout, host, ip, port, null, ctx.Now - start);
            }
            await ctx.Process.Delay(response.Delay);
        }
        return new FetchResult(FetchError.None, host, ip, port, response, ctx.Now - start);
    }
}
