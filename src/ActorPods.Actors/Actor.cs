using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors;

/// <summary>
/// Base class of every actor. Register typed handlers with <see cref="Receive{T}(Action{T})"/> in the constructor;
/// the first handler (in registration order) whose type and predicate match a message handles it.
/// Create actors only through <see cref="Props"/> and ActorOf.
/// </summary>
public abstract partial class Actor
{
    private readonly ActorCell _cell;
    private Handler? _behavior;

    protected Actor()
    {
        _cell = ActorCell.t_constructing
                ?? throw new InvalidOperationException("Actors are created by ActorOf(Props), never with 'new'.");
    }

    /// <summary>Everything the actor may use about its environment: self, sender, children, time, randomness.</summary>
    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell;

    /// <summary>The sender of the message being processed; dead letters when there is none.</summary>
    protected IActorRef Sender => ActorCell.CurrentSender(_cell.HostRef.Scheduler) ?? _cell.Owner.DeadLetters;

    /// <summary>
    /// True once the actor takes no further user message (it was asked to stop, is stopping, or crashed). For an object
    /// this actor shares with others, which must not act for it any more than a message to it would be handled.
    /// </summary>
    protected bool IsStopping => _cell.IsStopping;

    /// <summary>The actor's keyed timers.</summary>
    protected ITimerScheduler Timers => _cell.Timers;

    /// <summary>The actor's stash. Stashed messages survive Become and restarts; they go to dead letters on stop.</summary>
    protected IStash Stash => _cell;

    protected void Receive<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Append(new Handler<T>(handler));
    }

    protected void Receive<T>(Predicate<T> predicate, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(handler);
        Append(new PredicateHandler<T>(predicate, handler));
    }

    /// <summary>
    /// Makes <paramref name="behavior"/>, built once for every instance of this type, this actor's behaviour (see
    /// <see cref="SharedBehavior{TActor}"/>). Call it in the constructor instead of any Receive; Become still works.
    /// </summary>
    protected void UseBehavior<TActor>(SharedBehavior<TActor> behavior) where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (this is not TActor) throw new InvalidOperationException($"{GetType().Name} cannot use a behaviour shared by {typeof(TActor).Name}s.");
        if (_behavior is not null) throw new InvalidOperationException("UseBehavior replaces Receive: call it before any handler is registered.");
        _behavior = behavior.Freeze();
    }

    /// <summary>Handles any message not accepted by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>Replaces the current behaviour by the handlers <paramref name="configure"/> registers (the stack is not grown).</summary>
    protected void Become(Action configure) => _cell.Become(this, Build(configure), stacked: false);

    /// <summary>Pushes a new behaviour; <see cref="Unbecome"/> returns to the previous one.</summary>
    protected void BecomeStacked(Action configure) => _cell.Become(this, Build(configure), stacked: true);

    /// <summary>Pops the behaviour pushed by <see cref="BecomeStacked"/>; does nothing at the bottom of the stack.</summary>
    protected void Unbecome() => _cell.Unbecome(this);

    /// <summary>Called for a message no handler accepted. Default: unhandled <see cref="Terminated"/> is a
    /// <see cref="DeathPactException"/>; anything else is published as an UnhandledMessage event.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        _cell.PublishUnhandled(message);
    }

    internal Handler? Behavior
    {
        get => _behavior;
        set => _behavior = value;
    }

    /// <summary>
    /// Called a few deliveries before a turn of this actor that the virtual-time loop already sees coming (an instant
    /// where many timers fire together), once per <paramref name="hop"/> from 0 to <see cref="TurnAheadHops"/> − 1,
    /// each a delivery or two after the previous: an override may only prefetch (<see cref="CacheHint.Prefetch"/>)
    /// what the turn will read, one pointer further per hop (hop 0 may read this object's fields; hop 1 may read the
    /// lines prefetched at hop 0, and so on; a whole-object hint reads the object's first line, so it comes a hop after
    /// that line's). It must not change any state.
    /// </summary>
    protected internal virtual void OnTurnAhead(int hop) { }

    /// <summary>
    /// Whether this actor's turns for the timer message <paramref name="timerMessage"/> are isolated: they read and write
    /// nothing that an actor on another host may write in the same instant, and they reach everything shared only
    /// through the kernel (tells, timers, the event stream, stopping itself; never spawning). The virtual-time loop may
    /// then run an instant's isolated turns of different hosts on several threads (<see cref="ActorSystemOptions.Lanes"/>),
    /// each host's turns on one thread and in order, with the kernel's effects carried out afterwards in delivery order:
    /// the outcome is the same as one by one. Asked once, when the timer is started.
    /// </summary>
    protected internal virtual bool RunsIsolated(object timerMessage) => false;

    /// <summary>
    /// Whether every turn of this actor keeps to itself: it reads and writes only this actor's own state and objects
    /// nobody changes any more (messages, published snapshots), reaches everything else only through the kernel
    /// (tells, replies, timers, watching, the event stream; never spawning), and no other actor reads or writes its
    /// state directly. The virtual-time loop may then run this actor's deliveries of a large wave (what an instant's
    /// deliveries caused without delay, see <see cref="Scheduling.DeliveryStats"/>) on another thread while the rest
    /// of the wave runs in order on the loop's thread, with the kernel's effects carried out afterwards in delivery
    /// order: the outcome is the same as one by one. Asked once per instance, when it is created. A store of record
    /// serving many clients (the api-server) is the case it is for.
    /// </summary>
    protected internal virtual bool RunsApart => false;

    /// <summary>How many <see cref="OnTurnAhead"/> calls precede a foreseen turn.</summary>
    public const int TurnAheadHops = 8;

    /// <summary>One hop of a foreseen turn: the kernel's own (the first handler, then its delegate and the second
    /// handler), then the actor's.</summary>
    internal void TurnAhead(int hop)
    {
        if (hop == 0) Scheduling.Prefetch.Object(_behavior);
        else if (hop == 1)
        {
            // The first handler's delegate (the one a tick usually matches), and the next handler.
            var first = _behavior;
            if (first is not null)
            {
                Scheduling.Prefetch.Object(first.CalledFirst);
                Scheduling.Prefetch.Object(first.Next);
            }
        }
        OnTurnAhead(hop);
    }

    internal void Dispatch(object message)
    {
        for (var h = _behavior; h is not null; h = h.Next)
        {
            if (h.TryInvoke(this, message)) return;
        }
        Unhandled(message);
    }

    private void Append(Handler handler)
    {
        if (_behavior is { Frozen: true }) throw new InvalidOperationException("This actor uses a shared behaviour: Receive cannot extend it.");
        if (_behavior is null)
        {
            _behavior = handler;
            return;
        }
        var tail = _behavior;
        while (tail.Next is not null) tail = tail.Next;
        tail.Next = handler;
    }

    private Handler? Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var saved = _behavior;
        _behavior = null;
        try
        {
            configure();
            return _behavior;
        }
        finally
        {
            _behavior = saved;
        }
    }
}
