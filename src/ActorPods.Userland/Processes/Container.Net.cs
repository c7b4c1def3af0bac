using ActorPods.Userland.Network;
using ActorPods.Userland.Hosting;

namespace ActorPods.Userland.Processes;

public sealed partial class Container
{
    /// <summary>
    /// An HTTP GET from the kubelet to this pod (httpGet probes and hooks): connects to
    /// <paramref name="host"/> (default: the pod IP) on <paramref name="port"/>. The result
    /// carries the status and body, or the Go client's error text as the kubelet prints it.
    /// </summary>
    public void HttpGet(int port, string path, TimeSpan timeout, Action<NetCheckResult> done,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, string? host = null, string scheme = "HTTP",
        string userAgent = "kube-probe/1.32") =>
        HttpGet(port, path, timeout, static (d, r) => d(r), done, headers, host, scheme, userAgent);

    /// <summary>
    /// <see cref="HttpGet(int, string, TimeSpan, Action{NetCheckResult}, IReadOnlyList{KeyValuePair{string, string}}?, string?, string, string)"/>
    /// with the caller's state passed to a (static) callback: the prober asks every period, and a lambda capturing its
    /// attempt cost a closure and a delegate per run.
    /// </summary>
    public void HttpGet<TState>(int port, string path, TimeSpan timeout, Action<TState, NetCheckResult> done, TState state,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, string? host = null, string scheme = "HTTP",
        string userAgent = "kube-probe/1.32")
    {
        var ip = host is null ? PodIp : Network.ResolveHost(host) ?? host;
        // The URL and dial texts appear only in errors: built when one is reported.
        string Url() => $"{scheme.ToLowerInvariant()}://{FormatHostPort(host ?? ip, port)}{(path.StartsWith('/') ? path : "/" + path)}";
        if (host is not null && Network.ResolveHost(host) is null)
        {
            done(state, new NetCheckResult(false, 0, "", $"Get \"{Url()}\": dial tcp: lookup {host}: no such host"));
            return;
        }
        var connection = Network.ConnectIp(ip == PodIp ? "127.0.0.1" : ip, port);
        switch (connection.Status)
        {
            case ConnectStatus.Refused:
                done(state, new NetCheckResult(false, 0, "", $"Get \"{Url()}\": dial tcp {FormatHostPort(ip, port)}: connect: connection refused"));
                return;
            case ConnectStatus.Unreachable:
                ReportLater(timeout, done, state, new NetCheckResult(false, 0, "",
                    $"Get \"{Url()}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)") { TimedOut = true });
                return;
        }
        var request = _httpGets.Request(path, ip, port, headers, userAgent);
        var response = connection.Server!.HandleHttp(request);
        if (response is null)
        {
            done(state, new NetCheckResult(true, 0, "", $"Get \"{Url()}\": EOF"));
            return;
        }
        if (scheme.Equals("HTTPS", StringComparison.OrdinalIgnoreCase))
        {
            done(state, new NetCheckResult(true, 0, "", $"Get \"{Url()}\": http: server gave HTTP response to HTTPS client"));
            return;
        }
        var result = _httpGets.Result(response);
        RecordHttpGetReads(connection.Server, response, result);
        if (response.Delay <= TimeSpan.Zero) { done(state, result); return; }
        if (response.Delay >= timeout)
        {
            ReportLater(timeout, done, state, new NetCheckResult(true, 0, "",
                $"Get \"{Url()}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)") { TimedOut = true });
            return;
        }
        ReportLater(response.Delay, done, state, result);
    }

    // Apart from HttpGet so that its answered-at-once path allocates no closure.
    private void ReportLater<TState>(TimeSpan delay, Action<TState, NetCheckResult> done, TState state, NetCheckResult result) =>
        Host.Schedule(delay, () => done(state, result));

    private readonly HttpGetCache _httpGets = new();

    // What the last answered HttpGet read beyond this container (see HttpGetReads), inline: no array to fetch first.
    private ReadSet _httpGetReads;
    private int _httpGetReadCount;
    private NetCheckResult? _recordedResult;

