using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Bench.Scale;

/// <summary>
/// Wall time, virtual time, kernel deliveries, CPU time and bytes allocated across one phase of a run. Without a
/// system (the phase that builds it) there is no virtual time or deliveries to count.
/// </summary>
internal sealed class RunMeter(ActorSystem? system)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _virtualStart = system?.Elapsed ?? TimeSpan.Zero;
    private readonly long _deliveriesStart = system?.VirtualTime.ProcessedCount ?? 0;
    private readonly TimeSpan _cpuStart = CpuTime();
    private readonly long _allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
    private readonly TimeSpan _gcPauseStart = GC.GetTotalPauseDuration();
    private readonly int _collectionsStart = GC.CollectionCount(0);

    public Phase Stop() => new(_wall.Elapsed, (system?.Elapsed ?? TimeSpan.Zero) - _virtualStart, (system?.VirtualTime.ProcessedCount ?? 0) - _deliveriesStart, CpuTime() - _cpuStart,
        GC.GetTotalAllocatedBytes(precise: true) - _allocatedStart, GC.GetTotalPauseDuration() - _gcPauseStart, GC.CollectionCount(0) - _collectionsStart);

    /// <summary>
    /// Measures <paramref name="build"/>, which makes the actor system (so no meter can watch it yet): wall, CPU,
    /// allocation and GC figures.
    /// </summary>
    public static (T Result, Phase Phase) Build<T>(Func<T> build)
    {
        var meter = new RunMeter(null);
        var result = build();
        return (result, meter.Stop());
    }

    /// <summary>User + system CPU time of the whole process (the loop is single-threaded; the GC adds a little).</summary>
    public static TimeSpan CpuTime()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }

    internal readonly record struct Phase(TimeSpan Wall, TimeSpan Virtual, long Deliveries, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause, int Collections)
    {
        public double SpeedUp => Virtual.TotalSeconds / Math.Max(1e-9, Wall.TotalSeconds);
        public double MessagesPerSecond => Deliveries / Math.Max(1e-9, Wall.TotalSeconds);
    }

    /// <summary>Peak resident memory of the process (VmHWM on Linux) in MiB.</summary>
    public static double PeakWorkingSetMiB()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>Managed heap after a full blocking collection, in MiB (what the simulation really holds).</summary>
    public static double LiveHeapMiB()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(false) / 1048576.0;
    }
}
