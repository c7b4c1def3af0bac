using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// Single-threaded discrete-event loop. Every delivery is ordered by (virtual time, sequence number):
/// deliveries due now sit in a FIFO ring (their order is their sequence), future ones in a heap. The clock only moves
/// when the ring is empty, and then every heap item due at the new instant moves into the ring in (time, seq) order
/// before anything they cause, so the global order is total and reproducible.
/// Drive it from one thread (the test or the CLI); nothing runs unless you call a Run/Advance method.
/// </summary>
public sealed partial class VirtualTimeScheduler : ActorScheduler
{
    private readonly EnvelopeRing _ring = new();
    private readonly EventHeap _heap = new();
    // The instant being dispatched straight from its bucket (see Run); it is the front of the queue, before the ring.
    private EventHeap.Bucket? _instant;
    private long _instantSeq;
    private long _now;
    private long _seq;
    private long _processed;
    private bool _running;

    internal VirtualTimeScheduler(DateTimeOffset epoch) : base(epoch, isVirtual: true) { }

    public override bool IsVirtual => true;

    public override TimeSpan Elapsed => new(_now);

    /// <summary>Deliveries processed so far (messages, system messages and timer firings).</summary>
    public long ProcessedCount => _processed;

    private DeliveryStats? _stats;

    /// <summary>Times every delivery while set (<see cref="Scheduling.DeliveryStats"/>); attach and detach it between
    /// runs, on one lane.</summary>
    public DeliveryStats? DeliveryStats
    {
        get => _stats;
        set
        {
            if (_running) throw new InvalidOperationException("Attach or detach delivery stats between runs of the loop.");
            if (value is not null && _lanes is not null) throw new InvalidOperationException("Delivery stats need a loop with one lane (the lanes' deliveries bypass them).");
            _stats = value;
        }
    }

    /// <summary>Deliveries waiting: due now plus scheduled in the future.</summary>
    public int PendingCount => _ring.Count + _heap.Count + (_instant?.Count ?? 0);

    /// <summary>Processes everything due up to and including <paramref name="time"/> (time since start), then sets the clock to it.</summary>
    public void RunUntil(TimeSpan time) => Run(time.Ticks, null);

