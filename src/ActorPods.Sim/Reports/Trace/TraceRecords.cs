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

/// <summary>A partition or heal. <see cref="Sides"/> holds the groups that can no longer talk to each other;
/// a plain <c>hosts</c> list becomes one side (cut off from everything else).</summary>
public sealed record NetworkRecord(double T, int Line, string Action, IReadOnlyList<IReadOnlyList<string>> Sides)
    : TraceRecord(T, Line);

/// <summary>A Service's endpoints. Addresses are pod names, pod IPs or <c>ns/name</c> (from objects: targetRef.name,
/// pod, name or ip).</summary>
public sealed record EndpointsRecord(
    double T, int Line, string Ns, string Name, IReadOnlyList<string> Addresses, IReadOnlyList<string> NotReadyAddresses)
    : TraceRecord(T, Line);
