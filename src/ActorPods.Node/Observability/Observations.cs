namespace ActorPods.Node.Observability;

/// <summary>Published on the EventStream for the trace; everything else reaches the trace through the api-server.</summary>
public abstract record NodeObservation(string Namespace, string Pod, string Container);

/// <summary>One probe attempt. Probe: startup|liveness|readiness; Result: success|failure|unknown.</summary>
public sealed record ProbeResultObserved(string Namespace, string Pod, string Container, string Probe, string Result, string Output)
    : NodeObservation(Namespace, Pod, Container);

/// <summary>Hook: postStart|preStop; Phase: start|end; Result: empty at start, "success" or the failure text at end.</summary>
public sealed record HookObserved(string Namespace, string Pod, string Container, string Hook, string Phase, string Result)
    : NodeObservation(Namespace, Pod, Container);

/// <summary>A stop signal the runtime sent to PID 1 (SIGTERM|SIGKILL, or the image's STOPSIGNAL).</summary>
public sealed record SignalObserved(string Namespace, string Pod, string Container, string Signal)
    : NodeObservation(Namespace, Pod, Container);

/// <summary>One line the container wrote to stdout/stderr.</summary>
public sealed record ContainerLogLine(string Namespace, string Pod, string Container, string Line)
    : NodeObservation(Namespace, Pod, Container);