    /// <summary>Runs for <paramref name="duration"/> of virtual time from now.</summary>
    public void Advance(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "Time does not run backwards.");
        Run(_now + duration.Ticks, null);
    }

    /// <summary>
    /// Processes events, advancing the clock from event to event, until none is left. Periodic timers never leave the
    /// system idle: pass <paramref name="maxAdvance"/> to bound the run (the clock then stops at the last event).
    /// Returns true if the system became idle.
    /// </summary>
    public bool RunUntilIdle(TimeSpan? maxAdvance = null)
    {
        var limit = maxAdvance is { } m ? _now + m.Ticks : long.MaxValue;
        Run(limit, null, setClockToLimit: false);
        return PendingCount == 0;
    }

    public override bool AwaitCondition(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition()) return true;
        var limit = timeout == TimeSpan.MaxValue ? long.MaxValue : _now + Math.Max(0, timeout.Ticks);
        return Run(limit, condition);
    }

    internal override void Post(ActorCell target, object message, IActorRef? sender) => Enqueue(target, message, sender);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void Enqueue(ActorCell target, object message, IActorRef? sender)
    {
        if (LanesActive) Defer(LaneEffectKind.Enqueue, target, message, sender);
        else _ring.Enqueue(target, message, sender);
    }

    internal override void ScheduleTell(long delayTicks, ActorRefBase target, object message, IActorRef? sender)
    {
        if (LanesActive)
        {
            Defer(LaneEffectKind.ScheduleTell, target, message, sender, delayTicks);
            return;
        }
        if (delayTicks <= 0)
        {
            target.Deliver(message, sender);
            return;
        }
        _heap.Push(new ScheduledItem { Due = _now + delayTicks, Seq = ++_seq, Target = target, Message = message, Sender = sender });
    }

    internal override void ScheduleTimer(TimerMessage timer, long delayTicks)
    {
        if (LanesActive)
        {
            Defer(LaneEffectKind.ScheduleTimer, timer.Owner, timer, null, delayTicks);
            return;
        }
        if (delayTicks <= 0)
        {
            // A zero first delay still fires through the queue, after the current turn, like any message.
            if (timer.IsPeriodic) _heap.Push(new ScheduledItem { Due = _now + timer.IntervalTicks, Seq = ++_seq, Target = timer.Owner, Message = timer, Lane = timer.LaneKey });
            _ring.Enqueue(timer.Owner, timer, null);
            return;
        }
        _heap.Push(new ScheduledItem { Due = _now + delayTicks, Seq = ++_seq, Target = timer.Owner, Message = timer, Lane = timer.LaneKey });
    }

    internal override void ScheduleCallback(long delayTicks, IScheduledCallback callback)
    {
        if (LanesActive) Defer(LaneEffectKind.ScheduleCallback, callback, null, null, delayTicks);
        else _heap.Push(new ScheduledItem { Due = _now + Math.Max(0, delayTicks), Seq = ++_seq, Target = callback });
    }

    internal override void Shutdown() => _lanes?.Dispose();

    /// <summary>The loop. Returns true when <paramref name="stop"/> became true.</summary>
    // Entered once and looping for millions of events: compile it optimized at once instead of via tier-0 and OSR.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private bool Run(long limit, Func<bool>? stop, bool setClockToLimit = true)
    {
        if (_running) throw new InvalidOperationException("The virtual-time loop is already running (do not drive it from inside an actor).");
        _running = true;
        try
        {
            var ring = _ring;
            var heap = _heap;
            while (true)
            {
                if (_instant is { } instant)
                {
                    // Deliveries at the front known to be not worth spreading over the lanes.
                    var serialRun = 0;
                    while (instant.Count > 0)
                    {
                        if (serialRun == 0 && _lanes is not null && stop is null)
                        {
                            if (instant.At(0).Lane != 0)
                            {
                                var run = LeadingRun(instant, isolated: true);
                                if (run >= _laneThreshold)
                                {
                                    RunOnLanes(instant, run);
                                    continue;
                                }
                                serialRun = run;
                            }
                            else
                            {
                                // The run of other deliveries up to the next isolated one, as one wave if apart actors
                                // have enough of it. Isolated timers stay out of it: spread, they run by host on all
                                // the lanes, while a wave's rest runs on this thread alone.
                                var run = LeadingRun(instant, isolated: false);
                                if (run >= _laneThreshold && TryRunBucketWave(instant, run)) continue;
                                serialRun = run;
                            }
                        }
                        if (serialRun > 0) serialRun--;
                        instant.PrefetchAhead();
                        DispatchDue(instant.Dequeue(), _instantSeq++);
                        if (stop is not null && stop()) return true;
                    }
                    _instant = null;
                    heap.Recycle(instant);
                }
                // The ring runs wave by wave (a wave: what was queued when it began); a large one with apart actors'
                // deliveries may be spread (RunWave).
                var waveLeft = 0;
                while (true)
                {
                    if (waveLeft == 0)
                    {
                        waveLeft = ring.Count;
                        if (waveLeft >= _laneThreshold && _lanes is not null && stop is null && TryRunWave(waveLeft))
                        {
                            waveLeft = 0;
                            continue;
                        }
                    }
                    if (!ring.TryDequeue(out var e)) break;
                    waveLeft--;
                    _processed++;
                    if (_stats is { } stats)
                    {
                        var started = stats.BeginFromRing(_now, ring.Count);
                        e.Target.ReceiveFromDispatcher(e.Message, e.Sender);
                        stats.End(e.Target, e.Message, started);
                    }
                    else
                    {
                        e.Target.ReceiveFromDispatcher(e.Message, e.Sender);
                    }
                    if (stop is not null && stop()) return true;
                }
                if (heap.Count == 0 || heap.PeekDue > limit)
                {
                    if (setClockToLimit && limit != long.MaxValue && limit > _now) _now = limit;
                    return false;
                }
                var due = heap.PeekDue;
                if (due > _now) _now = due;
                if (heap.MinIsCellsOnly)
                {
                    // Only actor deliveries at this instant (and spent callbacks, which would run as no-ops): dispatch
                    // them from the bucket one by one instead of moving them all into the ring first, so each timer
                    // envelope is touched once (re-arm and delivery together) instead of twice, a whole instant apart.
                    // Same order as the ring path: the ring is empty now, whatever they cause queues behind them, and
                    // re-arms get the sequence numbers reserved here, in bucket order, as if all had been fired before
                    // any was delivered.
                    var taken = heap.TakeMin();
                    _instantSeq = _seq + 1;
                    _seq += taken.Count;
                    _instant = taken;
                    continue;
                }
                while (heap.Count > 0 && heap.PeekDue == due) FireTop();
                if (stop is not null && stop()) return true;
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>One event of the instant being dispatched from its bucket (all go to actor cells).</summary>
    private void DispatchDue(in ScheduledItem item, long seq)
    {
        if (item.Target is not ActorCell cell)
        {
            // A spent callback (MinIsCellsOnly let it through): counted as the ring path counts it, nothing to run.
            _processed++;
            return;
        }
        if (item.Message is TimerMessage timer)
        {
            if (timer.IsCancelled) return;
            if (timer.IsPeriodic) _heap.Push(item.NextFiring(timer, seq));
        }
        _processed++;
        if (_stats is { } stats)
        {
            var started = stats.BeginFromBucket(_now);
            cell.ReceiveFromDispatcher(item.Message!, item.Sender);
            stats.End(cell, item.Message!, started);
            return;
        }
        cell.ReceiveFromDispatcher(item.Message!, item.Sender);
    }

    private void FireTop()
    {
        ref readonly var top = ref _heap.Peek;
        if (top.Message is TimerMessage { IsPeriodic: true, IsCancelled: false } timer)
        {
            _heap.ReplaceTop(top.NextFiring(timer, ++_seq));
            _ring.Enqueue(timer.Owner, timer, null);
            return;
        }
        Fire(_heap.Pop());
    }

    private void Fire(in ScheduledItem item)
    {
        switch (item.Target)
        {
            case ActorCell cell:
                // A cancelled timer's envelope dies here instead of travelling to the actor.
                if (item.Message is TimerMessage { IsCancelled: true }) return;
                _ring.Enqueue(cell, item.Message!, item.Sender);
                break;
            // A callback carries no message (a promise ref is both a ref and a callback).
            case IScheduledCallback callback when item.Message is null:
                _processed++;
                callback.Run();
                break;
            case ActorRefBase other:
                _processed++;
                other.Deliver(item.Message!, item.Sender);
                break;
        }
    }
}
