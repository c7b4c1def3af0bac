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
