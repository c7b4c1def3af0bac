using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Bench.Scale;

/// <summary>Wall time, virtual time, kernel deliveries, CPU time and bytes allocated across one phase of a run.</summary>
internal sealed class RunMeter(ActorSystem system)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _virtualStart = system.Elapsed;
    private readonly long _deliveriesStart = system.VirtualTime.ProcessedCount;
    private readonly TimeSpan _cpuStart = CpuTime();
    private readonly long _allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
    private readonly TimeSpan _gcPauseStart = GC.GetTotalPauseDuration();
    private readonly int _collectionsStart = GC.CollectionCount(0);

    public Phase Stop() => new(_wall.Elapsed, system.Elapsed - _virtualStart, system.VirtualTime.ProcessedCount - _deliveriesStart, CpuTime() - _cpuStart,
        GC.GetTotalAllocatedBytes(precise: true) - _allocatedStart, GC.GetTotalPauseDuration() - _gcPauseStart, GC.CollectionCount(0) - _collectionsStart);

    /// <summary>
    /// Measures <paramref name="build"/>, which makes the actor system (so no meter can watch it yet): wall, CPU,
    /// allocation and GC figures; no virtual time or deliveries.
    /// </summary>
    public static (T Result, Phase Phase) Build<T>(Func<T> build)
    {
        var wall = Stopwatch.StartNew();
        var cpu = CpuTime();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcPause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var result = build();
        return (result, new Phase(wall.Elapsed, TimeSpan.Zero, 0, CpuTime() - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.GetTotalPauseDuration() - gcPause, GC.CollectionCount(0) - collections));
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
