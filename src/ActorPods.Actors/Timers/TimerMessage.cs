using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Timers;

/// <summary>
/// The envelope a timer puts in the queue. One instance per started timer (a periodic timer reuses it for every firing);
/// the owner accepts it only while it is still the current timer for its key with the same generation.
/// </summary>
internal sealed class TimerMessage(ActorCell owner, object key, object message, int generation, long intervalTicks) : KernelMessage
{
    private volatile bool _cancelled;

    public readonly ActorCell Owner = owner;
    public readonly object Key = key;
    public readonly object Message = message;
    public readonly int Generation = generation;
    public readonly long IntervalTicks = intervalTicks;

    public bool IsPeriodic => IntervalTicks > 0;

    public bool IsCancelled => _cancelled;

    public void Cancel() => _cancelled = true;

    public override string ToString() => $"Timer({Key}#{Generation}: {Message})";
}
