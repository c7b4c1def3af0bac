using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// One future event. <see cref="Target"/> is an ActorCell (message or timer), another ref (delayed tell),
/// or an <see cref="IScheduledCallback"/>.
/// </summary>
internal struct ScheduledItem
{
    public long Due;
    public long Seq;
    public object Target;
    public object? Message;
    public IActorRef? Sender;
    /// <summary>1 + the target's host number for an isolated timer's delivery (<see cref="Timers.TimerMessage.LaneKey"/>), else 0.</summary>
    public int Lane;

    /// <summary>This periodic timer firing's next one, fixed rate (computed from this due time, so there is no drift).</summary>
    public readonly ScheduledItem NextFiring(Timers.TimerMessage timer, long seq) => NextFiring(timer.IntervalTicks, seq);

    /// <summary><see cref="NextFiring(Timers.TimerMessage, long)"/> of a timer whose interval is already known (this
    /// item's message is the timer).</summary>
    public readonly ScheduledItem NextFiring(long intervalTicks, long seq) =>
        new() { Due = Due + intervalTicks, Seq = seq, Target = Target, Message = Message, Lane = Lane };
}

/// <summary>
/// Future events ordered by (due time, sequence number). Events sharing a due time share a FIFO bucket (sequence numbers
/// only grow, so a bucket is already in order); a 4-ary min-heap of the distinct due times orders the buckets.
/// Timers started together with the same period keep landing in the same bucket, so a firing is O(1) instead of a
/// log-depth sift through a large heap; distinct due times cost a sift over 8-byte keys only.
/// The dictionary is only looked up, never enumerated, so its order cannot leak into behaviour.
/// </summary>
internal sealed class EventHeap
{
    private readonly Dictionary<long, Bucket> _buckets = new();
    private readonly Stack<Bucket> _spare = new();
    private readonly ItemArrayPool _arrays = new();
    private long[] _dues = new long[64];
    // The bucket of each due time, moved with it: the earliest instant's bucket is read without a dictionary lookup
    // (one per instant; in the steady state most instants are single resyncs, leases or status ticks).
    private Bucket?[] _dueBuckets = new Bucket?[64];
    private int _dueCount;
    private int _count;

    public int Count => _count;

    public long PeekDue => _dues[0];

    public ref readonly ScheduledItem Peek => ref MinBucket.Front;

    public void Push(in ScheduledItem item)
    {
        // Periodic timers re-armed in one instant all go to one later instant: remember the buckets last pushed to.
        // Two of them, as a parallel instant's replay alternates each re-arm with what that turn scheduled elsewhere.
        var bucket = _lastPushed;
        if (bucket is not null && _lastPushedDue == item.Due)
        {
            bucket.Enqueue(item);
            _count++;
            return;
        }
        bucket = _otherPushed;
        if (bucket is null || _otherPushedDue != item.Due)
        {
            if (!_buckets.TryGetValue(item.Due, out bucket))
            {
                bucket = _spare.Count > 0 ? _spare.Pop() : new Bucket(_arrays);
                _buckets.Add(item.Due, bucket);
                PushDue(item.Due, bucket);
            }
        }
        bucket.Enqueue(item);
        _count++;
        (_otherPushed, _otherPushedDue) = (_lastPushed, _lastPushedDue);
        (_lastPushed, _lastPushedDue) = (bucket, item.Due);
    }

    // The buckets of the last two pushes to different instants, while those buckets are in the heap (forgotten when
    // they leave).
    private Bucket? _lastPushed;
    private long _lastPushedDue;
    private Bucket? _otherPushed;
    private long _otherPushedDue;

    /// <summary>
    /// The re-arms of the first <paramref name="n"/> events of <paramref name="instant"/> (taken with
    /// <see cref="TakeMin"/>), just delivered, when every one of them is a periodic timer re-armed with the same
    /// <paramref name="intervalTicks"/> and nothing else was scheduled meanwhile: instead of pushing each next firing,
    /// the items move to the instant they go to as they are (each one's due time moved on by the interval and given
    /// sequence number <paramref name="baseSeq"/> + its offset), behind whatever that instant already holds, in the
    /// order pushing them one by one would give. The instant's array becomes that bucket's (the events already there
    /// are copied into its free room ahead of them), and the few events of the instant behind the run (at most
    /// <see cref="CarryLeavesAtMost"/>) are copied out and stay. False, changing nothing, when too many would stay
    /// behind or the array has no room for the events already there.
    /// </summary>
    public bool TryCarry(Bucket instant, int n, long intervalTicks, long baseSeq)
    {
        if (instant.Count - n > CarryLeavesAtMost) return false;
        var due = instant.Front.Due + intervalTicks;
        var existing = _buckets.TryGetValue(due, out var bucket);
        if (existing && !instant.HasRoomAhead(n, bucket!.Count)) return false;
        if (!existing)
        {
            bucket = _spare.Count > 0 ? _spare.Pop() : new Bucket(_arrays);
            _buckets.Add(due, bucket);
            PushDue(due, bucket);
        }
        bucket!.TakeRearmed(instant, n, intervalTicks, baseSeq, _behindCarried);
        _count += n;
        (_otherPushed, _otherPushedDue) = (_lastPushed, _lastPushedDue);
        (_lastPushed, _lastPushedDue) = (bucket, due);
        return true;
    }

