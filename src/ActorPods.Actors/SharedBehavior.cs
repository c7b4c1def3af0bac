using System.Runtime.CompilerServices;
using ActorPods.Actors.Internal;

namespace ActorPods.Actors;

/// <summary>
/// Handlers built once for every instance of an actor type (<see cref="Actor.UseBehavior{TActor}"/>): each takes the
/// instance as its first argument, so the chain refers to no actor and all instances share it. An actor spawned by the
/// thousand (a prober per probe, a worker per pod) then carries no handler or delegate of its own per Receive, and a
/// delivery reads the type's chain, which every instance keeps warm, instead of two cold objects of its own.
/// Handlers are tried in the order they were added, as with <see cref="Actor"/>'s Receive. Build it in a static field
/// with static lambdas: a lambda that captured anything would be shared by every instance too.
/// </summary>
public sealed class SharedBehavior<TActor> where TActor : Actor
{
    private Handler? _tail;

    internal Handler? Head { get; private set; }

    /// <summary>Handles messages of type <typeparamref name="T"/>.</summary>
    public SharedBehavior<TActor> Receive<T>(Action<TActor, T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Append(new SharedHandler<TActor, T>(handler));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> that <paramref name="predicate"/> accepts.</summary>
    public SharedBehavior<TActor> Receive<T>(Func<TActor, T, bool> predicate, Action<TActor, T> handler)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(handler);
        return Append(new SharedPredicateHandler<TActor, T>(predicate, handler));
    }

    private SharedBehavior<TActor> Append(Handler handler)
    {
        // Frozen once an actor uses it: instances already running must not see their behaviour change.
        if (Head is { Frozen: true }) throw new InvalidOperationException("A shared behaviour cannot change once an actor uses it.");
        if (_tail is null) Head = handler;
        else _tail.Next = handler;
        _tail = handler;
        return this;
    }

    internal Handler? Freeze()
    {
        // Once: the chain is read by every instance afterwards, and never written again.
        if (Head is { Frozen: false })
            for (var h = Head; h is not null; h = h.Next) h.Frozen = true;
        return Head;
    }
}

internal sealed class SharedHandler<TActor, T>(Action<TActor, T> action) : Handler where TActor : Actor
{
    public override object CalledFirst => action;

    public override bool TryInvoke(Actor self, object message)
    {
        if (message is T typed)
        {
            // Actor.UseBehavior attached this chain only to instances of TActor.
            action(Unsafe.As<TActor>(self), typed);
            return true;
        }
        return false;
    }
}

internal sealed class SharedPredicateHandler<TActor, T>(Func<TActor, T, bool> predicate, Action<TActor, T> action) : Handler
    where TActor : Actor
{
    public override object CalledFirst => predicate;

    public override bool TryInvoke(Actor self, object message)
    {
        if (message is T typed && predicate(Unsafe.As<TActor>(self), typed))
        {
            action(Unsafe.As<TActor>(self), typed);
            return true;
        }
        return false;
    }
}
