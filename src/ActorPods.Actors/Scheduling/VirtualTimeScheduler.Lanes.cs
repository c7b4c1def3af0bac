using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;
using ActorPods.Actors.Transport;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// Parallel instants (<see cref="ActorSystemOptions.Lanes"/>): a run of isolated deliveries at the front of an instant
/// goes to <see cref="InstantLanes"/>; while it runs, every kernel call that would touch shared state (the ring, the
/// heap, the transport, the event stream) is deferred into the calling lane's buffer, and afterwards replayed here in
/// delivery order, each delivery's calls as its turn made them.
/// </summary>
public sealed partial class VirtualTimeScheduler
{
    private InstantLanes? _lanes;
    private int _laneThreshold = int.MaxValue;

    /// <summary>True while an instant's isolated turns run on lanes: kernel calls are deferred (see the class summary).</summary>
    internal bool LanesActive;

    /// <summary>Threads for large instants' isolated turns (1: none). Set once, by the system, before anything runs.</summary>
    internal void UseLanes(int lanes, int threshold)
    {
        if (lanes <= 1) return;
        _lanes = new InstantLanes(lanes);
        _laneThreshold = Math.Max(1, threshold);
    }

    /// <summary>Isolated timers' deliveries run on lanes so far (for tests and benchmarks).</summary>
    public long LaneDeliveries { get; private set; }

    /// <summary>How many deliveries lead the instant that are all isolated timers, or all not (<paramref name="isolated"/>);
    /// read from the items alone, no actor touched.</summary>
    private static int LeadingRun(EventHeap.Bucket instant, bool isolated)
    {
        var n = 0;
        while (n < instant.Count && instant.At(n).Lane != 0 == isolated) n++;
        return n;
    }

    /// <summary>Runs the first <paramref name="n"/> deliveries of the instant on the lanes, then carries out what they
    /// asked of the kernel, in delivery order.</summary>
    private void RunOnLanes(EventHeap.Bucket instant, int n)
    {
        var lanes = _lanes!;
        var baseSeq = _instantSeq;
        OnLanes(static (lanes, run) => lanes.Run(run.Instant, run.N), (Instant: instant, N: n));
        _instantSeq += n;
        _processed += lanes.Processed;
        LaneDeliveries += n;
        var effects = lanes.AnyEffects;
        // The run re-armed alike and asked nothing else: its items become the instant its timers go to.
        if (!effects && lanes.UniformRearmInterval(n) is > 0 and var interval && _heap.TryCarry(instant, n, interval, baseSeq))
        {
            InstantsCarried++;
            return;
        }
        var positions = lanes.Positions;
        var intervals = lanes.RearmIntervals;
        for (var offset = 0; offset < n; offset++)
        {
            var position = positions[offset];
            ref readonly var delivery = ref instant.At(offset);
            if (intervals[position] is > 0 and var rearm) _heap.Push(delivery.NextFiring(rearm, baseSeq + offset));
            if (!effects) continue;
            var span = lanes.SpanAt(position);
            if (span.Count == 0) continue;
            Replay(lanes.Buffer(span.Lane), span, (ActorCell)delivery.Target, ((TimerMessage)delivery.Message!).Message, null);
        }
        instant.Skip(n);
    }

    /// <summary>Instants whose isolated timers all re-armed by moving their bucket (<see cref="EventHeap.TryCarry"/>; for
    /// tests and benchmarks).</summary>
    public long InstantsCarried { get; private set; }

    /// <summary>Runs <paramref name="run"/> on the lanes with every kernel call deferred and each thread keeping its own
    /// turn (thread statics instead of the scheduler's fields).</summary>
    private void OnLanes<TState>(Action<InstantLanes, TState> run, TState state)
    {
        LanesActive = true;
        TurnInFields = false;
        try
        {
            run(_lanes!, state);
        }
        finally
        {
            TurnInFields = true;
            LanesActive = false;
        }
    }

