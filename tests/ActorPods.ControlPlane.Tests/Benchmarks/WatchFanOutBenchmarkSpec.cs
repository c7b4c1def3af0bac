using ActorPods.ControlPlane.Benchmarks;

namespace ActorPods.ControlPlane.Tests.Benchmarks;

public sealed class WatchFanOutBenchmarkSpec
{
    [Fact]
    public void The_benchmark_delivers_every_change_to_every_watcher()
    {
        var r = WatchFanOutBenchmark.Run(changes: 2_000, watchers: 10, pods: 100, baseline: true, warmUp: false);
        Assert.Equal(20_000, r.Delivered);
        Assert.True(r.WallTime > TimeSpan.Zero);
        Assert.NotNull(r.WritesOnlyWallTime);
        Assert.Contains("2,000 changes x 10 watchers = 20,000 events", r.ToString());
    }
}
