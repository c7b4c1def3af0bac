using ActorPods.Actors.Supervision;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Internal;

internal readonly record struct Letter(object Message, IActorRef? Sender);

/// <summary>
/// The parts of a cell most actors never need, allocated on first use so an idle actor stays small.
/// Children fields are guarded by locking this object (an outside thread may spawn top-level actors under real time);
/// everything else is touched only from the owner's turn.
/// </summary>
internal sealed class CellExtras
{
    public string? Path;

    // Real time only. A dead actor keeps it: later user mail goes to dead letters, Watch requests still get answered.
    public RealTimeMailbox? Mailbox;

    // Children (lock this).
    public ActorCell? FirstChild;
    public ActorCell? LastChild;
    public int ChildCount;
    // Children spawned so far: the next one's number, from which its uid is derived.
    public long Spawned;
    public Dictionary<string, ActorCell>? NamedChildren;

    // Death watch, in subscription order (never hash order: delivery order must be reproducible).
    public List<ActorCell>? Watchers;
    public List<ActorCell>? Watching;
    public List<ActorCell>? TerminatedQueued;

    public TimerScheduler? Timers;
    public SeededRandom? Random;
    public Stack<Handler?>? BehaviorStack;

    // Messages to process before the mailbox: unstashed ones, and (virtual time) those parked during suspension.
    private Queue<Letter>? _pending;
    public List<Letter>? Stash;

    // Supervision.
    public RestartStatistics? RestartStats;
    public object? FailedMessage;
    public bool FailedByEscalation;
    public Exception? RecreateCause;

    public Queue<Letter> Pending => _pending ??= new Queue<Letter>();

    public bool HasPendingLetters => _pending is { Count: > 0 };

    /// <summary>Puts <paramref name="letters"/> in front of the pending queue, keeping their order.</summary>
    public void PrependPending(List<Letter> letters)
    {
        if (letters.Count == 0) return;
        var merged = new Queue<Letter>(letters.Count + (_pending?.Count ?? 0));
        foreach (var l in letters) merged.Enqueue(l);
        if (_pending is not null)
        {
            foreach (var l in _pending) merged.Enqueue(l);
        }
        _pending = merged;
    }
}
