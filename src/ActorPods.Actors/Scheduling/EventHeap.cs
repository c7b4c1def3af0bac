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
}

/// <summary>
/// A 4-ary min-heap ordered by (due time, sequence number). Four children per node halve the depth of a binary heap,
/// which matters with 100 000 pending timers; entries are structs so pushing and popping never allocates.
/// </summary>
internal sealed class EventHeap
{
    private ScheduledItem[] _items = new ScheduledItem[256];
    private int _count;

    public int Count => _count;

    public long PeekDue => _items[0].Due;

    public void Push(in ScheduledItem item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var items = _items;
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            ref var p = ref items[parent];
            if (!Less(item.Due, item.Seq, p.Due, p.Seq)) break;
            items[i] = p;
            i = parent;
        }
        items[i] = item;
    }

    public ref readonly ScheduledItem Peek => ref _items[0];

    public ScheduledItem Pop()
    {
        var items = _items;
        var top = items[0];
        var last = --_count;
        if (last > 0) SiftDown(items[last], last);
        items[last] = default; // release references for the GC
        return top;
    }

    /// <summary>Pop followed by Push in one sift: how a periodic timer reschedules itself.</summary>
    public ScheduledItem ReplaceTop(in ScheduledItem item)
    {
        var top = _items[0];
        SiftDown(item, _count);
        return top;
    }

    private void SiftDown(ScheduledItem moving, int count)
    {
        var items = _items;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= count) break;
            var best = first;
            var end = Math.Min(first + 4, count);
            for (var c = first + 1; c < end; c++)
            {
                if (Less(items[c].Due, items[c].Seq, items[best].Due, items[best].Seq)) best = c;
            }
            if (!Less(items[best].Due, items[best].Seq, moving.Due, moving.Seq)) break;
            items[i] = items[best];
            i = best;
        }
        items[i] = moving;
    }

    private static bool Less(long dueA, long seqA, long dueB, long seqB) => dueA < dueB || (dueA == dueB && seqA < seqB);
}
