namespace ActorPods.Userland.Tests;

/// <summary>
/// Deterministic virtual time for tests: timers in a priority queue ordered by (time, sequence),
/// fired one at a time. Nothing ever waits for real.
/// </summary>
public sealed class VirtualTimeHost : IUserlandHost
{
    public static readonly DateTimeOffset Epoch = new(2024, 3, 31, 10, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<Entry, (DateTimeOffset, long)> _queue = new();
    private long _seq;

    public DateTimeOffset Now { get; private set; } = Epoch;

    public TimeSpan Elapsed => Now - Epoch;

    public int Pending => _queue.Count;

    public long Fired { get; private set; }

    private sealed class Entry(Action callback) : IHostTimer
    {
        public readonly Action Callback = callback;
        public bool Cancelled;
        public void Cancel() => Cancelled = true;
    }

    public IHostTimer Schedule(TimeSpan delay, Action callback)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        var e = new Entry(callback);
        _queue.Enqueue(e, (Now + delay, _seq++));
        return e;
    }

    /// <summary>Fires every timer due at or before <paramref name="until"/>, then sets the clock there.</summary>
    public void RunUntil(DateTimeOffset until)
    {
        while (_queue.TryPeek(out var e, out var key) && key.Item1 <= until)
        {
            _queue.Dequeue();
            if (e.Cancelled) continue;
            Now = key.Item1;
            Fired++;
            e.Callback();
        }
        if (until > Now) Now = until;
    }

    public void Advance(TimeSpan by) => RunUntil(Now + by);

    public void RunFor(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Fires at most <paramref name="count"/> timers (for busy loops that never let
    /// virtual time advance).</summary>
    public int RunSteps(int count)
    {
        var fired = 0;
        while (fired < count && _queue.TryDequeue(out var e, out var key))
        {
            if (e.Cancelled) continue;
            Now = key.Item1;
            Fired++;
            fired++;
            e.Callback();
        }
        return fired;
    }

    /// <summary>Runs until no timer is left or <paramref name="limit"/> of virtual time passed.</summary>
    public void RunUntilIdle(TimeSpan? limit = null, int maxEvents = 5_000_000)
    {
        var end = Now + (limit ?? TimeSpan.FromDays(1));
        var events = 0;
        while (_queue.TryPeek(out var e, out var key) && key.Item1 <= end)
        {
            if (++events > maxEvents) throw new InvalidOperationException($"no progress: {maxEvents} events without going idle (busy loop?) at {Now - Epoch}");
            _queue.Dequeue();
            if (e.Cancelled) continue;
            Now = key.Item1;
            Fired++;
            e.Callback();
        }
    }
}

/// <summary>Collects container log lines.</summary>
public sealed class RecordingLog : ILogSink
{
    public List<(DateTimeOffset Time, LogStream Stream, string Line)> Lines { get; } = new();

    public void Line(DateTimeOffset time, LogStream stream, string line) => Lines.Add((time, stream, line));

    public string Text => string.Concat(Lines.Select(l => l.Line + "\n"));
}
