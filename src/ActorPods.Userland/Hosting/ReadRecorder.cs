using System.Runtime.CompilerServices;

namespace ActorPods.Userland.Hosting;

/// <summary>
/// Room for the objects one kind of request read, kept inline in the object that makes the request (no array of its
/// own to fetch first). See <see cref="ReadRecorder"/>.
/// </summary>
[InlineArray(Capacity)]
public struct ReadSet
{
    /// <summary>An httpGet against nginx reads about a dozen objects beyond the container; more are not recorded.</summary>
    public const int Capacity = 16;

    private object? _first;
}

/// <summary>
/// Records the objects a request read beyond the object that made it, in the order given, into a <see cref="ReadSet"/>.
/// A caller that will send the same request again can ask the memory system for them early: the kubelet's prober
/// hints them into the cache a few events before its next period. The userland never reads the record back, so a
/// stale entry costs nothing but a wasted hint. An entry already holding the same object is not written again (no
/// GC write barrier on the repeated path).
/// </summary>
public ref struct ReadRecorder
{
    private readonly Span<object?> _slots;
    private int _count;

    public ReadRecorder(Span<object?> slots) => _slots = slots;

    /// <summary>How many objects were recorded.</summary>
    public readonly int Count => _count;

    public void Add(object? read)
    {
        if (read is null || _count == _slots.Length) return;
        ref var slot = ref _slots[_count++];
        if (!ReferenceEquals(slot, read)) slot = read;
    }

    /// <summary>Clears the entries past the recorded ones (a shorter record than last time must not keep objects alive).</summary>
    public readonly void ClearRest()
    {
        var rest = _slots[_count..];
        foreach (var o in rest)
            if (o is not null)
            {
                rest.Clear();
                return;
            }
    }
}
