namespace ActorPods.Actors.Internal;

/// <summary>
/// Common base of every ref the kernel hands out. It owns the one routing decision of the kernel:
/// a message sent from an actor on one host to a ref on another host goes through the system's transport.
/// </summary>
internal abstract class ActorRefBase : IActorRef
{
    /// <summary>The host this ref lives on, or null for refs outside any host (dead letters, external asks).</summary>
    internal abstract Host? HostOf { get; }

    internal abstract ActorSystem Owner { get; }

    public abstract string Path { get; }

    public abstract string Name { get; }

    public virtual void Tell(object message) => Tell(message, ActorCell.CurrentCell(Owner.Scheduler));

    public virtual void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = ActorCell.CurrentCell(Owner.Scheduler);
        if (from is not null)
        {
            var to = HostOf;
            if (to is not null && !ReferenceEquals(from.HostRef, to))
            {
                var transport = Owner.TransportHook;
                if (transport is not null)
                {
                    Owner.RouteCrossHost(transport, from.HostRef, to, this, message, sender);
                    return;
                }
            }
        }
        if (Owner.Scheduler is Scheduling.VirtualTimeScheduler { LanesActive: true })
        {
            Scheduling.VirtualTimeScheduler.DeferDeliver(this, message, sender);
            return;
        }
        Deliver(message, sender);
    }

    /// <summary>Hands the message to the recipient, past any transport.</summary>
    internal abstract void Deliver(object message, IActorRef? sender);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => base.GetHashCode();

    public override string ToString() => Path;
}
