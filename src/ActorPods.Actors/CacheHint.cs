namespace ActorPods.Actors;

/// <summary>
/// Cache prefetch for actors that know what their next turn will read (see <see cref="Actor.OnTurnAhead"/>). A hint
/// only: it never faults, changes nothing observable, and is wasted if the GC moved the object meanwhile.
/// </summary>
public static class CacheHint
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(object? o) => Scheduling.Prefetch.Object(o);

    /// <summary>Every cache line of <paramref name="o"/>'s own fields (up to eight), not only the first. It reads the
    /// object's type from its first line: hint that line (<see cref="Prefetch"/>) a hop earlier, or this call waits
    /// for it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void PrefetchWhole(object? o) => Scheduling.Prefetch.Whole(o);

    /// <summary>The line holding <paramref name="array"/>[<paramref name="index"/>], for an append buffer whose write
    /// position is far from its header. Nothing is read, not even the length: <paramref name="index"/> must lie within
    /// the array or one past its end (a wrong one wastes the hint; a prefetch never faults).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void PrefetchElement<T>(T[]? array, int index) where T : unmanaged => Scheduling.Prefetch.Element(array, index);
}
