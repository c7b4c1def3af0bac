namespace ActorPods.Userland.Images;

// The YAML shape of config/images.yaml (camelCase keys). Documented in docs/userland.md.

public sealed class CatalogDocument
{
    /// <summary>Used for images that match no entry.</summary>
    public ImageDefinition? Default { get; set; }
    public List<ImageDefinition> Images { get; set; } = new();
}

public sealed class ImageDefinition
{
    /// <summary>Name other entries can <see cref="Extends"/>; defaults to the first name.</summary>
    public string? Id { get; set; }
    /// <summary>Repository patterns (globs) after normalisation: "nginx", "*/goweb-demo".</summary>
    public List<string> Names { get; set; } = new();
    /// <summary>Tag patterns (globs); empty = any tag.</summary>
    public List<string> Tags { get; set; } = new();
    /// <summary>Entry whose settings this one starts from.</summary>
    public string? Extends { get; set; }
    public string? Description { get; set; }
    public string? Flavor { get; set; }
    public List<string>? Entrypoint { get; set; }
    public List<string>? Cmd { get; set; }
    public Dictionary<string, string>? Env { get; set; }
    public string? WorkingDir { get; set; }
    public string? StopSignal { get; set; }
    /// <summary>"legacy" for busybox ≤ 1.28's nslookup output, else "modern".</summary>
    public string? Nslookup { get; set; }
    public ToolsDefinition? Tools { get; set; }
    public Dictionary<string, string>? Files { get; set; }
    public List<ProgramDefinition>? Programs { get; set; }
}

/// <summary>Which utilities are installed, relative to the flavour's default set.</summary>
public sealed class ToolsDefinition
{
    public List<string>? Only { get; set; }
    public List<string>? Add { get; set; }
    public List<string>? Remove { get; set; }
}

/// <summary>An executable shipped by the image and how it behaves when run.</summary>
public sealed class ProgramDefinition
{
    public string Path { get; set; } = "";
    /// <summary>Behaviour family: server (default), nginx, httpd, agnhost, etcd, redis-cli,
    /// stress, exit. Kinds parse their own flags (ports, sub-commands).</summary>
    public string Kind { get; set; } = "server";
    /// <summary>Extra names that run the same program (e.g. "java" for an app jar launcher).</summary>
    public List<string>? Aliases { get; set; }
    /// <summary>Time from start until the ports are open.</summary>
    public string? Startup { get; set; }
    public double? MemoryMi { get; set; }
    public double? MemoryGrowthMiPerSecond { get; set; }
    public double? MemoryMaxMi { get; set; }
    public List<ListenDefinition>? Listen { get; set; }
    /// <summary>Reaction per signal name (SIGTERM, SIGQUIT, SIGINT, SIGHUP).</summary>
    public Dictionary<string, SignalDefinition>? Signals { get; set; }
    /// <summary>Lines written to stdout at start / once listening.</summary>
    public List<string>? StartLog { get; set; }
    public List<string>? ReadyLog { get; set; }
    /// <summary>For programs that finish on their own: run time and exit code.</summary>
    public string? ExitAfter { get; set; }
    public int? ExitCode { get; set; }
    /// <summary>nginx-style access log lines on stdout for each HTTP request.</summary>
    public string? AccessLog { get; set; }
}

public sealed class ListenDefinition
{
    public int Port { get; set; }
    /// <summary>http (default), tcp (accepts, speaks no HTTP), grpc.</summary>
    public string Protocol { get; set; } = "http";
    public List<RouteDefinition>? Routes { get; set; }
    /// <summary>grpc.health.v1 answer: SERVING or NOT_SERVING.</summary>
    public string? Health { get; set; }
}

public sealed class RouteDefinition
{
    public string Path { get; set; } = "/";
    /// <summary>Serve files under this directory (path is then a prefix).</summary>
    public string? Root { get; set; }
    public string? Index { get; set; }
    /// <summary>Serve this one file; when it is missing answer <see cref="MissingStatus"/>.</summary>
    public string? File { get; set; }
    public int? MissingStatus { get; set; }
    public int Status { get; set; } = 200;
    public string? Body { get; set; }
    public string? ContentType { get; set; }
    /// <summary>After this long since start, answer ThenStatus/ThenBody instead.</summary>
    public string? After { get; set; }
    public int? ThenStatus { get; set; }
    public string? ThenBody { get; set; }
    public List<string>? Methods { get; set; }
    /// <summary>Response latency.</summary>
    public string? Delay { get; set; }
    /// <summary>Lines logged (stdout) when the route fails (e.g. a Go panic trace).</summary>
    public List<string>? ErrorLog { get; set; }
}

public sealed class SignalDefinition
{
    /// <summary>exit (default), drain (stop accepting, then exit), reload (log only), ignore,
    /// die (the kernel's default action: 128+N, ignored by PID 1), goDefault (a Go program
    /// without a handler: dies like "die", but as PID 1 exits with status 2).</summary>
    public string Action { get; set; } = "exit";
    public int ExitCode { get; set; }
    /// <summary>Time the shutdown takes.</summary>
    public string? After { get; set; }
    public List<string>? Log { get; set; }
}
