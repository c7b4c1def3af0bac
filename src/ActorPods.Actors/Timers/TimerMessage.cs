using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Timers;

/// <summary>
/// The envelope a timer puts in the queue. One instance per started timer (a periodic timer reuses it for every firing);
/// the owner accepts it only while it is still the current timer for its key with the same generation.
/// </summary>
internal sealed class TimerMessage(ActorCell owner, object key, object message, int generation, long intervalTicks, bool isolated = false) : KernelMessage
{
    /// <summary>1 + the owner's host number when the owner runs this timer's turns isolated (<see cref="Actor.RunsIsolated"/>),
    /// else 0: what a parallel instant groups its deliveries by without reading the owner.</summary>
    public readonly int LaneKey = isolated ? owner.HostRef.Number + 1 : 0;

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
