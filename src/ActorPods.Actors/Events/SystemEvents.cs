namespace ActorPods.Actors.Events;

/// <summary>A message that could not be delivered: the recipient was dead or stopping.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message no handler of the recipient's current behaviour accepted.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A failure the kernel could not hand to anyone (PostStop threw, escalation reached the top).</summary>
public sealed record ActorError(IActorRef Source, Exception Cause, string Context);

/// <summary>The transport dropped a message between two hosts.</summary>
public sealed record MessageDropped(object Message, IActorRef? Sender, IActorRef Recipient, string FromHost, string ToHost, string Reason);
