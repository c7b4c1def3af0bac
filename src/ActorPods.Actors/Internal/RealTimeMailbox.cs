using System.Collections.Concurrent;

namespace ActorPods.Actors.Internal;

/// <summary>
/// Real-time mailbox: lock-free MPSC queues (system messages first) drained on the thread pool. The mailbox is queued
/// on the pool only on the idle→scheduled transition, so one actor never runs on two threads at once.
/// </summary>
internal sealed class RealTimeMailbox(ActorCell cell, int throughput) : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    // True on a pool thread while it drains a mailbox: only then is the local queue a good place for follow-up work.
    // Queuing locally from any other thread (a test thread blocked in a wait, say) would strand the item until the pool
    // notices starvation, half a second later.
    [ThreadStatic] private static bool t_draining;

    private readonly ConcurrentQueue<Letter> _user = new();
    private ConcurrentQueue<SystemMessage>? _system;
    private int _status;

    public void EnqueueUser(object message, IActorRef? sender)
    {
        _user.Enqueue(new Letter(message, sender));
        Schedule();
    }

    public void EnqueueSystem(SystemMessage message)
    {
        var system = _system ?? InitSystemQueue();
        system.Enqueue(message);
        Schedule();
    }

    public bool TryDequeueSystem(out SystemMessage message)
    {
        var system = _system;
        if (system is not null && system.TryDequeue(out message!)) return true;
        message = null!;
        return false;
    }

    public bool TryDequeueUser(out Letter letter) => _user.TryDequeue(out letter);

    public bool HasUserMessages => !_user.IsEmpty;

    public bool HasSystemMessages => _system is { IsEmpty: false };

    public void Schedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: t_draining);
        }
    }

    /// <summary>A dead actor keeps its mailbox: later user mail goes to dead letters, Watch requests still get answered.</summary>
    public void OnTerminated() { }

    public void Execute()
    {
        t_draining = true;
        try
        {
            cell.RunMailbox(this, throughput);
        }
        finally
        {
            t_draining = false;
        }
        // Full fence: a producer that saw "scheduled" and did not queue us must find its message in the check below.
        Interlocked.Exchange(ref _status, Idle);
        if (cell.IsCreating) return;
        if (HasSystemMessages || (HasUserMessages || cell.HasPendingLetters) && cell.CanMakeProgressOnUserMail) Schedule();
    }

    private ConcurrentQueue<SystemMessage> InitSystemQueue()
    {
        Interlocked.CompareExchange(ref _system, new ConcurrentQueue<SystemMessage>(), null);
        return _system!;
    }
}