    /// <summary>
    /// The objects the last answered <see cref="HttpGet{TState}"/> read beyond this container: the server and what it
    /// read (the file served, its access log, the log behind it), the network stack, the pod's port table, the
    /// request cache, the response and the result with its body. A prober that will ask again hints them into the
    /// cache a few events before its next period (each would otherwise be a miss of its own: nothing else touches
    /// them in between). Only a record, never read back here: entries may be stale.
    /// </summary>
    public ReadOnlySpan<object?> HttpGetReads => ((ReadOnlySpan<object?>)_httpGetReads)[.._httpGetReadCount];

    private void RecordHttpGetReads(INetServer server, HttpResponse response, NetCheckResult result)
    {
        // The same result object is the same answer from the same server (HttpGetCache hands it out again only for the
        // same response): the record stands, and a probe period need not walk the server and the log again. Whatever
        // changed without changing the answer (a grown port table) only leaves a hint stale.
        if (ReferenceEquals(result, _recordedResult)) return;
        _recordedResult = result;
        var reads = new ReadRecorder(_httpGetReads);
        // The server's side first: its chain (server, access log, log sink, log, lines, lock) is the longest, and a
        // prober hints the first half of the record a hop before the second.
        server.AddReads(ref reads);
        reads.Add(Network);
        reads.Add(Network.Pod);
        reads.Add(Network.Pod.ListenerTable);
        reads.Add(_httpGets);
        reads.Add(response);
        reads.Add(result);
        reads.Add(result.Body);
        reads.ClearRest();
        _httpGetReadCount = reads.Count;
    }

    /// <summary>A TCP connect from the kubelet (tcpSocket probes): success, refusal, or a dial
    /// timeout after <paramref name="timeout"/> when the address does not answer at all.</summary>
    public void TcpConnect(int port, TimeSpan timeout, Action<NetCheckResult> done, string? host = null)
    {
        var ip = host is null ? PodIp : Network.ResolveHost(host) ?? host;
        var connection = Network.ConnectIp(ip == PodIp ? "127.0.0.1" : ip, port);
        var dial = $"dial tcp {FormatHostPort(ip, port)}";
        switch (connection.Status)
        {
            case ConnectStatus.Connected:
                done(new NetCheckResult(true, 0, "", ""));
                return;
            case ConnectStatus.Refused:
                done(new NetCheckResult(false, 0, "", $"{dial}: connect: connection refused"));
                return;
            default:
                Host.Schedule(timeout, () => done(new NetCheckResult(false, 0, "", $"{dial}: i/o timeout") { TimedOut = true }));
                return;
        }
    }

    /// <summary>A grpc.health.v1 Check (grpc probes). The kubelet dials with "block until
    /// connected", so a refused port is only reported when the timeout expires.</summary>
    public void GrpcHealthCheck(int port, string service, TimeSpan timeout, Action<NetCheckResult> done)
    {
        var ip = PodIp;
        var addr = FormatHostPort(ip, port);
        var connection = Network.ConnectIp("127.0.0.1", port);
        if (connection.Status != ConnectStatus.Connected)
        {
            Host.Schedule(timeout, () => done(new NetCheckResult(false, 0, "",
                $"timeout: failed to connect service \"{addr}\" within {GoDuration(timeout)}: context deadline exceeded") { TimedOut = true }));
            return;
        }
        var status = connection.Server!.GrpcHealth(service);
        var result = status switch
        {
            // pkg/probe/grpc/grpc.go prints stat.Message() here, not the whole rpc error.
            null => new NetCheckResult(true, 0, "", "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health"),
            GrpcServingStatus.Serving => new NetCheckResult(true, 1, "SERVING", "service healthy"),
            GrpcServingStatus.ServiceUnknown => new NetCheckResult(true, 3, "SERVICE_UNKNOWN", "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service"),
            _ => new NetCheckResult(true, (int)status, status.Value == GrpcServingStatus.NotServing ? "NOT_SERVING" : "UNKNOWN",
                $"service unhealthy (responded with \"{(status.Value == GrpcServingStatus.NotServing ? "NOT_SERVING" : "UNKNOWN")}\")"),
        };
        done(result);
    }

    internal static string FormatHostPort(string host, int port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    /// <summary>Go's time.Duration.String() for whole and fractional seconds ("1s", "1.5s", "500ms").</summary>
    internal static string GoDuration(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(1)) return $"{(long)d.TotalMilliseconds}ms";
        if (d.TotalSeconds < 60) return $"{d.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
        var m = (long)d.TotalMinutes;
        var s = d.TotalSeconds - m * 60;
        return $"{m}m{s.ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
    }
}