    /// <summary>
    /// A wave of <paramref name="n"/> deliveries at the head of the ring (at least the lane threshold): if enough of
    /// them go to apart actors (<see cref="Actor.RunsApart"/>), runs them on the lanes — each apart actor's on one
    /// thread, the rest in order on this one — and carries out what they asked of the kernel in delivery order.
    /// Returns false, touching nothing, when too few are apart to be worth it.
    /// </summary>
    private bool TryRunWave(int n)
    {
        var tally = new ApartTally();
        for (var i = 0; i < n; i++) tally.Add(_ring.PeekAt(i).Target);
        if (!WorthSpreading(n, tally)) return false;
        var wave = _lanes!.Wave(n);
        _ring.DequeueInto(wave, n);
        RunWave(wave, n, fromBucket: false, baseSeq: 0, tally.Count);
        return true;
    }

    /// <summary><see cref="TryRunWave"/> for the first <paramref name="n"/> deliveries of the instant being dispatched
    /// from its bucket (none of them isolated): timers among them are dropped if cancelled and re-armed if periodic, as
    /// DispatchDue does.</summary>
    private bool TryRunBucketWave(EventHeap.Bucket instant, int n)
    {
        var tally = new ApartTally();
        for (var i = 0; i < n; i++)
        {
            if (instant.At(i).Target is ActorCell cell) tally.Add(cell);
        }
        if (!WorthSpreading(n, tally)) return false;
        var wave = _lanes!.Wave(n);
        for (var i = 0; i < n; i++) wave[i] = instant.At(i);
        var baseSeq = _instantSeq;
        _instantSeq += n;
        instant.Skip(n);
        RunWave(wave, n, fromBucket: true, baseSeq, tally.Count);
        return true;
    }

    /// <summary>A wave's deliveries to apart actors, counted while scanning it: how many, and whether to more than one.</summary>
    private struct ApartTally
    {
        private ActorCell? _first;

        public int Count { get; private set; }

        public bool Several { get; private set; }

        public void Add(ActorCell target)
        {
            if (!target.RunsApart) return;
            Count++;
            _first ??= target;
            Several |= !ReferenceEquals(target, _first);
        }
    }

    /// <summary>
    /// Whether a wave of <paramref name="n"/> deliveries with <paramref name="apart"/> of them to apart actors is worth
    /// spreading: an eighth of the lane threshold at least, and something to run beside them — as many deliveries of
    /// the rest, or another apart actor's. One actor's deliveries alone (a hundred lease renewals) would only move to
    /// another core.
    /// </summary>
    private bool WorthSpreading(int n, in ApartTally apart)
    {
        var least = Math.Max(1, _laneThreshold / 8);
        return apart.Count >= least && (apart.Several || n - apart.Count >= least);
    }

    private void RunWave(ScheduledItem[] wave, int n, bool fromBucket, long baseSeq, int apart)
    {
        var lanes = _lanes!;
        OnLanes(static (lanes, run) => lanes.RunWave(run.N, run.FromBucket), (N: n, FromBucket: fromBucket));
        _processed += lanes.Processed;
        ApartDeliveries += apart;
        WavesSpread++;
        var positions = lanes.Positions;
        var intervals = lanes.RearmIntervals;
        var effects = lanes.AnyEffects;
        for (var offset = 0; offset < n; offset++)
        {
            var position = positions[offset];
            ref readonly var e = ref wave[offset];
            if (intervals[position] is > 0 and var rearm) _heap.Push(e.NextFiring(rearm, baseSeq + offset));
            if (!effects) continue;
            var span = lanes.SpanAt(position);
            if (span.Count == 0) continue;
            Replay(lanes.Buffer(span.Lane), span, (ActorCell)e.Target, e.Message is TimerMessage timer ? timer.Message : e.Message!, e.Sender);
        }
        lanes.ClearWave(n);
    }

