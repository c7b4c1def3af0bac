using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Network;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Images.Programs;

/// <summary>One HTTP route of a running server, compiled from a <see cref="RouteDefinition"/>
/// (or built by a program kind).</summary>
internal sealed class Route
{
    public string Path = "/";
    public bool Prefix;
    public string? Root;
    public string Index = "index.html";
    public string? File;
    public int MissingStatus = 404;
    public int Status = 200;
    public string Body = "";
    public string ContentType = "text/plain; charset=utf-8";
    public TimeSpan? After;
    public int ThenStatus = 500;
    public string? ThenBody;
    public HashSet<string>? Methods;
    public TimeSpan Delay;
    public List<string>? ErrorLog;
    /// <summary>Computed answers (agnhost endpoints, health toggles).</summary>
    public Func<HttpRequest, ServerInstance, HttpResponse>? Handler;

    public static Route From(RouteDefinition d) => new()
    {
        Path = d.Path,
        Prefix = d.Root is not null || d.Path.EndsWith('*'),
        Root = d.Root,
        Index = d.Index ?? "index.html",
        File = d.File,
        MissingStatus = d.MissingStatus ?? 404,
        Status = d.Status,
        Body = d.Body ?? "",
        ContentType = d.ContentType ?? (d.Body is { } b && b.TrimStart().StartsWith('{') ? "application/json" : "text/plain; charset=utf-8"),
        After = d.After is null ? null : Durations.Parse(d.After),
        ThenStatus = d.ThenStatus ?? 500,
        ThenBody = d.ThenBody,
        Methods = d.Methods is null ? null : new HashSet<string>(d.Methods, StringComparer.OrdinalIgnoreCase),
        Delay = Durations.Parse(d.Delay),
        ErrorLog = d.ErrorLog,
    };
}

/// <summary>What one port of a server does.</summary>
internal sealed class PortSpec
{
    public int Port;
    public string Protocol = "http";
    public List<Route> Routes = new();
    public GrpcServingStatus? Health;
}

/// <summary>A started server program: its ports, start time and mutable health state.</summary>
internal sealed class ServerInstance
{
    public ServerInstance(Process process, ServerStyle style, string? accessLog)
    {
        Process = process;
        Style = style;
        AccessLog = accessLog;
        StartedAt = process.Container.Host.Now;
    }

    public Process Process { get; }
    public Container Container => Process.Container;
    public ServerStyle Style { get; }
    public string? AccessLog { get; }
    public DateTimeOffset StartedAt { get; }
    public TimeSpan Uptime => Container.Host.Now - StartedAt;
    public List<PortServer> Open { get; } = new();

    public void CloseAll()
    {
        foreach (var s in Open) Container.Context.Pod.Close(s.Spec.Port, s);
        Open.Clear();
    }
}

/// <summary>Error pages and headers differ per server software.</summary>
internal enum ServerStyle { Generic, Nginx, BusyboxHttpd, Apache, Go }

/// <summary>The listener object on one port.</summary>
internal sealed class PortServer : INetServer
{
    public PortServer(ServerInstance instance, PortSpec spec)
    {
        Instance = instance;
        Spec = spec;
        _container = instance.Container;
        _streamOnly = spec.Protocol is "tcp" or "grpc";
        _logsAccess = instance.AccessLog == "nginx";
    }

    // What every request reads first, copied from the spec and the instance (neither changes after start): a probe
    // period later they are cold, and each would be a cache miss before the answer.
    private readonly Container _container;
    private readonly bool _streamOnly;
    private readonly bool _logsAccess;

    public ServerInstance Instance { get; }
    public PortSpec Spec { get; }

    public GrpcServingStatus? GrpcHealth(string service) =>
        Spec.Protocol == "grpc" || Spec.Health is not null
            ? (service.Length == 0 || service == "grpc.health.v1.Health" ? Spec.Health ?? GrpcServingStatus.Serving : GrpcServingStatus.ServiceUnknown)
            : null;

    public HttpResponse? HandleHttp(HttpRequest request)
    {
        if (_streamOnly) return null;
        var response = Answer(request);
        if (_logsAccess)
        {
            var (head, tail) = _accessLog.Parts(_container.Host.Now, request, response);
            _container.Log(Hosting.LogStream.Stdout, head, tail);
        }
        return response;
    }

    private readonly NginxAccessLog _accessLog = new();
    private readonly StaticFileCache _files = new();

    /// <summary>What answering the last request read: this server, the file it served, and the access log with the
    /// container's stdout behind it.</summary>
    public void AddReads(ref Hosting.ReadRecorder reads)
    {
        reads.Add(this);
        reads.Add(_answeredFile);
        if (!_logsAccess) return;
        reads.Add(_accessLog);
        _container.AddLogReads(Hosting.LogStream.Stdout, ref reads);
    }

