using System.Globalization;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Images.Programs;

/// <summary>
/// nginx's "combined" access-log line for one request. Built from two cached parts instead of one format per
/// request: the timestamp head changes once per second (shared by every server on a thread), the rest only when the request
/// or the answer does (a probe asks the same thing every period). The text is exactly the one formatted before.
/// The parts go to the log as they are (<see cref="Hosting.ILogSink"/>): the line itself is never built here.
/// </summary>
internal sealed class NginxAccessLog
{
    // Per thread: the virtual-time loop runs different nodes' servers on several threads at once (parallel instants).
    [ThreadStatic] private static Stamp? t_stamp;

    private string? _method;
    private string? _path;
    private string? _agent;
    private int _status;
    private int _length;
    private string? _tail;
    // The request and answer the tail was last made for: a probe's request and a static file's answer are the same
    // immutable objects every period, and then neither they nor their headers and body need to be read at all.
    private HttpRequest? _request;
    private HttpResponse? _response;

    /// <summary>The line for one request, head + tail, as two cached strings: the timestamp head and the request's tail.</summary>
    public (string Head, string Tail) Parts(DateTimeOffset time, HttpRequest request, HttpResponse response)
    {
        var now = time.UtcDateTime;
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var stamp = t_stamp;
        if (stamp is null || stamp.Second != second)
            t_stamp = stamp = new Stamp(second, $"10.244.0.1 - - [{now.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)} +0000] \"");
        if (_tail is not null && ReferenceEquals(request, _request) && ReferenceEquals(response, _response)) return (stamp.Head, _tail);
        _request = request;
        _response = response;
        var agent = request.Header("User-Agent") ?? "-";
        var length = response.Body.Length;
        if (_tail is null || response.Status != _status || length != _length || !string.Equals(request.Path, _path, StringComparison.Ordinal)
            || !string.Equals(request.Method, _method, StringComparison.Ordinal) || !string.Equals(agent, _agent, StringComparison.Ordinal))
        {
            _tail = $"{request.Method} {request.Path} HTTP/1.1\" {response.Status} {length} \"-\" \"{agent}\" \"-\"";
            _method = request.Method;
            _path = request.Path;
            _agent = agent;
            _status = response.Status;
            _length = length;
        }
        return (stamp.Head, _tail);
    }

    private sealed record Stamp(long Second, string Head);
}
