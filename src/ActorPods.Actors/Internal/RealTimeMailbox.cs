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
    // System messages are rare (a stop, a watch): a lock-free LIFO of small nodes that the consumer takes whole and
    // reverses, instead of a ConcurrentQueue whose first segment alone costs ~600 bytes per actor that ever gets one
    // (stopping a million actors allocated 600 MB).
    private SystemNode? _systemIn;   // pushed by any thread, newest first
    private SystemNode? _systemOut;  // consumer only, oldest first
    private int _status;

    private sealed class SystemNode(SystemMessage message, SystemNode? next)
    {
        public readonly SystemMessage Message = message;
        public SystemNode? Next = next;
    }

    public void EnqueueUser(object message, IActorRef? sender)
    {
        _user.Enqueue(new Letter(message, sender));
        Schedule();
    }

    public void EnqueueSystem(SystemMessage message)
    {
        var node = new SystemNode(message, Volatile.Read(ref _systemIn));
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _systemIn, node, node.Next);
            if (ReferenceEquals(seen, node.Next)) break;
            node.Next = seen;
        }
        Schedule();
    }

    public bool TryDequeueSystem(out SystemMessage message)
    {
        var node = _systemOut;
        if (node is null)
        {
            // Take everything pushed so far and reverse it into arrival order.
            var taken = Volatile.Read(ref _systemIn) is null ? null : Interlocked.Exchange(ref _systemIn, null);
            while (taken is not null)
            {
                var next = taken.Next;
                taken.Next = node;
                node = taken;
                taken = next;
            }
            if (node is null)
            {
                message = null!;
                return false;
            }
        }
        _systemOut = node.Next;
        message = node.Message;
        return true;
    }

    public bool TryDequeueUser(out Letter letter) => _user.TryDequeue(out letter);

    public bool HasUserMessages => !_user.IsEmpty;

    // Consumer side only (end of Execute), where reading the private list is safe.
    public bool HasSystemMessages => _systemOut is not null || Volatile.Read(ref _systemIn) is not null;

    public void Schedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: t_draining);
        }
    }

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
}
