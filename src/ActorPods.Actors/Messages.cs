namespace ActorPods.Actors;

/// <summary>Sent to a watcher when an actor it watches has stopped (or was already dead when watched).</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="HostCrashed">True when it died because its host was crashed (no PostStop ran).</param>
public sealed record Terminated(IActorRef ActorRef, bool HostCrashed = false);

/// <summary>Stops the receiving actor after the messages queued before it.</summary>
public sealed record PoisonPill
{
    private PoisonPill() { }

    public static PoisonPill Instance { get; } = new();
}

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/> (default supervision: stop).</summary>
public sealed record Kill
{
    private Kill() { }

    public static Kill Instance { get; } = new();
}

/// <summary>Replies conventionally used for the outcome of an operation; <see cref="Failure"/> fails an Ask.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause);
}
