using System.Runtime.CompilerServices;
using ActorPods.Actors.Events;
using ActorPods.Actors.Scheduling;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Internal;

/// <summary>
/// The runtime half of an actor: its ref, its context, its lifecycle state. One cell lives as long as its ref;
/// the <see cref="Actor"/> instance inside is replaced on restart and dropped on stop.
/// Kept small on purpose (an idle actor must cost well under 250 bytes): everything rarely used sits in a lazily
/// allocated <see cref="CellExtras"/> (including the real-time mailbox); the current message and sender live in thread statics, not in fields.
/// Split by concern: Children, Lifecycle, FaultHandling, DeathWatch, Stash, Behavior, RealTime.
/// </summary>
internal sealed partial class ActorCell : ActorRefBase, IActorContext
{
    private const int Suspended = 1;        // failed, waiting for the supervisor: park user messages
    private const int HasPending = 2;       // the pending queue is non-empty (unstashed or parked messages)
    private const int StopRequested = 4;    // no user message is processed any more
    private const int Terminating = 8;      // waiting for children to die before PostStop
    private const int TerminatedFlag = 16;
    private const int Crashed = 32;         // died with its host: no PostStop
    private const int RecreatePending = 64; // restarting, waiting for stopped children
    private const int Creating = 128;       // real time: constructor/PreStart still running on the spawning thread
    private const int HostSuspended = 256;  // its host is frozen (ActorSystem.SuspendHost): park user messages and timers
    private const int ParkMask = Suspended | RecreatePending | HostSuspended;
    private const int DeadMask = StopRequested | Terminating | TerminatedFlag | Crashed;

    private readonly Host _host;
    private readonly ActorCell? _parent;
    private readonly Props _props;
    private readonly long _uid;
    private Actor? _actor;
    private string? _name;
    private CellExtras? _extras;
    // Intrusive, insertion-ordered sibling list: O(1) add/remove, no per-child container entry, deterministic order.
    internal ActorCell? _prevSibling;
    internal ActorCell? _nextSibling;
    private int _state;
    // Actor.RunsApart of the current instance (packed next to _state).
    private bool _apart;

    internal ActorCell(Host host, ActorCell? parent, Props props, string? name, long uid)
    {
        _host = host;
        _parent = parent;
        _props = props;
        _name = name;
        _uid = uid;
    }

    internal Host HostRef => _host;

    internal override Host? HostOf => _host;

    internal override ActorSystem Owner => _host.System;

    internal long Uid => _uid;

    internal ActorCell? ParentCell => _parent;

    internal Actor? Instance => _actor;

    /// <summary>Whether the current instance's turns keep to themselves (<see cref="Actor.RunsApart"/>).</summary>
    internal bool RunsApart => _apart;

    internal bool IsTerminated => (Volatile.Read(ref _state) & TerminatedFlag) != 0;

    internal bool IsStopping => (Volatile.Read(ref _state) & DeadMask) != 0;

    public override string Name => _name ??= "$" + Base36(_uid);

    public override string Path
    {
        get
        {
            var extras = Extras;
            return extras.Path ??= _parent is null ? "/" : _parent._parent is null ? "/" + Name : _parent.Path + "/" + Name;
        }
    }

    internal CellExtras Extras => _extras ?? InitExtras();

    internal CellExtras? ExtrasOrNull => _extras;

    // IActorContext
    public IActorRef Self => this;

    public IActorRef Sender => CurrentSender(_host.Scheduler) ?? Owner.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent ?? Owner.DeadLetters;

    public ActorSystem System => Owner;

    public string Host => _host.Name;

    public DateTimeOffset Now => _host.Scheduler.Now;

    public TimeSpan Elapsed => _host.Scheduler.Elapsed;

    public bool OnLane => Scheduling.InstantLanes.Current is { Isolated: true };

    public Random Random => Extras.Random ??= new SeededRandom(SeededRandom.Mix(Owner.Seed, _uid));

    internal ITimerScheduler Timers => Extras.Timers ??= new TimerScheduler(this);

