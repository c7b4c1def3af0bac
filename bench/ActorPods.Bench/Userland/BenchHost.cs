using ActorPods.Userland.Hosting;

namespace ActorPods.Bench.Userland;

/// <summary>The smallest virtual-time host: timers in a (time, sequence) priority queue, fired on demand.</summary>
internal sealed class BenchHost : IUserlandHost
{
    private readonly PriorityQueue<Entry, (DateTimeOffset, long)> _queue = new();
    private long _seq;

    public DateTimeOffset Now { get; private set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class Entry(Action callback) : IHostTimer
    {
        public readonly Action Callback = callback;
        public bool Cancelled;
        public void Cancel() => Cancelled = true;
    }

    public IHostTimer Schedule(TimeSpan delay, Action callback)
    {
        var e = new Entry(callback);
        _queue.Enqueue(e, (Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), _seq++));
        return e;
    }

    /// <summary>Fires timers due up to <paramref name="until"/> (at most <paramref name="maxSteps"/>).</summary>
    public void RunUntil(DateTimeOffset until, int maxSteps = int.MaxValue)
    {
        for (var i = 0; i < maxSteps && _queue.TryPeek(out var e, out var key) && key.Item1 <= until; i++)
        {
            _queue.Dequeue();
            if (e.Cancelled) continue;
            Now = key.Item1;
            e.Callback();
        }
        if (until > Now) Now = until;
    }
}
