using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Events;

/// <summary>
/// System-wide publish/subscribe by event type. Subscribers are kept in subscription order, so delivery order
/// is deterministic under virtual time. Actor subscribers get events as messages; callback subscribers are called
/// synchronously on the publisher's turn (keep them short and thread-safe under real time).
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>True when anybody subscribed; lets hot paths skip building events nobody reads.</summary>
    public bool HasSubscribers => Volatile.Read(ref _subscriptions).Length != 0;

    /// <summary>Subscribes an actor to every event assignable to <paramref name="channel"/>.</summary>
    public void Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        Add(new Subscription(channel, subscriber, null));
    }

    /// <summary>Subscribes a callback; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var s = new Subscription(typeof(T), null, e => handler((T)e));
        Add(s);
        return new Unsubscriber(this, s);
    }

    /// <summary>Removes an actor's subscriptions (for one channel, or all when <paramref name="channel"/> is null).</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !(Equals(s.Actor, subscriber) && (channel is null || s.Channel == channel)));
            var removed = kept.Length != _subscriptions.Length;
            Volatile.Write(ref _subscriptions, kept);
            return removed;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var subs = Volatile.Read(ref _subscriptions);
        for (var i = 0; i < subs.Length; i++)
        {
            var s = subs[i];
            if (!s.Channel.IsInstanceOfType(@event)) continue;
            if (s.Callback is not null) s.Callback(@event);
            // The stream is local plumbing, not network traffic: bypass the transport.
            else ((ActorRefBase)s.Actor!).Deliver(@event, null);
        }
    }

    private void Add(Subscription s)
    {
        lock (_gate)
        {
            var next = new Subscription[_subscriptions.Length + 1];
            _subscriptions.CopyTo(next, 0);
            next[^1] = s;
            Volatile.Write(ref _subscriptions, next);
        }
    }

    private void Remove(Subscription s)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, Array.FindAll(_subscriptions, x => !ReferenceEquals(x, s)));
        }
    }

    private sealed record Subscription(Type Channel, IActorRef? Actor, Action<object>? Callback);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(subscription);
    }
}
