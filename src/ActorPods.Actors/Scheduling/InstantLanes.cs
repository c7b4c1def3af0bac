using System.Runtime.ExceptionServices;
using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// Runs a run of isolated deliveries of one instant (<see cref="Actor.RunsIsolated"/>: thousands of probers ticking
/// together) on several threads. Deliveries are grouped by their target's host; each group runs on one thread in
/// delivery order, and threads take whole groups as they become free. Whatever a turn asks of the kernel (tells,
/// timers, transport, events, a periodic timer's re-arm) is recorded in its thread's <see cref="LaneBuffer"/> and
/// carried out by the loop afterwards in delivery order (<see cref="VirtualTimeScheduler"/>'s Lanes part), which is the
/// order the one-thread loop would have carried it out in: every delivery of the instant runs before anything it causes,
/// and isolated turns of different hosts share nothing else. So the outcome does not depend on the number of threads.
/// </summary>
internal sealed class InstantLanes : IDisposable
{
    [ThreadStatic] private static LaneBuffer? t_buffer;

    private readonly LaneBuffer[] _buffers;
    // The rest of a wave: turns run in delivery order on the loop's thread, beside apart actors' (RunWave).
    private readonly LaneBuffer _rest = new(isolated: false);
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private volatile bool _stopping;
    private bool _started;
    private ExceptionDispatchInfo? _failure;

    // The run being spread: its bucket, its first sequence number, the deliveries' order grouped by host.
    private EventHeap.Bucket? _bucket;
    // Or the wave being spread (RunWave): its deliveries, taken out of the ring or the instant's bucket; group 0 is
    // the rest of the wave.
    private ScheduledItem[] _wave = new ScheduledItem[256];
    private bool _waveFromBucket;
    private ActorCell[] _apartCells = new ActorCell[4];
    // The apart groups in the order lanes take them: largest first, so the longest does not start last.
    private int[] _takeOrder = new int[8];
    private int[] _keys = new int[256];
    private int[] _order = new int[256];
    private int[] _positionOf = new int[256];
    private int[] _groupStart = new int[64];
    private int[] _counts = new int[64];
    private int _groupCount;
    private int _nextGroup;
    private ItemSpan[] _spans = new ItemSpan[256];
    // The interval each delivery's periodic timer re-arms with, by position (0: none); apart from the other deferred
    // calls because nearly every delivery has one and nothing else. The next firing is the delivered item moved on by
    // it, which the loop reads in order from the bucket or the wave.
    private long[] _rearmIntervals = new long[256];

    /// <summary>Where one delivery's deferred calls are: a lane's buffer, from Start, Count of them.</summary>
    internal readonly record struct ItemSpan(int Lane, int Start, int Count);

    public InstantLanes(int lanes)
    {
        if (lanes < 2) throw new ArgumentOutOfRangeException(nameof(lanes), "Two lanes at least; one is the loop itself.");
        _buffers = new LaneBuffer[lanes];
        for (var i = 0; i < lanes; i++) _buffers[i] = new LaneBuffer();
        _workers = new Thread[lanes - 1];
        _start = new SemaphoreSlim[lanes - 1];
        _done = new CountdownEvent(lanes - 1);
        for (var w = 0; w < _start.Length; w++) _start[w] = new SemaphoreSlim(0);
    }

    // The threads start with the first run: most systems (small scenarios, tests) never have an instant that large.
    private void StartWorkers()
    {
        for (var w = 0; w < _workers.Length; w++)
        {
            var lane = w + 1;
            _workers[w] = new Thread(() => WorkerLoop(lane)) { IsBackground = true, Name = $"actorpods-lane-{lane}" };
            _workers[w].Start();
        }
        _started = true;
    }

    /// <summary>The calling thread's buffer while it runs a lane, else null.</summary>
    public static LaneBuffer? Current => t_buffer;

    public int Count => _buffers.Length;

    /// <summary>A lane's buffer; <see cref="Count"/> names the rest of a wave's.</summary>
    public LaneBuffer Buffer(int lane) => lane < _buffers.Length ? _buffers[lane] : _rest;

    /// <summary>The deferred calls, other than a re-arm, of the delivery at <paramref name="position"/> of the last run.</summary>
    public ItemSpan SpanAt(int position) => _spans[position];

