namespace ActorPods.Userland.Network;

public sealed record HttpRequest(
    string Method,
    string Path,
    string Host,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Body = "")
{
    public string? Header(string name) => HttpHeaders.Find(Headers, name);

    public static HttpRequest Get(string path, string host = "localhost") =>
        new("GET", path, host, Array.Empty<KeyValuePair<string, string>>());
}

/// <summary>An HTTP answer. <see cref="Delay"/> models a slow handler (probe timeouts).</summary>
public sealed record HttpResponse(int Status, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public TimeSpan Delay { get; init; }

    public static HttpResponse Text(int status, string body, string contentType = "text/plain; charset=utf-8") =>
        new(status, body, new[] { new KeyValuePair<string, string>("Content-Type", contentType) });

    public string? Header(string name) => HttpHeaders.Find(Headers, name);

    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK", 201 => "Created", 202 => "Accepted", 204 => "No Content",
        301 => "Moved Permanently", 302 => "Found", 304 => "Not Modified",
        400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found",
        405 => "Method Not Allowed", 500 => "Internal Server Error", 502 => "Bad Gateway",
        503 => "Service Unavailable", 504 => "Gateway Timeout",
        _ => "Unknown",
    };
}

internal static class HttpHeaders
{
    /// <summary>The first header named <paramref name="name"/> (case-insensitive). Indexed, not foreach: enumerating
    /// through the interface boxed the list's enumerator on every lookup (the access log asks for every request).</summary>
    public static string? Find(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var (k, v) = headers[i];
            if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return v;
        }
        return null;
    }
}

/// <summary>grpc.health.v1 serving status.</summary>
public enum GrpcServingStatus { Unknown = 0, Serving = 1, NotServing = 2, ServiceUnknown = 3 }

/// <summary>Something listening on a port. A plain TCP server returns null from HandleHttp
/// (the client sees an empty reply), a non-gRPC server returns null from GrpcHealth.</summary>
public interface INetServer
{
    HttpResponse? HandleHttp(HttpRequest request);

    GrpcServingStatus? GrpcHealth(string service);

    /// <summary>The objects <see cref="HandleHttp"/> read to answer the last request, for a caller that will send it
    /// again (see <see cref="Hosting.ReadRecorder"/>). A server that does not say adds itself only.</summary>
    void AddReads(ref Hosting.ReadRecorder reads) => reads.Add(this);
}
