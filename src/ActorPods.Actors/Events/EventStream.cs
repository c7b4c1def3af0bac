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

    /// <summary>The virtual-time loop of the stream's system, if any: while it runs an instant on lanes, deliveries
    /// wait for it (callbacks run synchronously on the publisher's turn, and they are not isolated).</summary>
    internal Scheduling.VirtualTimeScheduler? Loop;
    private Registry _registry = new([]);

    /// <summary>True when anybody subscribed; lets hot paths skip building events nobody reads.</summary>
    public bool HasSubscribers => Volatile.Read(ref _registry).All.Length != 0;

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
            var kept = Array.FindAll(_registry.All, s => !(Equals(s.Actor, subscriber) && (channel is null || s.Channel == channel)));
            var removed = kept.Length != _registry.All.Length;
            Volatile.Write(ref _registry, new Registry(kept));
            return removed;
        }
    }

    /// <summary>
    /// True when somebody would receive an event of exactly <paramref name="eventType"/>: lets hot paths skip building
    /// events of a type nobody subscribed to, even while other types have subscribers.
    /// </summary>
    public bool HasSubscribersFor(Type eventType) => Matching(Volatile.Read(ref _registry), eventType).Length != 0;

    /// <summary><see cref="HasSubscribersFor"/> for <typeparamref name="T"/> (pass the event's exact type).</summary>
    public bool HasSubscribersFor<T>() => HasSubscribersFor(typeof(T));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        // The stream is local plumbing, not network traffic: actors get events past the transport.
        DeliverNow(Matching(Volatile.Read(ref _registry), @event.GetType()), @event);
    }

    /// <summary>
    /// The stream as seen by publishers of events of exactly <typeparamref name="T"/>: the same subscribers and order as
    /// <see cref="Publish"/>, but the subscriber list is looked up once per registry version instead of per event (a
    /// publisher on a hot path keeps its channel: one per type and stream, shared).
    /// </summary>
    public EventChannel<T> Channel<T>() where T : class =>
        (EventChannel<T>)_channels.GetOrAdd(typeof(T), static (_, stream) => new EventChannel<T>(stream), this);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _channels = new();

    /// <summary>The subscribers of <paramref name="type"/> now: <paramref name="last"/> again while the registry it was
    /// computed from is current. One object for the pair, so that threads never see one version's list with another's
    /// registry.</summary>
    internal SubscriberList SubscribersOf(Type type, SubscriberList? last)
    {
        var registry = Volatile.Read(ref _registry);
        return last is not null && ReferenceEquals(last.Registry, registry) ? last : new SubscriberList(registry, Matching(registry, type));
    }

    internal sealed record SubscriberList(object Registry, Subscription[] Subscribers);

    /// <summary><see cref="Deliver"/>, or deferred until the loop's lanes are done.</summary>
    internal void DeliverNow(Subscription[] subs, object @event)
    {
        if (subs.Length == 0) return;
        if (Loop is { LanesActive: true })
        {
            Scheduling.VirtualTimeScheduler.DeferPublish(subs, @event);
            return;
        }
        Deliver(subs, @event);
    }

    internal static void Deliver(Subscription[] subs, object @event)
    {
        for (var i = 0; i < subs.Length; i++)
        {
            var s = subs[i];
            if (s.Callback is not null) s.Callback(@event);
            else ((ActorRefBase)s.Actor!).Deliver(@event, null);
        }
    }

    /// <summary>The subscriptions an event of <paramref name="type"/> goes to, in subscription order; computed once per
    /// type and registry version (subscriptions change rarely, events are published millions of times).</summary>
    private static Subscription[] Matching(Registry registry, Type type)
    {
        if (registry.All.Length == 0) return [];
        return registry.ByType.TryGetValue(type, out var cached) ? cached : Compute(registry, type);
    }

    // Apart from Matching so that the lambda's closure is allocated on a cache miss only, not on every publish.
    private static Subscription[] Compute(Registry registry, Type type)
    {
        var matching = Array.FindAll(registry.All, s => s.Channel.IsAssignableFrom(type));
        registry.ByType.TryAdd(type, matching);
        return matching;
    }

    private void Add(Subscription s)
    {
        lock (_gate)
        {
            var next = new Subscription[_registry.All.Length + 1];
            _registry.All.CopyTo(next, 0);
            next[^1] = s;
            Volatile.Write(ref _registry, new Registry(next));
        }
    }

    private void Remove(Subscription s)
    {
        lock (_gate)
        {
            Volatile.Write(ref _registry, new Registry(Array.FindAll(_registry.All, x => !ReferenceEquals(x, s))));
        }
    }

    /// <summary>One version of the subscriptions, replaced as a whole on every change, with its per-type cache.</summary>
    private sealed class Registry(Subscription[] all)
    {
        public readonly Subscription[] All = all;
        public readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Subscription[]> ByType = new();
    }

    internal sealed record Subscription(Type Channel, IActorRef? Actor, Action<object>? Callback);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(subscription);
    }
}