    /// <summary>How many events of an instant may stay behind the run <see cref="TryCarry"/> moves (they are copied).</summary>
    public const int CarryLeavesAtMost = 64;

    // Where those events wait while the arrays change hands.
    private readonly ScheduledItem[] _behindCarried = new ScheduledItem[CarryLeavesAtMost];

    private void Forget(Bucket bucket)
    {
        if (ReferenceEquals(bucket, _lastPushed)) _lastPushed = null;
        if (ReferenceEquals(bucket, _otherPushed)) _otherPushed = null;
    }

    public ScheduledItem Pop()
    {
        var bucket = MinBucket;
        var item = bucket.Dequeue();
        _count--;
        if (bucket.Count == 0)
        {
            Forget(bucket);
            _buckets.Remove(item.Due);
            Recycle(bucket);
            PopDue();
        }
        return item;
    }

    /// <summary>Pop followed by Push: how a periodic timer reschedules itself.</summary>
    public ScheduledItem ReplaceTop(in ScheduledItem item)
    {
        var top = Pop();
        Push(item);
        return top;
    }

    /// <summary>
    /// True if every event of the earliest instant goes to an actor cell, but for callbacks already spent (asks answered
    /// long ago, whose timeouts fall in the same instant as thousands of probe ticks): those do nothing when run.
    /// </summary>
    public bool MinIsCellsOnly => MinBucket.ForeignAreSpent();

    /// <summary>
    /// Removes the whole earliest instant at once and hands its FIFO to the caller, who drains it and gives it back with
    /// <see cref="Recycle"/>. Events pushed meanwhile, even for the same instant, go to a new bucket behind it.
    /// </summary>
    public Bucket TakeMin()
    {
        var bucket = MinBucket;
        Forget(bucket);
        _buckets.Remove(_dues[0]);
        PopDue();
        _count -= bucket.Count;
        return bucket;
    }

    public void Recycle(Bucket bucket)
    {
        bucket.ClearForeign();
        bucket.ReleaseLargeArray();
        _spare.Push(bucket);
    }

    private Bucket MinBucket => _dueBuckets[0]!;

