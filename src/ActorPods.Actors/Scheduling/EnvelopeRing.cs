using System.Runtime.CompilerServices;
using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Scheduling;

internal struct Envelope
{
    public ActorCell Target;
    public object Message;
    public IActorRef? Sender;
}

/// <summary>
/// FIFO of deliveries due "now" under virtual time: a growable power-of-two ring of struct envelopes,
/// so a zero-delay send costs three stores and no allocation.
/// </summary>
internal sealed class EnvelopeRing
{
    private Envelope[] _items = new Envelope[1024];
    private int _head;
    private int _tail;
    private int _count;

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(ActorCell target, object message, IActorRef? sender)
    {
        if (_count == _items.Length) Grow();
        ref var e = ref _items[_tail];
        e.Target = target;
        e.Message = message;
        e.Sender = sender;
        _tail = (_tail + 1) & (_items.Length - 1);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out Envelope envelope)
    {
        if (_count == 0)
        {
            envelope = default;
            return false;
        }
        ref var e = ref _items[_head];
        envelope = e;
        e = default;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return true;
    }

    /// <summary>The delivery <paramref name="index"/> places behind the head (0: the next one out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly Envelope PeekAt(int index) => ref _items[(_head + index) & (_items.Length - 1)];

    /// <summary>Moves the first <paramref name="n"/> deliveries, in order, into <paramref name="into"/> (target, message
    /// and sender; no due time or sequence number).</summary>
    public void DequeueInto(ScheduledItem[] into, int n)
    {
        for (var i = 0; i < n; i++)
        {
            ref var e = ref _items[_head];
            into[i] = new ScheduledItem { Target = e.Target, Message = e.Message, Sender = e.Sender };
            e = default;
            _head = (_head + 1) & (_items.Length - 1);
        }
        _count -= n;
    }

    private void Grow()
    {
        var bigger = new Envelope[_items.Length * 2];
        for (var i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
        _tail = _count;
    }
}
