using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.Runtime;

// The ContainerActor's protocol. Commands come from the PodWorker (start, stop) and ProbeActors (probe attempts);
// events go to the parent PodWorker.

/// <summary>Start PID 1, then run postStart (if any). Replies ContainerStarted, then PostStartFinished.</summary>
public sealed record StartContainer(LifecycleHandler? PostStart);

/// <summary>
/// killContainer: Killing event, preStop bounded by the grace, then (for a sidecar) wait for its turn, then the
/// stop signal and SIGKILL after the remaining grace (at least 2 s). The exit is reported as ContainerExited.
/// </summary>
public sealed record StopContainer(long GracePeriodSeconds, string? KillMessage, LifecycleHandler? PreStop, bool WaitForTurn);

/// <summary>Tells a sidecar waiting in StopContainer that the containers it must outlive have exited.</summary>
public sealed record ProceedWithStop
{
    public static readonly ProceedWithStop Instance = new();
}

/// <summary>One probe attempt against this container. Replies ProbeAttemptCompleted to the sender.</summary>
public sealed record RunProbe(long Attempt, Probe Probe, string ProbeType);

/// <summary>probe.Result plus the error case: Warning is a success that records ProbeWarning (an HTTP redirect not followed).</summary>
public enum ProbeOutcome { Success, Failure, Error, Warning }

public sealed record ProbeAttemptCompleted(long Attempt, string ContainerId, ProbeOutcome Outcome, string Output);

/// <summary>Reads the working dir files etc. is not needed; this reads the log of the instance.</summary>
public abstract record ContainerEvent(string ContainerId);

/// <summary>PID 1 runs (Error null), or the start failed (StartError; a ContainerExited follows).</summary>
public sealed record ContainerStarted(string ContainerId, DateTimeOffset StartedAt, string? Error) : ContainerEvent(ContainerId);

/// <summary>postStart returned; Error is the handler's failure message, null on success.</summary>
public sealed record PostStartFinished(string ContainerId, string? Error) : ContainerEvent(ContainerId);

/// <summary>PID 1 ended. Message is the termination message (file or log tail).</summary>
public sealed record ContainerExited(string ContainerId, int ExitCode, string Reason, string Message, DateTimeOffset FinishedAt, int? Signal)
    : ContainerEvent(ContainerId);

internal sealed record UserlandExited(Userland.Processes.ContainerExit Exit);

internal sealed record HostTimerFired(long Id);

internal sealed record ScheduleHostTimer(long Id, TimeSpan Delay);

internal sealed record CancelHostTimer(long Id);

internal sealed record PreStopBoundReached(long Generation);

internal sealed record PreStopDone(long Generation, string? Error);

internal sealed record TurnWaitExpired(long Generation);

internal sealed record KillAfterGrace(long Generation);

/// <summary>
/// Fault injection: PID 1 dies from outside the kubelet — with <paramref name="ExitCode"/>, or at the hands of the
/// kernel's OOM killer. No Killing event: the kubelet did not kill it. Replies NodeFaultResult to the sender.
/// </summary>
public sealed record KillMainProcess(int ExitCode, bool OomKilled);

/// <summary>Fault injection: until <paramref name="Until"/>, the exec probe running <paramref name="Command"/> finds its target gone.</summary>
public sealed record ExecProbeFault(IReadOnlyList<string> Command, DateTimeOffset Until);

internal sealed record ExecProbeFaultEnded(ExecProbeFault Fault);