    private HttpResponse Answer(HttpRequest request)
    {
        // Read first: a tree change made while this request resolves leaves the remembered answer stale at once.
        var version = FileTree.Version;
        if (_lastAnswer is { } answer && ReferenceEquals(request, _answeredRequest) && version == _answeredTreeVersion
            && ReferenceEquals(_answeredFile!.Content, _answeredContent))
            return answer;
        _lastAnswer = null;
        var path = request.Path;
        var q = path.IndexOf('?');
        if (q >= 0) path = path[..q];
        Route? best = null;
        foreach (var r in Spec.Routes)
        {
            if (!r.Prefix)
            {
                if (r.Path == path) { best = r; break; }
                continue;
            }
            var prefix = r.Path.TrimEnd('*');
            if (path.StartsWith(prefix, StringComparison.Ordinal) && (best is null || prefix.Length > best.Path.TrimEnd('*').Length)) best = r;
        }
        if (best is null) return ErrorPage(404);
        if (best.Methods is not null && !best.Methods.Contains(request.Method)) return ErrorPage(405);
        var response = Serve(best, request, path, out var served);
        if (best.Delay > TimeSpan.Zero) return response with { Delay = best.Delay };
        if (served is not null)
        {
            (_answeredRequest, _answeredTreeVersion, _answeredFile, _answeredContent) = (request, version, served, served.Content);
            _lastAnswer = response;
        }
        return response;
    }

    /// <summary>
    /// The last answer given with a file under a static root (null if the last one was not), remembered with what it
    /// depends on: the request (immutable; a prober sends the same object every period), the shape of the file trees
    /// (which file the path resolves to) and that file's content. While all three hold, the answer is the same object
    /// again, and the route table, the path cache and the directories need not be walked. Fields of the server itself,
    /// not an object of their own: one cold line fewer per request.
    /// </summary>
    private HttpResponse? _lastAnswer;
    private HttpRequest? _answeredRequest;
    private long _answeredTreeVersion;
    private VFile? _answeredFile;
    private string? _answeredContent;

    /// <param name="served">The file a static root answered with (only such an answer may be remembered), else null.</param>
    private HttpResponse Serve(Route r, HttpRequest request, string path, out VFile? served)
    {
        served = null;
        if (r.Handler is not null) return r.Handler(request, Instance);
        var fs = Instance.Container.FileSystem;
        if (r.Root is not null)
        {
            var target = _files.Target(r, path);
            var node = target.Full.In(fs);
            if (node is VDirectory)
            {
                if (!path.EndsWith('/')) return new HttpResponse(301, "", new[] { new KeyValuePair<string, string>("Location", path + "/") });
                node = target.Index.In(fs);
                if (node is null) return ErrorPage(Instance.Style == ServerStyle.Nginx ? 403 : 404);
            }
            // The content type is the one of the requested path (for a directory's index too, as before).
            if (node is VFile f)
            {
                served = f;
                return _files.Response(200, f, target.ContentType);
            }
            return ErrorPage(404);
        }
        if (r.File is not null)
        {
            if (fs.Get(r.File) is VFile f) return HttpResponse.Text(r.Status, f.Content, ContentTypeFor(r.File));
            if (r.ErrorLog is not null)
                foreach (var line in r.ErrorLog) Instance.Container.Log(Hosting.LogStream.Stdout, Expand(line, request));
            return r.MissingStatus == 404 ? ErrorPage(404) : HttpResponse.Text(r.MissingStatus, HttpResponse.ReasonPhrase(r.MissingStatus));
        }
        if (r.After is { } after && Instance.Uptime > after)
            return HttpResponse.Text(r.ThenStatus, Expand(r.ThenBody ?? HttpResponse.ReasonPhrase(r.ThenStatus), request));
        return HttpResponse.Text(r.Status, Expand(r.Body, request), r.ContentType);
    }

    private string Expand(string text, HttpRequest request)
    {
        if (text.IndexOf('{') < 0) return text;
        var now = Instance.Container.Host.Now.UtcDateTime;
        return text
            .Replace("{hostname}", Instance.Container.Spec.Hostname)
            .Replace("{uptime}", Instance.Uptime.TotalSeconds.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{now}", now.ToString("yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{path}", request.Path)
            .Replace("{host}", request.Host)
            .Replace("{userAgent}", request.Header("User-Agent") ?? "");
    }

    internal static string ContentTypeFor(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".json" => "application/json",
        ".css" => "text/css",
        ".js" => "application/javascript",
        _ => "text/plain",
    };

    private HttpResponse ErrorPage(int status)
    {
        var reason = HttpResponse.ReasonPhrase(status);
        return Instance.Style switch
        {
            ServerStyle.Nginx => HttpResponse.Text(status,
                $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", "text/html"),
            ServerStyle.BusyboxHttpd => HttpResponse.Text(status,
                $"<HTML><HEAD><TITLE>{status} {reason}</TITLE></HEAD>\n<BODY><H1>{status} {reason}</H1>\n{(status == 404 ? "The requested URL was not found" : reason)}\n</BODY></HTML>\n", "text/html"),
            ServerStyle.Apache => HttpResponse.Text(status,
                $"<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>{status} {reason}</title>\n</head><body>\n<h1>{reason}</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n", "text/html"),
            ServerStyle.Go => HttpResponse.Text(status, status == 404 ? "404 page not found\n" : reason + "\n"),
            _ => HttpResponse.Text(status, reason),
        };
    }
}
