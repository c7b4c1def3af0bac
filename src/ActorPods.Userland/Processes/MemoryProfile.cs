namespace ActorPods.Userland.Processes;

/// <summary>
/// How much memory a process uses: <see cref="Bytes"/> at <see cref="Since"/>, growing by
/// <see cref="GrowthPerSecond"/> up to <see cref="Cap"/> (a leak, a JVM warming its heap, an
/// allocation loop). The container sums its processes to decide on the OOM kill.
/// </summary>
public sealed record MemoryProfile(long Bytes, double GrowthPerSecond = 0, long Cap = long.MaxValue)
{
    public static readonly MemoryProfile Small = new(1 << 20);

    public DateTimeOffset Since { get; init; }

    public long At(DateTimeOffset now)
    {
        if (GrowthPerSecond <= 0) return Bytes;
        var grown = Bytes + GrowthPerSecond * Math.Max(0, (now - Since).TotalSeconds);
        return (long)Math.Min(Cap, grown);
    }

    /// <summary>When this profile alone stops growing, or null if it does not grow.</summary>
    public DateTimeOffset? CapReachedAt =>
        GrowthPerSecond <= 0 || Cap == long.MaxValue ? null : Since + TimeSpan.FromSeconds((Cap - Bytes) / GrowthPerSecond);
}
