using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// Decides when and on which thread actors run, and owns the system's clock. Two implementations:
/// <see cref="VirtualTimeScheduler"/> (single-threaded discrete events) and the real-time one (thread pool).
/// Actor code sees only <see cref="Elapsed"/>/<see cref="Now"/> through its context, so it cannot tell which runs it
/// except through timing.
/// </summary>
public abstract class ActorScheduler
{
    private protected ActorScheduler(DateTimeOffset epoch, bool isVirtual)
    {
        Epoch = epoch;
        Virtual = isVirtual;
        TurnInFields = isVirtual;
    }

    internal readonly bool Virtual;

    // The delivery in progress, under virtual time (see ActorCell.Current.cs): one thread, so plain fields,
    // which cost a quarter of thread statics on the hot path. False under real time, and while the virtual loop runs an
    // instant's isolated turns on several threads (InstantLanes): each thread then keeps its own turn in thread statics.
    internal bool TurnInFields;
    internal ActorCell? VCell;
    internal object? VMessage;
    internal IActorRef? VSender;

    /// <summary>True for the discrete-event scheduler.</summary>
    public abstract bool IsVirtual { get; }

    /// <summary>System time elapsed since the system started (virtual, or real scaled by the speed factor).</summary>
    public abstract TimeSpan Elapsed { get; }

    /// <summary>The wall-clock instant corresponding to <see cref="Elapsed"/> zero.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary><see cref="Epoch"/> + <see cref="Elapsed"/>: the timestamp actors should put on things.</summary>
    public DateTimeOffset Now => Epoch + Elapsed;

    /// <summary>
    /// Waits until <paramref name="condition"/> holds or <paramref name="timeout"/> of system time has passed.
    /// Virtual time runs events (advancing the clock) instead of waiting; real time polls with a deadline.
    /// Must not be called from inside an actor.
    /// </summary>
    public abstract bool AwaitCondition(Func<bool> condition, TimeSpan timeout);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> of system time (for transports and hosts, not actors: actors use timers).</summary>
    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var callback = new ActionCallback(action);
        ScheduleCallback(Math.Max(0, delay.Ticks), callback);
        return callback;
    }

    /// <summary>Delivers a user or system message to an actor with zero delay.</summary>
    internal abstract void Post(ActorCell target, object message, IActorRef? sender);

    /// <summary>Delivers <paramref name="message"/> to <paramref name="target"/> after a delay, past any transport.</summary>
    internal abstract void ScheduleTell(long delayTicks, ActorRefBase target, object message, IActorRef? sender);

    /// <summary>Schedules a keyed timer's first firing; periodic timers reschedule themselves at due + interval.</summary>
    internal abstract void ScheduleTimer(TimerMessage timer, long delayTicks);

    internal abstract void ScheduleCallback(long delayTicks, IScheduledCallback callback);

    internal abstract void Shutdown();

    private sealed class ActionCallback(Action action) : IScheduledCallback, ICancelable
    {
        private volatile bool _cancelled;

        public bool IsCancelled => _cancelled;

        public void Cancel() => _cancelled = true;

        public bool IsSpent => _cancelled;

        public void Run()
        {
            if (!_cancelled) action();
        }
    }
}

/// <summary>Something scheduled that can be called off before it runs.</summary>
public interface ICancelable
{
    bool IsCancelled { get; }

    void Cancel();
}

/// <summary>A kernel-internal piece of work run by the scheduler at a due time.</summary>
internal interface IScheduledCallback
{
    /// <summary>
    /// True once running it can no longer do anything (an ask already answered, a cancelled callback). It stays true.
    /// The virtual-time loop may then pass over it without running it (see VirtualTimeScheduler.Run).
    /// </summary>
    bool IsSpent { get; }

    void Run();
}
