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

    // Made once: the attempt travels as the request's state, so a probe run allocates no closure or delegate.
    private static readonly Action<Hop, NetCheckResult> s_answered = Answered;

    internal static void Run(Container c, int port, string path, string? host, string scheme, IReadOnlyList<KeyValuePair<string, string>>? headers,
        TimeSpan timeout, in ProbeReply reply)
    {
        var hostname = host ?? c.PodIp;
        Get(new Hop(c, reply, port, path, host, hostname, scheme, headers, timeout, 0));
    }

    private static void Get(in Hop hop) =>
        hop.Container.HttpGet(hop.Port, hop.Path, hop.Timeout, s_answered, hop, hop.Headers, hop.Host, hop.Scheme);

    private static void Answered(Hop hop, NetCheckResult r)
    {
        var done = hop.Reply;
        if (r.StatusCode == 0)
        {
            done.Done(ProbeOutcome.Failure, r.Output);
            return;
        }
        var body = r.Body.Length > MaxBody ? r.Body[..MaxBody] : r.Body;
        if (r.StatusCode is >= 200 and < 300)
        {
            done.Done(ProbeOutcome.Success, body);
            return;
        }
        if (r.StatusCode is < 300 or >= 400)
        {
            done.Done(ProbeOutcome.Failure, $"HTTP probe failed with statuscode: {r.StatusCode}");
            return;
        }
        var (hostname, path) = (hop.Hostname, hop.Path);
        var location = r.Headers?.FirstOrDefault(h => h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)).Value;
        var base_ = new Uri($"{hop.Scheme.ToLowerInvariant()}://{(hostname.Contains(':') ? $"[{hostname}]" : hostname)}:{hop.Port}{(path.StartsWith('/') ? path : "/" + path)}");
        if (string.IsNullOrEmpty(location) || !Uri.TryCreate(base_, location, out var next) || next.Host.Trim('[', ']') != hostname)
        {
            done.Done(ProbeOutcome.Warning, $"Probe terminated redirects, Response body: {body}");
            return;
        }
        if (hop.Redirects >= MaxRedirects)
        {
            done.Done(ProbeOutcome.Failure, $"Get \"{location}\": stopped after 10 redirects");
            return;
        }
        Get(hop with { Port = next.Port, Path = next.PathAndQuery, Scheme = next.Scheme.ToUpperInvariant(), Redirects = hop.Redirects + 1 });
    }

    /// <summary>One request of the chain: the original one, then each redirect followed.</summary>
    private readonly record struct Hop(Container Container, ProbeReply Reply, int Port, string Path, string? Host, string Hostname, string Scheme,
        IReadOnlyList<KeyValuePair<string, string>>? Headers, TimeSpan Timeout, int Redirects);
}
