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

    /// <summary>Isolated deliveries run on lanes so far (for tests and benchmarks).</summary>
    public long LaneDeliveries { get; private set; }

    /// <summary>How many isolated deliveries lead the instant (they are consecutive and all timers).</summary>
    private static int IsolatedRun(EventHeap.Bucket instant)
    {
        var n = 0;
        while (n < instant.Count && instant.At(n).Lane != 0) n++;
        return n;
    }

    /// <summary>Runs the first <paramref name="n"/> deliveries of the instant on the lanes, then carries out what they
    /// asked of the kernel, in delivery order.</summary>
    private void RunOnLanes(EventHeap.Bucket instant, int n)
    {
        var lanes = _lanes!;
        var baseSeq = _instantSeq;
        LanesActive = true;
        TurnInFields = false;
        try
        {
            lanes.Run(instant, n, baseSeq);
        }
        finally
        {
            TurnInFields = true;
            LanesActive = false;
        }
        _instantSeq += n;
        for (var lane = 0; lane < lanes.Count; lane++) _processed += lanes.Buffer(lane).Processed;
        LaneDeliveries += n;
        var positions = lanes.Positions;
        var rearms = lanes.Rearms;
        var effects = lanes.AnyEffects;
        for (var offset = 0; offset < n; offset++)
        {
            // Half of the re-arms were written on another core: ask for them a few deliveries ahead.
            if (offset + MergeAhead < n) Prefetch.Element(rearms, positions[offset + MergeAhead]);
            var position = positions[offset];
            ref var rearm = ref rearms[position];
            if (rearm.Target is not null)
            {
                _heap.Push(rearm);
                rearm = default;
            }
            if (!effects) continue;
            var span = lanes.SpanAt(position);
            if (span.Count != 0) Replay(lanes.Buffer(span.Lane), span, in instant.At(offset));
        }
        instant.Skip(n);
    }

    private const int MergeAhead = 8;

    /// <summary>One delivery's deferred calls, in the turn's context (a callback subscriber or a transport may read
    /// it, as they would have during the turn).</summary>
    private void Replay(LaneBuffer buffer, InstantLanes.ItemSpan span, in ScheduledItem delivery)
    {
        var inTurn = false;
        for (var i = span.Start; i < span.Start + span.Count; i++)
        {
            ref var e = ref buffer[i];
            if (!inTurn)
            {
                ActorCell.SetTurn(this, (ActorCell)delivery.Target, ((TimerMessage)delivery.Message!).Message, null);
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

    /// <summary>Spawning draws the system's next actor id, which depends on the order of spawns: never on a lane.</summary>
    internal void ThrowIfOnLane(string what)
    {
        if (LanesActive && InstantLanes.Current is not null)
            throw new InvalidOperationException($"{what} in an isolated turn (Actor.RunsIsolated): an isolated turn may not spawn actors.");
    }
}
