namespace ActorPods.Actors;

/// <summary>An actor's view of its environment. Everything time- or randomness-related goes through here.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>The parent (a guardian for top-level actors).</summary>
    IActorRef Parent { get; }

    /// <summary>Living children, in creation order.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    IActorRef? Child(string name);

    ActorSystem System { get; }

    /// <summary>The host this actor lives on.</summary>
    string Host { get; }

    /// <summary>The system's current time as a timestamp (<c>Epoch + Elapsed</c>).</summary>
    DateTimeOffset Now { get; }

    /// <summary>System time since the system started.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>This actor's own generator, seeded from the system seed and the actor's identity (its parent's and its number among the parent's spawns):
    /// deterministic under virtual time and unaffected by other actors' draws. Not thread-safe; use only in the actor.</summary>
    Random Random { get; }

    /// <summary>True while this turn runs beside other threads' turns: on a lane of a parallel instant (an isolated turn,
    /// <see cref="Actor.RunsIsolated"/>) or as an apart actor's turn of a wave (<see cref="Actor.RunsApart"/>). Code that
    /// touches state shared across hosts can check it and refuse. False for the rest of a wave, which runs in delivery
    /// order on the loop's thread.</summary>
    bool OnLane { get; }

    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops an actor (usually a child or Self). No user message is processed by it after this call returns.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="actor"/> stops; at once if it is already dead.</summary>
    IActorRef Watch(IActorRef actor);

    /// <summary>Stops watching; a Terminated not yet processed is no longer delivered.</summary>
    IActorRef Unwatch(IActorRef actor);
}