    // The hot path of the kernel: same logic as ActorRefBase.Tell, specialised for cells.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Tell(object message)
    {
        var scheduler = _host.Scheduler;
        var from = CurrentCell(scheduler);
        Send(scheduler, from, message, from);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Tell(object message, IActorRef? sender)
    {
        var scheduler = _host.Scheduler;
        Send(scheduler, CurrentCell(scheduler), message, sender);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Send(ActorScheduler scheduler, ActorCell? from, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (from is not null && !ReferenceEquals(from._host, _host) && _host.System.TransportHook is { } transport)
        {
            _host.System.RouteCrossHost(transport, from._host, _host, this, message, sender);
            return;
        }
        if (scheduler is VirtualTimeScheduler virtualTime) virtualTime.Enqueue(this, message, sender);
        else scheduler.Post(this, message, sender);
    }

    internal override void Deliver(object message, IActorRef? sender)
    {
        var scheduler = _host.Scheduler;
        if (scheduler is VirtualTimeScheduler virtualTime) virtualTime.Enqueue(this, message, sender);
        else scheduler.Post(this, message, sender);
    }

    internal void PostSystem(SystemMessage message) => _host.Scheduler.Post(this, message, null);

    /// <summary>Virtual-time entry point: one delivery taken from the scheduler's ring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ReceiveFromDispatcher(object message, IActorRef? sender)
    {
        // One type test separates kernel envelopes from user messages on the hot path.
        if (message is KernelMessage)
        {
            ReceiveKernel(message, sender);
            return;
        }
        var state = _state;
        if (state == 0)
        {
            InvokePlain(message, sender);
            return;
        }
        ReceiveSlow(message, sender, state);
    }

    private void ReceiveKernel(object message, IActorRef? sender)
    {
        if (message is SystemMessage system)
        {
            HandleSystem(system);
            return;
        }
        var state = _state;
        if (state == 0) InvokeUser(message, sender);
        else ReceiveSlow(message, sender, state);
    }

    /// <summary><see cref="InvokeUser"/> for a message known not to be a kernel envelope.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InvokePlain(object message, IActorRef? sender)
    {
        var scheduler = _host.Scheduler;
        SetTurn(scheduler, this, message, sender);
        try
        {
            if (ReferenceEquals(message, PoisonPill.Instance)) RequestStop();
            else if (ReferenceEquals(message, Kill.Instance)) throw new ActorKilledException($"Kill received by {Path}");
            else _actor!.Dispatch(message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            SetTurn(scheduler, null, null, null);
        }
    }

    private void ReceiveSlow(object message, IActorRef? sender, int state)
    {
        if ((state & DeadMask) != 0)
        {
            DeadLetter(message, sender);
        }
        else if ((state & ParkMask) != 0)
        {
            Extras.Pending.Enqueue(new Letter(message, sender));
            SetFlag(HasPending);
        }
        else if ((state & HasPending) != 0)
        {
            // Older parked/unstashed messages go first.
            Extras.Pending.Enqueue(new Letter(message, sender));
            DrainPendingVirtual();
        }
        else
        {
            InvokeUser(message, sender);
        }
    }

    /// <summary>Runs one user message through the current behaviour. Any exception becomes a supervised failure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void InvokeUser(object message, IActorRef? sender)
    {
        var scheduler = _host.Scheduler;
        SetTurn(scheduler, this, message, sender);
        try
        {
            if (message is KernelMessage)
            {
                InvokeKernel(message);
            }
            else if (ReferenceEquals(message, PoisonPill.Instance))
            {
                RequestStop();
            }
            else if (ReferenceEquals(message, Kill.Instance))
            {
                throw new ActorKilledException($"Kill received by {Path}");
            }
            else
            {
                _actor!.Dispatch(message);
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, CurrentMessage(scheduler));
        }
        finally
        {
            SetTurn(scheduler, null, null, null);
        }
    }

    private void InvokeKernel(object message)
    {
        if (message is TimerMessage timer)
        {
            // A replaced or cancelled timer's message is dropped here even if it was already queued.
            // A periodic firing only reads its own envelope: no table lookup, no extra cache misses.
            if (timer.IsCancelled) return;
            if (!timer.IsPeriodic) ((TimerScheduler)_extras!.Timers!).Consume(timer);
            SetTurn(_host.Scheduler, this, timer.Message, null);
            _actor!.Dispatch(timer.Message);
        }
        else if (message is QueuedTerminated terminated)
        {
            InvokeQueuedTerminated(terminated);
        }
    }

    private void HandleSystem(SystemMessage message)
    {
        switch (message)
        {
            case Terminate: HandleTerminate(); break;
            case Crash: HandleCrash(); break;
            case WatchRequest w: HandleWatchRequest(w); break;
            case UnwatchRequest u: HandleUnwatchRequest(u); break;
            case DeathWatchNotification n: HandleDeathWatchNotification(n); break;
            case ChildTerminated c: HandleChildTerminated(c.Child); break;
            case Failed f: HandleChildFailed(f); break;
            case Resume r: HandleResume(r); break;
            case Recreate r: HandleRecreate(r.Cause); break;
            case DrainPending: DrainPendingVirtual(); break;
        }
    }

    internal void DeadLetter(object message, IActorRef? sender)
    {
        // Stale timer firings are an implementation detail, not lost mail.
        if (message is KernelMessage) return;
        Owner.PublishDeadLetter(message, sender, this);
    }

    internal void PublishUnhandled(object message)
    {
        var stream = Owner.EventStream;
        if (stream.HasSubscribersFor<UnhandledMessage>()) stream.Publish(new UnhandledMessage(message, CurrentSender(_host.Scheduler), this));
    }

    internal void PublishError(Exception cause, string context)
    {
        var stream = Owner.EventStream;
        if (stream.HasSubscribersFor<ActorError>()) stream.Publish(new ActorError(this, cause, context));
    }

    private void SetFlag(int flag) => Interlocked.Or(ref _state, flag);

    private void ClearFlag(int flag) => Interlocked.And(ref _state, ~flag);

    private bool HasFlag(int flag) => (Volatile.Read(ref _state) & flag) != 0;

    private CellExtras InitExtras()
    {
        Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
        return _extras!;
    }

    private static string Base36(long signed)
    {
        var value = unchecked((ulong)signed);
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            var digit = (int)(value % 36);
            buffer[--i] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            value /= 36;
        }
        while (value > 0);
        return new string(buffer[i..]);
    }
}
