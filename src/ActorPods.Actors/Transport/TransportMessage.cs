using ActorPods.Actors.Events;
using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Transport;

/// <summary>
/// One message crossing hosts. A value type: routing allocates nothing. Copy it to hold the message, then call
/// <see cref="Deliver"/> or <see cref="Drop"/> exactly once.
/// </summary>
public readonly struct TransportMessage
{
    private readonly ActorRefBase _recipient;

    internal TransportMessage(string fromHost, string toHost, ActorRefBase recipient, object message, IActorRef? sender)
    {
        FromHost = fromHost;
        ToHost = toHost;
        _recipient = recipient;
        Message = message;
        Sender = sender;
    }

    public string FromHost { get; }

    public string ToHost { get; }

    public IActorRef Recipient => _recipient;

    public object Message { get; }

    public IActorRef? Sender { get; }

    /// <summary>Delivers after <paramref name="delay"/> of system time from now, past the transport.</summary>
    public void Deliver(TimeSpan delay = default)
    {
        var system = _recipient.Owner;
        system.Scheduler.ScheduleTell(Math.Max(0, delay.Ticks), _recipient, Message, Sender);
    }

    /// <summary>Discards the message; published as <see cref="MessageDropped"/> and counted.</summary>
    public void Drop(string reason) => _recipient.Owner.PublishDropped(this, reason);

    public override string ToString() => $"{FromHost}->{ToHost}: {Message} to {_recipient.Path}";
}
