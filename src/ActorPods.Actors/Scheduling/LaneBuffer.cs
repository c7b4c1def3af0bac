namespace ActorPods.Actors.Scheduling;

/// <summary>A lane's deferred kernel calls, in the order its turns made them, and the deliveries it counted.</summary>
internal sealed class LaneBuffer(bool isolated = true)
{
    /// <summary>Whether the turns recorded here run isolated, beside other threads' (a lane's buffer), rather than in
    /// delivery order on the loop's thread beside apart actors (the rest of a wave, see InstantLanes.RunWave).</summary>
    public bool Isolated { get; } = isolated;

    private LaneEffect[] _effects = new LaneEffect[1024];

    public int Count { get; private set; }

    public long Processed;

    // Each lane writes Count and Processed on every delivery: keep another lane's buffer off their cache lines.
#pragma warning disable CS0169 // never used: it only takes room
    private CacheLines _apart;
#pragma warning restore CS0169

    [System.Runtime.CompilerServices.InlineArray(16)]
    private struct CacheLines
    {
        private long _element;
    }

    public ref LaneEffect this[int index] => ref _effects[index];

    public void Add(in LaneEffect effect)
    {
        if (Count == _effects.Length) Array.Resize(ref _effects, _effects.Length * 2);
        _effects[Count++] = effect;
    }

    /// <summary>Empties the buffer, dropping its references (for the GC).</summary>
    public void Clear()
    {
        Array.Clear(_effects, 0, Count);
        Count = 0;
        Processed = 0;
    }
}
