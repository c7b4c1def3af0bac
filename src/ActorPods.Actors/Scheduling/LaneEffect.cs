namespace ActorPods.Actors.Scheduling;

/// <summary>What an isolated turn run on a lane asked of the kernel, carried out later, in delivery order.</summary>
internal enum LaneEffectKind : byte
{
    /// <summary>A delivery due now: the ring (Target, Message, Sender).</summary>
    Enqueue,
    /// <summary>A delayed tell: Due holds the delay.</summary>
    ScheduleTell,
    /// <summary>A timer's first firing: Message is the timer, Due the delay.</summary>
    ScheduleTimer,
    /// <summary>A callback: Target is the callback, Due the delay.</summary>
    ScheduleCallback,
    /// <summary>A message between hosts, through the transport: <see cref="LaneEffect.From"/>, <see cref="LaneEffect.To"/>,
    /// <see cref="LaneEffect.Via"/>.</summary>
    Route,
    /// <summary>A tell to a ref that is not a cell (an ask's promise, dead letters).</summary>
    Deliver,
    /// <summary>An event (Message) to the subscribers in Target.</summary>
    Publish,
}

/// <summary>One deferred kernel call (rare: a periodic timer's re-arm, the common one, is kept apart), so one shape serves all.</summary>
internal struct LaneEffect
{
    public LaneEffectKind Kind;
    public ScheduledItem Item;
    public object? From;
    public object? To;
    public object? Via;
}

/// <summary>A lane's deferred kernel calls, in the order its turns made them, and the deliveries it counted.</summary>
internal sealed class LaneBuffer
{
    private LaneEffect[] _effects = new LaneEffect[1024];

    public int Count { get; private set; }

    public long Processed;

    // Each lane writes Count and Processed on every delivery: keep another lane's buffer off their cache lines.
#pragma warning disable CS0169 // never used: it only takes room
    private CacheLines _apart;
#pragma warning restore CS0169

    [System.Runtime.CompilerServices.InlineArray(16)]
    private struct CacheLines
    {
        private long _element;
    }

    public ref LaneEffect this[int index] => ref _effects[index];

    public void Add(in LaneEffect effect)
    {
        if (Count == _effects.Length) Array.Resize(ref _effects, _effects.Length * 2);
        _effects[Count++] = effect;
    }

    /// <summary>Empties the buffer, dropping its references (for the GC).</summary>
    public void Clear()
    {
        Array.Clear(_effects, 0, Count);
        Count = 0;
        Processed = 0;
    }
}