    private void PushDue(long due, Bucket bucket)
    {
        if (_dueCount == _dues.Length)
        {
            Array.Resize(ref _dues, _dues.Length * 2);
            Array.Resize(ref _dueBuckets, _dues.Length);
        }
        var dues = _dues;
        var buckets = _dueBuckets;
        var i = _dueCount++;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (dues[parent] <= due) break;
            dues[i] = dues[parent];
            buckets[i] = buckets[parent];
            i = parent;
        }
        dues[i] = due;
        buckets[i] = bucket;
    }

    private void PopDue()
    {
        var dues = _dues;
        var buckets = _dueBuckets;
        var count = --_dueCount;
        if (count == 0)
        {
            buckets[0] = null;
            return;
        }
        var moving = dues[count];
        var movingBucket = buckets[count];
        buckets[count] = null;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= count) break;
            var best = first;
            var end = Math.Min(first + 4, count);
            for (var c = first + 1; c < end; c++)
            {
                if (dues[c] < dues[best]) best = c;
            }
            if (dues[best] >= moving) break;
            dues[i] = dues[best];
            buckets[i] = buckets[best];
            i = best;
        }
        dues[i] = moving;
        buckets[i] = movingBucket;
    }

    /// <summary>FIFO ring of the events due at one instant.</summary>
    internal sealed class Bucket(ItemArrayPool arrays)
    {
        private ScheduledItem[] _items = new ScheduledItem[ItemArrayPool.InitialLength];
        private int _head;
        private int _count;

        public int Count => _count;

        // Events that are callbacks or go to a non-cell ref run at fire time, so an instant holding any cannot be
        // dispatched straight from the bucket (see VirtualTimeScheduler.Run) unless each is a spent callback.
        private bool _otherForeign;           // a foreign event that is not a callback
        private List<IScheduledCallback>? _callbacks;

        public ref ScheduledItem Front => ref _items[_head];

        /// <summary>Whether every event not for an actor cell (if any) is a spent callback (<see cref="IScheduledCallback.IsSpent"/>).
        /// Spent stays spent, so the answer holds until the instant is drained.</summary>
        public bool ForeignAreSpent()
        {
            if (_otherForeign) return false;
            if (_callbacks is not null)
                foreach (var callback in _callbacks)
                    if (!callback.IsSpent) return false;
            return true;
        }

        /// <summary>
        /// Asks the cache for what the events ahead will touch, one hop per stage, each stage two events after the one
        /// that fetched what it reads: the first lines of the envelope and the actor cell <see cref="FarAhead"/> events
        /// ahead, the rest of both (an object's size is read from its type, on that first line) <see cref="CellAhead"/>
        /// ahead, the actor's first line <see cref="MidAhead"/> ahead and the rest of it (a prober spans six lines)
        /// <see cref="ActorAhead"/> ahead, then from <see cref="NearAhead"/> ahead its handlers and what the actor itself
        /// foresees (<see cref="Actor.OnTurnAhead"/>). The probers of thousands of pods fire at one instant, and each turn
        /// would otherwise wait for these lines one after another. A whole-object hint asked for before the object's
        /// first line is in the cache waits for that line (it reads the type): that wait was 10% of a probe run.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void PrefetchAhead() => PrefetchAhead(new Consecutive(_count));

        /// <summary><see cref="PrefetchAhead()"/> along another path through the bucket: <paramref name="path"/> says which
        /// item (its offset from the front) is so many events ahead (InstantLanes walks one host's items).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void PrefetchAhead<TPath>(TPath path) where TPath : struct, IAheadPath
        {
            var mask = _items.Length - 1;
            if (path.TryOffset(FarAhead, out var offset))
            {
                ref readonly var far = ref _items[(_head + offset) & mask];
                Prefetch.Object(far.Message);
                Prefetch.Object(far.Target);
            }
            if (path.TryOffset(CellAhead, out offset))
            {
                // A timer envelope's flags (cancelled, periodic) may lie past its first line.
                ref readonly var cell = ref _items[(_head + offset) & mask];
                Prefetch.Whole(cell.Message);
                Prefetch.Whole(cell.Target);
            }
            if (path.TryOffset(MidAhead, out offset) && _items[(_head + offset) & mask].Target is ActorCell { Instance: { } coming }) Prefetch.Object(coming);
            if (path.TryOffset(ActorAhead, out offset) && _items[(_head + offset) & mask].Target is ActorCell { Instance: { } actor }) Prefetch.Whole(actor);
            // The actor's own hops, two events apart, from NearAhead events ahead to 1.
            for (var hop = 0; hop < Actor.TurnAheadHops; hop++)
            {
                if (!path.TryOffset(NearAhead - 2 * hop, out offset)) continue;
                if (_items[(_head + offset) & mask].Target is ActorCell { Instance: { } near }) near.TurnAhead(hop);
            }
        }

        /// <summary>Which item is so many events ahead of the one about to be delivered, if any.</summary>
        internal interface IAheadPath
        {
            bool TryOffset(int ahead, out int offset);
        }

        /// <summary>The bucket's own order: the item <c>ahead</c> events on is at that offset.</summary>
        private readonly struct Consecutive(int count) : IAheadPath
        {
            public bool TryOffset(int ahead, out int offset)
            {
                offset = ahead;
                return ahead < count;
            }
        }

        /// <summary>The item at <paramref name="offset"/> from the front (still queued: InstantLanes reads a run of
        /// them in place, then <see cref="Skip"/>s it).</summary>
        public ref readonly ScheduledItem At(int offset) => ref _items[(_head + offset) & (_items.Length - 1)];

        /// <summary>Whether, once all but the first <paramref name="n"/> items are gone, this array has room for
        /// <paramref name="ahead"/> more before them.</summary>
        public bool HasRoomAhead(int n, int ahead) => _items.Length - n >= ahead;

        /// <summary>
        /// Takes the first <paramref name="n"/> items of <paramref name="instant"/> behind this bucket's own as their
        /// timers' next firings (see <see cref="TryCarry"/>): this bucket's items are copied into the room ahead of them
        /// in the instant's array, which becomes this bucket's; each moved item's due time and sequence number are
        /// updated in place; the instant keeps the items behind the run (through <paramref name="scratch"/>), in this
        /// bucket's former array. Only isolated timers' deliveries are moved this way (no foreign event among them);
        /// each bucket keeps its record of foreign events, which stay where they were.
        /// </summary>
        public void TakeRearmed(Bucket instant, int n, long intervalTicks, long baseSeq, Span<ScheduledItem> scratch)
        {
            var carried = instant._items;
            var mask = carried.Length - 1;
            var head = instant._head;
            var left = instant._count - n;
            var behind = scratch[..left];
            for (var j = 0; j < left; j++)
            {
                ref var slot = ref carried[(head + n + j) & mask];
                behind[j] = slot;
                slot = default;
            }
            var own = _items;
            var ownMask = own.Length - 1;
            var newHead = (head - _count) & mask;
            for (var j = 0; j < _count; j++)
            {
                ref var slot = ref own[(_head + j) & ownMask];
                carried[(newHead + j) & mask] = slot;
                slot = default;
            }
            for (var i = 0; i < n; i++)
            {
                ref var item = ref carried[(head + i) & mask];
                item.Due += intervalTicks;
                item.Seq = baseSeq + i;
            }
            if (own.Length < left)
            {
                arrays.Return(own);
                own = arrays.Rent((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)left));
            }
            behind.CopyTo(own);
            behind.Clear();
            (instant._items, instant._head, instant._count) = (own, 0, left);
            (_items, _head, _count) = (carried, newHead, _count + n);
        }

        /// <summary>Removes the first <paramref name="n"/> items, as that many <see cref="Dequeue"/>s would.</summary>
        public void Skip(int n)
        {
            var mask = _items.Length - 1;
            for (var i = 0; i < n; i++) _items[(_head + i) & mask] = default;
            _head = (_head + n) & mask;
            _count -= n;
            if (_count == 0) _head = 0;
        }

        private const int NearAhead = 2 * Actor.TurnAheadHops - 1;
        private const int ActorAhead = NearAhead + 2;
        private const int MidAhead = ActorAhead + 2;
        private const int CellAhead = MidAhead + 2;
        private const int FarAhead = CellAhead + 2;

        public void Enqueue(in ScheduledItem item)
        {
            if (_count == _items.Length) Grow();
            // An isolated timer's delivery goes to a cell: no need to read the target's type (a cache miss when the
            // target last ran on another lane).
            if (item.Lane == 0 && item.Target is not ActorCell) AddForeign(item);
            _items[(_head + _count) & (_items.Length - 1)] = item;
            _count++;
        }

        private void AddForeign(in ScheduledItem item)
        {
            if (item.Message is null && item.Target is IScheduledCallback callback) (_callbacks ??= []).Add(callback);
            else _otherForeign = true;
        }

        /// <summary>Forgets the foreign events (the bucket is empty and goes back to the spares).</summary>
        public void ClearForeign()
        {
            _otherForeign = false;
            _callbacks?.Clear();
        }

        public ScheduledItem Dequeue()
        {
            ref var slot = ref _items[_head];
            var item = slot;
            slot = default; // release references for the GC
            _head = (_head + 1) & (_items.Length - 1);
            _count--;
            if (_count == 0) _head = 0;
            return item;
        }

        private void Grow()
        {
            var bigger = arrays.Rent(_items.Length * 2);
            for (var i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
            Array.Clear(_items);
            arrays.Return(_items);
            _items = bigger;
            _head = 0;
        }

        /// <summary>An empty bucket gives a grown array back to the pool: the next bucket to grow that far takes it,
        /// whichever bucket that is, instead of allocating (arrays of 2 048+ items are large objects, and each
        /// large allocation brings the next blocking gen2 collection closer).</summary>
        public void ReleaseLargeArray()
        {
            if (_count != 0 || _items.Length < ItemArrayPool.MinPooledLength) return;
            arrays.Return(_items); // Dequeue cleared every slot
            _items = new ScheduledItem[ItemArrayPool.InitialLength];
            _head = 0;
        }
    }

    /// <summary>Grown bucket arrays by size (powers of two), a few per size, for buckets that grow again. Timers that
    /// share a period land thousands at one instant; without reuse every such instant regrew a bucket from 4 items,
    /// allocating ~0.5 GiB of large arrays in `bench partition`.</summary>
    internal sealed class ItemArrayPool
    {
        public const int InitialLength = 4;
        public const int MinPooledLength = 64;
        private const int KeptPerSize = 4;
        private readonly Stack<ScheduledItem[]>?[] _bySize = new Stack<ScheduledItem[]>?[32];

        public ScheduledItem[] Rent(int length) =>
            _bySize[System.Numerics.BitOperations.Log2((uint)length)] is { Count: > 0 } kept ? kept.Pop() : new ScheduledItem[length];

        /// <summary>Takes back a cleared array (smaller ones are not worth keeping).</summary>
        public void Return(ScheduledItem[] array)
        {
            if (array.Length < MinPooledLength) return;
            var kept = _bySize[System.Numerics.BitOperations.Log2((uint)array.Length)] ??= new Stack<ScheduledItem[]>(KeptPerSize);
            if (kept.Count < KeptPerSize) kept.Push(array);
        }
    }
}
