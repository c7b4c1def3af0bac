using ActorPods.Userland.Network;

namespace ActorPods.Userland.Processes;

/// <summary>
/// The kubelet's side of <see cref="Container.HttpGet"/> repeats itself every probe period: the same request
/// (path, Host header, header list) and, while the server's answer is the same object, the same result. Both are
/// immutable, so the previous ones are handed out again. A caller's header list is matched by reference: it must
/// not be changed after it was passed (it is an IReadOnlyList).
/// </summary>
internal sealed class HttpGetCache
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    private string? _path;
    private string? _ip;
    private int _port;
    private IReadOnlyList<KeyValuePair<string, string>>? _headers;
    private string? _userAgent;
    private HttpRequest? _request;
    private HttpResponse? _response;
    private NetCheckResult? _result;

    public HttpRequest Request(string path, string ip, int port, IReadOnlyList<KeyValuePair<string, string>>? headers, string userAgent)
    {
        // Strings by value: a pod's liveness and readiness probes carry equal paths in different string objects.
        if (_request is not null && port == _port && ReferenceEquals(headers, _headers) && string.Equals(path, _path, StringComparison.Ordinal)
            && string.Equals(ip, _ip, StringComparison.Ordinal) && string.Equals(userAgent, _userAgent, StringComparison.Ordinal))
            return _request;
        _request = Build(path, ip, port, headers ?? NoHeaders, userAgent);
        _path = path;
        _ip = ip;
        _port = port;
        _headers = headers;
        _userAgent = userAgent;
        return _request;
    }

    /// <summary>The Go client's request: Host from a "Host" header or host:port, then User-Agent and Accept defaults.</summary>
    private static HttpRequest Build(string path, string ip, int port, IReadOnlyList<KeyValuePair<string, string>> headers, string userAgent)
    {
        var hdrs = new List<KeyValuePair<string, string>>(headers.Count + 2);
        var hostHeader = Container.FormatHostPort(ip, port);
        var hasAgent = false;
        var hasAccept = false;
        foreach (var (k, v) in headers)
        {
            if (k.Equals("Host", StringComparison.OrdinalIgnoreCase)) { hostHeader = v; continue; }
            if (k.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)) hasAgent = true;
            if (k.Equals("Accept", StringComparison.OrdinalIgnoreCase)) { hasAccept = true; if (v.Length == 0) continue; }
            hdrs.Add(new(k, v));
        }
        if (!hasAgent) hdrs.Add(new("User-Agent", userAgent));
        if (!hasAccept) hdrs.Add(new("Accept", "*/*"));
        return new HttpRequest("GET", path, hostHeader, hdrs);
    }

    /// <summary>The answer as the kubelet sees it: connected, status, body (also the output), headers.</summary>
    public NetCheckResult Result(HttpResponse response)
    {
        if (_result is not null && ReferenceEquals(response, _response)) return _result;
        _response = response;
        return _result = new NetCheckResult(true, response.Status, response.Body, response.Body, response.Headers);
    }
}
