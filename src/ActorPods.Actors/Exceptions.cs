namespace ActorPods.Actors;

/// <summary>An actor's constructor or PreStart threw; the inner exception is the original.</summary>
public sealed class ActorInitializationException(IActorRef actor, Exception cause)
    : Exception($"Actor {actor.Path} failed to initialize: {cause.Message}", cause)
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>Raised in an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>Raised when an actor does not handle a <see cref="Terminated"/> for an actor it watched.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Watched actor {deadActor.Path} terminated and Terminated was not handled")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>An Ask got no reply within its timeout (measured in the system's time).</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

/// <summary>A child name is malformed or already taken by a living sibling.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);
