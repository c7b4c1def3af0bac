using ActorPods.Api.Model;
using ApiContainer = ActorPods.Api.Model.Container;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// An httpGet probe's request as the prober resolves it once (port number or name against the container's ports,
/// path, host, scheme, headers, timeout): the probe spec does not change while the prober lives, and reading it again
/// on every period meant reaching three more objects of the pod spec. Null from <see cref="For"/> when the probe is
/// not httpGet or its port does not resolve (the general path then reports the strconv.Atoi error on every run, as kubelet 1.32 does).
/// </summary>
internal readonly record struct HttpGetTarget(int Port, string Path, string? Host, string Scheme,
    KeyValuePair<string, string>[]? Headers, TimeSpan Timeout)
{
    public static HttpGetTarget? For(Probe probe, ApiContainer spec) =>
        probe.HttpGet is { } http && ProbeExecutor.ResolvePort(http.Port, spec) is { } port
            ? new HttpGetTarget(port, http.Path ?? "/", http.Host, http.Scheme ?? "HTTP", ProbeExecutor.Headers(http), ProbeExecutor.TimeoutOf(probe))
            : null;
}
