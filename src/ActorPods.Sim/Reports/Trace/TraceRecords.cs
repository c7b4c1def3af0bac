namespace ActorPods.Sim.Reports.Trace;

/// <summary>One line of a trace: <see cref="T"/> is virtual seconds since the start; <see cref="Line"/> is 1-based.</summary>
public abstract record TraceRecord(double T, int Line);

/// <summary>A pod as <c>kubectl get pods</c> would show it at <see cref="TraceRecord.T"/>, or its deletion.</summary>
public sealed record PodRecord(
    double T, int Line, string Ns, string Name, string? Node, string? Phase, string? Ready, string? Status,
    int? Restarts, string? Reason, string? Message, IReadOnlyList<KeyValuePair<string, bool>> Conditions,
    bool Deleted, string? Ip) : TraceRecord(T, Line);

public sealed record ContainerRecord(
    double T, int Line, string Ns, string Pod, string Container, bool Init, string? State, string? Reason,
    string? Message, int? ExitCode, int? RestartCount, bool? Ready, bool? Started) : TraceRecord(T, Line);

public sealed record EventRecord(
    double T, int Line, string Ns, string Object, string? Type, string? Reason, string? Message, string? Source)
    : TraceRecord(T, Line);

public sealed record ProbeRecord(
    double T, int Line, string Ns, string Pod, string Container, string Probe, string Result, string? Output)
    : TraceRecord(T, Line);

public sealed record HookRecord(
    double T, int Line, string Ns, string Pod, string Container, string Hook, string Phase, string? Result)
    : TraceRecord(T, Line);

public sealed record SignalRecord(double T, int Line, string Ns, string Pod, string Container, string Signal)
    : TraceRecord(T, Line);

public sealed record LogRecord(double T, int Line, string Ns, string Pod, string Container, string Text)
    : TraceRecord(T, Line);

/// <summary>A scenario step; <see cref="Arguments"/> are the other fields in file order, values as compact JSON text
/// (strings unquoted).</summary>
public sealed record ActionRecord(
    double T, int Line, string Action, IReadOnlyList<KeyValuePair<string, string>> Arguments) : TraceRecord(T, Line);

public sealed record NodeRecord(
    double T, int Line, string Name, string? Ready, IReadOnlyList<string> Taints, bool Unschedulable)
    : TraceRecord(T, Line);

/// <summary>A change of the simulated network (the trace contract's `network` record). <see cref="Change"/> is
/// partition, heal, link or linkReset. A partition cuts <see cref="Side"/> off from <see cref="OtherSide"/> (null: from
/// every other host); a heal names the partition's <see cref="Id"/> (none: every open partition). A link change sets the
/// latency / loss from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record NetworkRecord(
    double T, int Line, string Change, string? Id, IReadOnlyList<string> Side, IReadOnlyList<string>? OtherSide,
    bool OneWay, string? Mode, string? From, string? To, string? Latency, string? Loss) : TraceRecord(T, Line);

/// <summary>A node's host: crashed, restarted, paused, resumed, kubeletStopped or kubeletStarted.</summary>
public sealed record HostRecord(double T, int Line, string Name, string Change) : TraceRecord(T, Line);

/// <summary>A Service's endpoints: the pod IPs in its ready and not-ready addresses. Objects are read too (targetRef.name,
/// pod, name or ip), so an address may also be a pod name or <c>ns/name</c>.</summary>
public sealed record EndpointsRecord(
    double T, int Line, string Ns, string Name, IReadOnlyList<string> Ready, IReadOnlyList<string> NotReady)
    : TraceRecord(T, Line);
