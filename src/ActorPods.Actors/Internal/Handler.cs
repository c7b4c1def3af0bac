namespace ActorPods.Actors.Internal;

/// <summary>
/// One Receive&lt;T&gt; registration. A behaviour is a singly linked list of these in registration order:
/// one small object per handler, no dictionary or list per actor instance.
/// </summary>
internal abstract class Handler
{
    public Handler? Next;

    /// <summary>Part of a <see cref="SharedBehavior{TActor}"/> in use: nothing may be appended.</summary>
    public bool Frozen;

    /// <summary>Handles <paramref name="message"/> for <paramref name="self"/> if it matches; false otherwise.</summary>
    public abstract bool TryInvoke(Actor self, object message);

    /// <summary>The delegate a delivery to this handler calls first (the predicate, if any, else the action): what a
    /// foreseen turn prefetches.</summary>
    public abstract object CalledFirst { get; }
}

internal sealed class Handler<T>(Action<T> action) : Handler
{
    public override object CalledFirst => action;

    public override bool TryInvoke(Actor self, object message)
    {
        if (message is T typed)
        {
            action(typed);
            return true;
        }
        return false;
    }
}

internal sealed class PredicateHandler<T>(Predicate<T> predicate, Action<T> action) : Handler
{
    public override object CalledFirst => predicate;

    public override bool TryInvoke(Actor self, object message)
    {
        if (message is T typed && predicate(typed))
        {
            action(typed);
            return true;
        }
        return false;
    }
}
