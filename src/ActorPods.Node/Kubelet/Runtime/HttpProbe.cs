using ActorPods.Userland.Processes;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// The httpGet prober (pkg/probe/http/http.go DoHTTPProbe + RedirectChecker(followNonLocalRedirects=false)):
/// 200–299 succeed; a redirect to the same hostname is followed (at most 10), one to another hostname — or a 3xx
/// without a Location — ends the chain as a Warning "Probe terminated redirects, Response body: …"; any other status
/// fails with its code only (the body is deliberately not shown, kubernetes#99425). Each hop gets the full timeout
/// (the Go client's timeout covers the whole chain; redirects are instant here, so only a slow hop would differ).
/// </summary>
public static class HttpProbe
{
    private const int MaxRedirects = 10;
    private const int MaxBody = 10 * 1024;

    public static void Run(Container c, int port, string path, string? host, string scheme, IReadOnlyList<KeyValuePair<string, string>>? headers,
        TimeSpan timeout, Action<ProbeOutcome, string> done)
    {
        var hostname = host ?? c.Context.Pod.Ip;
        Get(c, port, path, host, hostname, scheme, headers, timeout, 0, done);
    }

    private static void Get(Container c, int port, string path, string? host, string hostname, string scheme,
        IReadOnlyList<KeyValuePair<string, string>>? headers, TimeSpan timeout, int redirects, Action<ProbeOutcome, string> done)
    {
        c.HttpGet(port, path, timeout, r =>
        {
            if (r.StatusCode == 0)
            {
                done(ProbeOutcome.Failure, r.Output);
                return;
            }
            var body = r.Body.Length > MaxBody ? r.Body[..MaxBody] : r.Body;
            if (r.StatusCode is >= 200 and < 300)
            {
                done(ProbeOutcome.Success, body);
                return;
            }
            if (r.StatusCode is < 300 or >= 400)
            {
                done(ProbeOutcome.Failure, $"HTTP probe failed with statuscode: {r.StatusCode}");
                return;
            }
            var location = r.Headers?.FirstOrDefault(h => h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)).Value;
            var base_ = new Uri($"{scheme.ToLowerInvariant()}://{(hostname.Contains(':') ? $"[{hostname}]" : hostname)}:{port}{(path.StartsWith('/') ? path : "/" + path)}");
            if (string.IsNullOrEmpty(location) || !Uri.TryCreate(base_, location, out var next) || next.Host.Trim('[', ']') != hostname)
            {
                done(ProbeOutcome.Warning, $"Probe terminated redirects, Response body: {body}");
                return;
            }
            if (redirects >= MaxRedirects)
            {
                done(ProbeOutcome.Failure, $"Get \"{location}\": stopped after 10 redirects");
                return;
            }
            Get(c, next.Port, next.PathAndQuery, host, hostname, next.Scheme.ToUpperInvariant(), headers, timeout, redirects + 1, done);
        }, headers, host, scheme);
    }
}