    /// <summary>Where the last run put each delivery, by offset: its deferred calls are kept by position.</summary>
    public int[] Positions => _positionOf;

    /// <summary>By position, the interval each periodic timer the last run or wave delivered re-arms with (0: none: a
    /// cancelled or single timer, or not a timer).</summary>
    public long[] RearmIntervals => _rearmIntervals;

    /// <summary>The interval every delivery of the last instant's run of <paramref name="n"/> re-armed with, if all did
    /// with the same one; else 0. Read from the intervals themselves (a few KiB), not from what each lane saw, so the
    /// answer does not depend on how the hosts were spread.</summary>
    public long UniformRearmInterval(int n)
    {
        var intervals = _rearmIntervals.AsSpan(0, n);
        if (n == 0 || intervals[0] <= 0) return 0;
        var interval = intervals[0];
        return intervals.IndexOfAnyExcept(interval) < 0 ? interval : 0;
    }

    /// <summary>Whether any delivery of the last run asked the kernel for more than its re-arm.</summary>
    public bool AnyEffects
    {
        get
        {
            foreach (var buffer in _buffers)
                if (buffer.Count > 0) return true;
            return _rest.Count > 0;
        }
    }

    /// <summary>
    /// Runs the first <paramref name="n"/> deliveries of <paramref name="bucket"/> (all isolated timers) on every lane.
    /// Returns when all have run; their re-arm intervals (<see cref="RearmIntervals"/>) and deferred calls
    /// (<see cref="SpanAt"/>) wait by position.
    /// </summary>
    public void Run(EventHeap.Bucket bucket, int n)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (!_started) StartWorkers();
        Group(bucket, n);
        _bucket = bucket;
        RunEverywhere(firstGroup: 0, restFirst: false);
    }

    /// <summary>Starts every worker on the groups from <paramref name="firstGroup"/> on, runs this thread's share (the
    /// rest of a wave first if <paramref name="restFirst"/>), waits for the workers and rethrows a kernel failure.</summary>
    private void RunEverywhere(int firstGroup, bool restFirst)
    {
        _nextGroup = firstGroup;
        foreach (var buffer in _buffers) buffer.Clear();
        _rest.Clear();
        _done.Reset(_workers.Length);
        foreach (var start in _start) start.Release();
        try
        {
            if (restFirst) RunRest();
            RunLane(0);
        }
        finally
        {
            _done.Wait();
            _bucket = null;
        }
        if (Interlocked.Exchange(ref _failure, null) is { } failure) failure.Throw();
    }

    /// <summary>Orders the deliveries by host (a counting sort on their lane keys, stable), one group per host.</summary>
    private void Group(EventHeap.Bucket bucket, int n)
    {
        EnsureCapacity(n);
        var maxKey = 0;
        for (var i = 0; i < n; i++)
        {
            var key = bucket.At(i).Lane;
            _keys[i] = key;
            if (key > maxKey) maxKey = key;
        }
        if (_counts.Length <= maxKey) _counts = new int[Math.Max(maxKey + 1, _counts.Length * 2)];
        var counts = _counts;
        Array.Clear(counts, 0, maxKey + 1);
        for (var i = 0; i < n; i++) counts[_keys[i]]++;
        var groups = 0;
        var next = 0;
        for (var key = 1; key <= maxKey; key++)
        {
            var count = counts[key];
            if (count == 0) continue;
            if (groups + 1 >= _groupStart.Length) Array.Resize(ref _groupStart, _groupStart.Length * 2);
            _groupStart[groups++] = next;
            counts[key] = next; // from here on, where the key's next delivery goes
            next += count;
        }
        _groupStart[groups] = next;
        _groupCount = groups;
        for (var i = 0; i < n; i++)
        {
            var position = counts[_keys[i]]++;
            _order[position] = i;
            _positionOf[i] = position;
        }
    }

    private void RunLane(int lane)
    {
        if (_bucket is null)
        {
            RunWaveGroups(lane);
            return;
        }
        var buffer = _buffers[lane];
        t_buffer = buffer;
        try
        {
            var bucket = _bucket!;
            var order = _order;
            while (true)
            {
                var group = Interlocked.Increment(ref _nextGroup) - 1;
                if (group >= _groupCount) return;
                var end = _groupStart[group + 1];
                for (var k = _groupStart[group]; k < end; k++)
                {
                    bucket.PrefetchAhead(new HostPath(order, k, end));
                    var offset = order[k];
                    var first = buffer.Count;
                    Deliver(bucket.At(offset), buffer, ref _rearmIntervals[k]);
                    // By position, not offset: a lane writes its groups' stretch of the array, not lines the other
                    // lanes write too (a host's deliveries are scattered over the instant).
                    _spans[k] = new ItemSpan(lane, first, buffer.Count - first);
                }
            }
        }
        finally
        {
            t_buffer = null;
        }
    }

    /// <summary>
    /// Runs a wave — <paramref name="n"/> deliveries the loop took, in order, into <see cref="Wave"/> — with each apart
    /// actor's deliveries (<see cref="Actor.RunsApart"/>) as a group of its own that any lane may take, and the rest of
    /// the wave in delivery order on the calling thread first (it then takes groups too). Their deferred calls wait in
    /// the buffers, by position (<see cref="SpanAt"/>, <see cref="Positions"/>) as for <see cref="Run"/>. Deliveries
    /// <paramref name="fromBucket"/> are an instant's due events, handled as the loop's DispatchDue does: a cancelled
    /// timer is dropped, a periodic one re-arms (<see cref="RearmIntervals"/>); from the ring they are delivered as they
    /// are.
    /// </summary>
    public void RunWave(int n, bool fromBucket)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (!_started) StartWorkers();
        GroupWave(n);
        _bucket = null;
        _waveFromBucket = fromBucket;
        // Group 0 is the rest: the calling thread's own.
        RunEverywhere(firstGroup: 1, restFirst: true);
    }

    /// <summary>Where <see cref="RunWave"/> finds its deliveries: at least <paramref name="n"/> slots.</summary>
    public ScheduledItem[] Wave(int n)
    {
        if (_wave.Length < n) _wave = new ScheduledItem[Math.Max(n, _wave.Length * 2)];
        return _wave;
    }

    /// <summary>Deliveries counted by the last run, on every lane and the rest of a wave.</summary>
    public long Processed
    {
        get
        {
            var processed = _rest.Processed;
            foreach (var buffer in _buffers) processed += buffer.Processed;
            return processed;
        }
    }

    /// <summary>Empties the wave's slots once it has been replayed (for the GC).</summary>
    public void ClearWave(int n) => Array.Clear(_wave, 0, n);

    /// <summary>Orders a wave's deliveries into groups: the rest first (key 0), then one per apart actor, each in
    /// delivery order (a stable counting sort, as <see cref="Group"/>); lanes take the apart groups largest first.</summary>
    private void GroupWave(int n)
    {
        EnsureCapacity(n);
        var wave = _wave;
        var apartCount = 0;
        for (var i = 0; i < n; i++)
        {
            var key = 0;
            if (wave[i].Target is ActorCell { RunsApart: true } cell)
            {
                // A wave has a handful of apart actors at most: a linear search beats hashing.
                while (key < apartCount && !ReferenceEquals(_apartCells[key], cell)) key++;
                if (key == apartCount)
                {
                    if (apartCount == _apartCells.Length) Array.Resize(ref _apartCells, apartCount * 2);
                    _apartCells[apartCount++] = cell;
                }
                key++;
            }
            _keys[i] = key;
        }
        Array.Clear(_apartCells, 0, apartCount);
        if (_counts.Length <= apartCount) _counts = new int[Math.Max(apartCount + 1, _counts.Length * 2)];
        var counts = _counts;
        Array.Clear(counts, 0, apartCount + 1);
        for (var i = 0; i < n; i++) counts[_keys[i]]++;
        if (_groupStart.Length < apartCount + 2) Array.Resize(ref _groupStart, Math.Max(apartCount + 2, _groupStart.Length * 2));
        var next = 0;
        for (var key = 0; key <= apartCount; key++)
        {
            _groupStart[key] = next;
            var count = counts[key];
            counts[key] = next;
            next += count;
        }
        _groupStart[apartCount + 1] = next;
        _groupCount = apartCount + 1;
        if (_takeOrder.Length < _groupCount) _takeOrder = new int[Math.Max(_groupCount, _takeOrder.Length * 2)];
        for (var g = 1; g <= apartCount; g++)
        {
            // Insertion sort by size, descending (a handful of groups); ties keep their first-appearance order.
            var size = _groupStart[g + 1] - _groupStart[g];
            var at = g;
            while (at > 1 && _groupStart[_takeOrder[at - 1] + 1] - _groupStart[_takeOrder[at - 1]] < size)
            {
                _takeOrder[at] = _takeOrder[at - 1];
                at--;
            }
            _takeOrder[at] = g;
        }
        for (var i = 0; i < n; i++)
        {
            var position = counts[_keys[i]]++;
            _order[position] = i;
            _positionOf[i] = position;
        }
    }

    private void EnsureCapacity(int n)
    {
        if (_keys.Length >= n) return;
        var size = Math.Max(n, _keys.Length * 2);
        _keys = new int[size];
        _order = new int[size];
        _positionOf = new int[size];
        _spans = new ItemSpan[size];
        _rearmIntervals = new long[size];
    }

    /// <summary>The rest of the wave (group 0), in delivery order, on the calling thread.</summary>
    private void RunRest()
    {
        t_buffer = _rest;
        try
        {
            RunWaveGroup(0, _buffers.Length, _rest);
        }
        finally
        {
            t_buffer = null;
        }
    }

    /// <summary>Apart groups, as long as any is left, in <see cref="_takeOrder"/>.</summary>
    private void RunWaveGroups(int lane)
    {
        var buffer = _buffers[lane];
        t_buffer = buffer;
        try
        {
            while (true)
            {
                var taken = Interlocked.Increment(ref _nextGroup) - 1;
                if (taken >= _groupCount) return;
                RunWaveGroup(_takeOrder[taken], lane, buffer);
            }
        }
        finally
        {
            t_buffer = null;
        }
    }

    private void RunWaveGroup(int group, int lane, LaneBuffer buffer)
    {
        var wave = _wave;
        var order = _order;
        var end = _groupStart[group + 1];
        for (var k = _groupStart[group]; k < end; k++)
        {
            var offset = order[k];
            var first = buffer.Count;
            DeliverWaveItem(in wave[offset], buffer, ref _rearmIntervals[k]);
            _spans[k] = new ItemSpan(lane, first, buffer.Count - first);
        }
    }

    /// <summary>One delivery of a wave: the ring's delivery as it is, or the loop's DispatchDue for an instant's.</summary>
    private void DeliverWaveItem(in ScheduledItem item, LaneBuffer buffer, ref long rearmInterval)
    {
        rearmInterval = 0;
        // A spent callback of the instant: counted, nothing to run.
        if (item.Target is not ActorCell cell)
        {
            buffer.Processed++;
            return;
        }
        if (_waveFromBucket && item.Message is TimerMessage timer)
        {
            if (timer.IsCancelled) return;
            rearmInterval = timer.IntervalTicks;
        }
        buffer.Processed++;
        cell.ReceiveFromDispatcher(item.Message!, item.Sender);
    }

    /// <summary>VirtualTimeScheduler.DispatchDue for an isolated timer, with its re-arm deferred: the interval it re-arms
    /// with into <paramref name="rearmInterval"/> (0: none).</summary>
    private static void Deliver(in ScheduledItem item, LaneBuffer buffer, ref long rearmInterval)
    {
        var cell = (ActorCell)item.Target;
        var timer = (TimerMessage)item.Message!;
        if (timer.IsCancelled)
        {
            rearmInterval = 0;
            return;
        }
        rearmInterval = timer.IntervalTicks;
        buffer.Processed++;
        cell.ReceiveFromDispatcher(timer, null);
    }

    private void WorkerLoop(int lane)
    {
        var start = _start[lane - 1];
        while (true)
        {
            start.Wait();
            if (_stopping) return;
            try
            {
                RunLane(lane);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                _done.Signal();
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var start in _start) start.Release();
    }

    /// <summary>One host's deliveries, in order: the one <c>ahead</c> events on, within the group.</summary>
    private readonly struct HostPath(int[] order, int position, int end) : EventHeap.Bucket.IAheadPath
    {
        public bool TryOffset(int ahead, out int offset)
        {
            var k = position + ahead;
            if (k < end)
            {
                offset = order[k];
                return true;
            }
            offset = 0;
            return false;
        }
    }
}

