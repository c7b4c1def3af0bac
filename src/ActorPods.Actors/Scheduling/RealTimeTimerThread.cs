using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// One background thread that fires due items from the same (time, seq) heap the virtual scheduler uses, with due times
/// in system time. Firing only posts to mailboxes (or runs a tiny callback), so the thread never runs actor code.
/// </summary>
internal sealed class RealTimeTimerThread : IDisposable
{
    private readonly RealTimeScheduler _scheduler;
    private readonly EventHeap _heap = new();
    private readonly object _gate = new();
    private readonly Thread _thread;
    private long _seq;
    private bool _disposed;

    public RealTimeTimerThread(RealTimeScheduler scheduler)
    {
        _scheduler = scheduler;
        _thread = new Thread(Loop) { IsBackground = true, Name = "actorpods-timers" };
        _thread.Start();
    }

    public void Add(long due, object target, object? message, IActorRef? sender)
    {
        lock (_gate)
        {
            _heap.Push(new ScheduledItem { Due = due, Seq = ++_seq, Target = target, Message = message, Sender = sender });
            // Wake the thread only if the new item is now the earliest.
            if (_heap.PeekDue == due) Monitor.Pulse(_gate);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        var due = new List<ScheduledItem>();
        while (true)
        {
            lock (_gate)
            {
                while (true)
                {
                    if (_disposed) return;
                    if (_heap.Count == 0)
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }
                    var now = _scheduler.ElapsedTicks;
                    var next = _heap.PeekDue;
                    if (next <= now) break;
                    var wait = _scheduler.ToRealTime(new TimeSpan(next - now));
                    Monitor.Wait(_gate, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
                }
                var limit = _scheduler.ElapsedTicks;
                while (_heap.Count > 0 && _heap.PeekDue <= limit)
                {
                    var item = _heap.Pop();
                    if (item.Message is TimerMessage { IsPeriodic: true, IsCancelled: false } timer)
                    {
                        // Fixed rate from the due time, not from when we got around to it: no drift.
                        _heap.Push(item.NextFiring(timer, ++_seq));
                    }
                    due.Add(item);
                }
            }
            foreach (var item in due) Fire(item);
            due.Clear();
        }
    }

    private static void Fire(in ScheduledItem item)
    {
        try
        {
            switch (item.Target)
            {
                case ActorCell cell when item.Message is TimerMessage { IsCancelled: true }:
                    break;
                // A callback carries no message (a promise ref is both a ref and a callback).
                case IScheduledCallback callback when item.Message is null:
                    callback.Run();
                    break;
                case ActorRefBase target:
                    target.Deliver(item.Message!, item.Sender);
                    break;
            }
        }
        catch (Exception)
        {
            // A failing callback must not kill the timer thread; callbacks report their own errors.
        }
    }
}