    /// <summary>Apart actors' deliveries run beside the rest of their waves so far (<see cref="Actor.RunsApart"/>; for
    /// tests and benchmarks).</summary>
    public long ApartDeliveries { get; private set; }

    /// <summary>Waves spread over the lanes so far (<see cref="TryRunWave"/>; for tests and benchmarks).</summary>
    public long WavesSpread { get; private set; }

    /// <summary>One delivery's deferred calls, in the turn's context (a callback subscriber or a transport may read
    /// it, as they would have during the turn).</summary>
    private void Replay(LaneBuffer buffer, InstantLanes.ItemSpan span, ActorCell cell, object message, IActorRef? sender)
    {
        var inTurn = false;
        for (var i = span.Start; i < span.Start + span.Count; i++)
        {
            ref var e = ref buffer[i];
            if (!inTurn)
            {
                ActorCell.SetTurn(this, cell, message, sender);
                inTurn = true;
            }
            ref readonly var item = ref e.Item;
            switch (e.Kind)
            {
                case LaneEffectKind.Enqueue:
                    _ring.Enqueue((ActorCell)item.Target, item.Message!, item.Sender);
                    break;
                case LaneEffectKind.ScheduleTell:
                    ScheduleTell(item.Due, (ActorRefBase)item.Target, item.Message!, item.Sender);
                    break;
                case LaneEffectKind.ScheduleTimer:
                    ScheduleTimer((TimerMessage)item.Message!, item.Due);
                    break;
                case LaneEffectKind.ScheduleCallback:
                    ScheduleCallback(item.Due, (IScheduledCallback)item.Target);
                    break;
                case LaneEffectKind.Route:
                    var from = (Host)e.From!;
                    from.System.RouteCrossHost((ITransport)e.Via!, from, (Host)e.To!, (ActorRefBase)item.Target, item.Message!, item.Sender);
                    break;
                case LaneEffectKind.Deliver:
                    ((ActorRefBase)item.Target).Deliver(item.Message!, item.Sender);
                    break;
                case LaneEffectKind.Publish:
                    Events.EventStream.Deliver((Events.EventStream.Subscription[])item.Target, item.Message!);
                    break;
            }
            buffer[i] = default;
        }
        if (inTurn) ActorCell.SetTurn(this, null, null, null);
    }

    /// <summary>A kernel call made on a lane: recorded for <see cref="Replay"/>.</summary>
    private static void Defer(LaneEffectKind kind, object target, object? message, IActorRef? sender, long ticks = 0,
        object? from = null, object? to = null, object? via = null)
    {
        var buffer = InstantLanes.Current
                     ?? throw new InvalidOperationException("A kernel call from outside the virtual-time loop while it runs an instant on lanes.");
        buffer.Add(new LaneEffect
        {
            Kind = kind,
            Item = new ScheduledItem { Due = ticks, Target = target, Message = message, Sender = sender },
            From = from,
            To = to,
            Via = via,
        });
    }

    internal static void DeferRoute(ITransport transport, Host from, Host to, ActorRefBase recipient, object message, IActorRef? sender) =>
        Defer(LaneEffectKind.Route, recipient, message, sender, from: from, to: to, via: transport);

    internal static void DeferDeliver(ActorRefBase target, object message, IActorRef? sender) =>
        Defer(LaneEffectKind.Deliver, target, message, sender);

    internal static void DeferPublish(Events.EventStream.Subscription[] subscribers, object @event) =>
        Defer(LaneEffectKind.Publish, subscribers, @event, null);

    /// <summary>Spawning creates a cell whose host and parent other threads may be reading: never in an isolated turn
    /// (the rest of a wave, run in delivery order on the loop's thread, may spawn).</summary>
    internal void ThrowIfOnLane(string what)
    {
        if (LanesActive && InstantLanes.Current is { Isolated: true })
            throw new InvalidOperationException($"{what} in an isolated or apart turn (Actor.RunsIsolated, Actor.RunsApart): such a turn may not spawn actors.");
    }
}
