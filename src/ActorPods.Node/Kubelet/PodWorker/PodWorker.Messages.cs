using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Kubelet.PodWorkers;

// The PodWorker's protocol with its KubeletActor. Container and probe events come from its children
// (ContainerActor.Messages.cs, ProbeActor.Messages.cs), image replies from the node's ImageService.

/// <summary>The api-server's latest version of the pod (ADDED or MODIFIED on the kubelet's watch).</summary>
public sealed record UpdatePod(Pod Pod);

/// <summary>The pod object is gone from the api-server (DELETED on the watch).</summary>
public sealed record PodRemoved(Pod LastState);

/// <summary>`kubectl logs [--previous]` for one container of this pod. Replies ContainerLogsResult.</summary>
public sealed record GetContainerLogs(string Namespace, string Pod, string Container, bool Previous);

public sealed record ContainerLogsResult(IReadOnlyList<LogEntry> Lines, string? Error)
{
    public string Text => string.Concat(Lines.Select(l => l.Line + "\n"));
}

/// <summary>`kubectl exec` (CRI ExecSync) in the running instance of a container. Replies ContainerExecResult.</summary>
public sealed record ExecInContainer(string Namespace, string Pod, string Container, IReadOnlyList<string> Command, TimeSpan? Timeout = null);

public sealed record ContainerExecResult(int ExitCode, string Output, string? Error);

/// <summary>Told to the kubelet when the pod's containers are all stopped and its sandbox is gone.</summary>
public sealed record PodWorkerTerminated(string Uid);

internal sealed record PlegRelist
{
    public static readonly PlegRelist Instance = new();
}

internal sealed record Resync
{
    public static readonly Resync Instance = new();
}

/// <summary>
/// A periodic resync that has something to do (the status may have changed, a container may start): sent by the
/// worker to itself from the isolated <see cref="Resync"/> turn, which may not spawn containers, so that the sync runs
/// in the loop's own order, right after the instant's isolated turns.
/// </summary>
internal sealed record FullResync
{
    public static readonly FullResync Instance = new();
}

internal sealed record ActiveDeadlineCheck
{
    public static readonly ActiveDeadlineCheck Instance = new();
}

internal sealed record SandboxCreated(long Generation);

/// <summary>The reconciler may try to mount <paramref name="Volume"/> again (its back-off is over).</summary>
internal sealed record RetryMount(string Volume);

/// <summary>Sync <paramref name="Wait"/>'s poll saw every volume mounted.</summary>
internal sealed record VolumeWaitEnded(long Wait);

/// <summary>Sync <paramref name="Wait"/> waited podAttachAndMountTimeout for its volumes.</summary>
internal sealed record VolumeWaitTimedOut(long Wait);

/// <summary>An injected fault's time is up: undo it.</summary>
internal sealed record ProbeFaultEnded(Action Undo);

/// <summary>The kubelet process stops: this worker's kubelet logic ends; it only keeps the runtime's record of its containers.</summary>
internal sealed record KubeletStopping
{
    public static readonly KubeletStopping Instance = new();
}

/// <summary>A fresh kubelet found this pod's containers in the runtime: adopt them with its (new) status manager.</summary>
internal sealed record KubeletRestarted(PodWorkerContext Context);
