namespace ActorPods.Actors.Internal;

/// <summary>Base of the kernel's own envelopes; one type test on the hot path separates them from user messages.</summary>
internal abstract class KernelMessage;

/// <summary>A Terminated travelling through the watcher's user mailbox; dropped if the watcher unwatched meanwhile.</summary>
internal sealed class QueuedTerminated(Terminated terminated) : KernelMessage
{
    public readonly Terminated Terminated = terminated;
}

/// <summary>Lifecycle traffic between cells. Processed even while the actor is suspended or dead.</summary>
internal abstract class SystemMessage : KernelMessage;

internal sealed class Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

/// <summary>The host died: stop at once, no PostStop, no waiting for children.</summary>
internal sealed class Crash : SystemMessage
{
    public static readonly Crash Instance = new();
}

internal sealed class WatchRequest(ActorCell watchee, ActorCell watcher) : SystemMessage
{
    public readonly ActorCell Watchee = watchee;
    public readonly ActorCell Watcher = watcher;
}

internal sealed class UnwatchRequest(ActorCell watchee, ActorCell watcher) : SystemMessage
{
    public readonly ActorCell Watchee = watchee;
    public readonly ActorCell Watcher = watcher;
}

internal sealed class DeathWatchNotification(ActorCell actor, bool hostCrashed) : SystemMessage
{
    public readonly ActorCell Actor = actor;
    public readonly bool HostCrashed = hostCrashed;
}

internal sealed class ChildTerminated(ActorCell child) : SystemMessage
{
    public readonly ActorCell Child = child;
}

/// <summary>A child failed and is suspended, waiting for its parent's decision.</summary>
internal sealed class Failed(ActorCell child, Exception cause, Actor? instance) : SystemMessage
{
    public readonly ActorCell Child = child;
    public readonly Exception Cause = cause;
    // Identifies the failing incarnation, so a stale report after a restart is ignored.
    public readonly Actor? Instance = instance;
}

internal sealed class Resume(bool resumeChildren) : SystemMessage
{
    public static readonly Resume Plain = new(false);
    public static readonly Resume WithChildren = new(true);
    public readonly bool ResumeChildren = resumeChildren;
}

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public readonly Exception Cause = cause;
}

/// <summary>Virtual time only: process messages parked in the cell's pending queue.</summary>
internal sealed class DrainPending : SystemMessage
{
    public static readonly DrainPending Instance = new();
}
