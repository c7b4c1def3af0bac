namespace ActorPods.Api.Model;

/// <summary>
/// core/v1 Probe. Exactly one handler (exec, httpGet, tcpSocket, grpc) should be set;
/// the Go type embeds ProbeHandler inline, so the handlers sit directly on the probe.
/// </summary>
public sealed class Probe
{
    public ExecAction? Exec { get; set; }
    public HttpGetAction? HttpGet { get; set; }
    public TcpSocketAction? TcpSocket { get; set; }
    public GrpcAction? Grpc { get; set; }
    public int? InitialDelaySeconds { get; set; }
    public int? TimeoutSeconds { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? SuccessThreshold { get; set; }
    public int? FailureThreshold { get; set; }
    /// <summary>Probe-level override of the pod's grace period when this (liveness/startup) probe kills the container.</summary>
    public long? TerminationGracePeriodSeconds { get; set; }
}

public sealed class ExecAction
{
    public List<string>? Command { get; set; }
}

/// <summary>v1.HTTPGetAction. Port is a number or the name of a container port.</summary>
public sealed class HttpGetAction
{
    public string? Path { get; set; }
    public IntOrString? Port { get; set; }
    public string? Host { get; set; }
    /// <summary>HTTP (default) or HTTPS.</summary>
    public string? Scheme { get; set; }
    public List<HttpHeader>? HttpHeaders { get; set; }
}

public sealed class HttpHeader
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed class TcpSocketAction
{
    public IntOrString? Port { get; set; }
    public string? Host { get; set; }
}

public sealed class GrpcAction
{
    public int? Port { get; set; }
    public string? Service { get; set; }
}

/// <summary>v1.SleepAction (lifecycle hook, k8s 1.29+).</summary>
public sealed class SleepAction
{
    public long? Seconds { get; set; }
}

/// <summary>v1.Lifecycle: postStart runs right after the container is created; preStop before it is killed.</summary>
public sealed class Lifecycle
{
    public LifecycleHandler? PostStart { get; set; }
    public LifecycleHandler? PreStop { get; set; }
    public string? StopSignal { get; set; }
}

/// <summary>v1.LifecycleHandler: exactly one of exec, httpGet, tcpSocket (deprecated, not run), sleep.</summary>
public sealed class LifecycleHandler
{
    public ExecAction? Exec { get; set; }
    public HttpGetAction? HttpGet { get; set; }
    public TcpSocketAction? TcpSocket { get; set; }
    public SleepAction? Sleep { get; set; }
}
