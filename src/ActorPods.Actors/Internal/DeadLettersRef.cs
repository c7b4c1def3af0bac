namespace ActorPods.Actors.Internal;

/// <summary>Where undeliverable mail goes, and what "no sender" looks like to a recipient.</summary>
internal sealed class DeadLettersRef(ActorSystem system) : ActorRefBase
{
    internal override Host? HostOf => null;

    internal override ActorSystem Owner => system;

    public override string Path => "/deadLetters";

    public override string Name => "deadLetters";

    internal override void Deliver(object message, IActorRef? sender) => system.PublishDeadLetter(message, sender, this);
}
