namespace ActorPods.Actors;

/// <summary>
/// An address you can send messages to. Two refs are equal only if they denote the same actor incarnation:
/// a restarted actor keeps its ref, an actor re-created under the same path after a stop gets a new one.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>Slash-separated path from the root, e.g. <c>/user/node-1/kubelet</c>. Computed on first use.</summary>
    string Path { get; }

    /// <summary>The last path element.</summary>
    string Name { get; }

    /// <summary>
    /// Sends a message. Inside an actor the sender is the running actor (as in Akka); from outside it is "no sender",
    /// which the recipient sees as <see cref="ActorSystem.DeadLetters"/>.
    /// </summary>
    void Tell(object message);

    /// <summary>Sends a message with an explicit sender; <c>null</c> means "no sender".</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>Pass as sender to send without a reply address.</summary>
    public static readonly IActorRef? NoSender = null;
}
