namespace ActorPods.Actors.Events;

/// <summary>
/// Publishing events of exactly <typeparamref name="T"/> (see <see cref="EventStream.Channel{T}"/>): checks for
/// subscribers and delivers without a per-event type lookup; picks up subscription changes at the next call.
/// </summary>
public sealed class EventChannel<T> where T : class
{
    private readonly EventStream _stream;
    private EventStream.SubscriberList? _last;

    internal EventChannel(EventStream stream) => _stream = stream;

    /// <summary>Whether anybody would receive an event of <typeparamref name="T"/> now.</summary>
    public bool HasSubscribers => Current.Length != 0;

    public void Publish(T @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event.GetType() != typeof(T))
        {
            _stream.Publish(@event); // a subtype's subscribers may differ
            return;
        }
        _stream.DeliverNow(Current, @event);
    }

    private EventStream.Subscription[] Current
    {
        get
        {
            var last = Volatile.Read(ref _last);
            var now = _stream.SubscribersOf(typeof(T), last);
            if (!ReferenceEquals(now, last)) Volatile.Write(ref _last, now);
            return now.Subscribers;
        }
    }
}
