using ActorPods.Actors;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Kubelet.Prober;

public enum ProbeType { Liveness, Readiness, Startup }

/// <summary>results.Result: Unknown before a startup probe succeeded, Success, Failure.</summary>
public enum ProbeResult { Unknown = -1, Success = 0, Failure = 1 }

/// <summary>
/// What the status manager's cached pod status says about the probed container, sent by the PodWorker every time it
/// generates status (the worker reads only this, never the runtime). Container null: no status with an ID yet.
/// Endpoint: where the worker dials the container for httpGet / tcpSocket / grpc probes.
/// </summary>
public sealed record ContainerObserved(
    string? ContainerId,
    IActorRef? Container,
    NetworkProbeEndpoint? Endpoint,
    bool Running,
    bool Terminated,
    DateTimeOffset? StartedAt,
    bool Started,
    bool PodTerminal,
    bool PodDeleting);

/// <summary>Readiness manual trigger (prober_manager.go UpdatePodStatus): probe now instead of at the next tick.</summary>
public sealed record TriggerProbe
{
    public static readonly TriggerProbe Instance = new();
}

/// <summary>The cached result for a container ID changed (results_manager emits only on change).</summary>
public sealed record ProbeResultChanged(string ContainerName, string ContainerId, ProbeType Type, ProbeResult Result);

/// <summary>The start jitter of a prober created just after its kubelet started is over: the ticker starts now.</summary>
internal sealed record ProbeStartDelayElapsed
{
    public static readonly ProbeStartDelayElapsed Instance = new();
}

internal sealed record ProbeTick
{
    public static readonly ProbeTick Instance = new();
}
