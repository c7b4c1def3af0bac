using ActorPods.Bench.Reporting;
using ActorPods.ControlPlane.Benchmarks;

namespace ActorPods.Bench.ApiServer;

/// <summary>`bench apiserver`: 100 000 pod changes fanned out to 100 watchers by the api-server actor (virtual time).</summary>
internal static class ApiServerSuite
{
    public static int Run(BenchOptions o)
    {
        var log = o.Json ? TextWriter.Null : Console.Out;
        log.WriteLine("watch fan-out (includes a warm-up pass and a writes-only baseline)...");
        var r = WatchFanOutBenchmark.Run(changes: o.Size(100_000), watchers: 100, pods: o.Size(1_000));
        var sheet = new ResultSheet($"ActorPods api-server benchmark: {r.Changes:N0} pod changes x {r.Watchers} watchers");
        sheet.Add("watchEventsPerSec", "watch events delivered", r.DeliveredPerSecond, "events/s");
        sheet.Add("watchChangesPerSec", "changes fanned out", r.ChangesPerSecond, "changes/s");
        sheet.Add("watchFanOutSeconds", "total wall time", r.WallTime.TotalSeconds, "s");
        if (r.WritesOnlyWallTime is { } w) sheet.Add("writesOnlySeconds", "same writes, no watchers (baseline)", w.TotalSeconds, "s");
        Console.WriteLine(o.Json ? sheet.ToJson() : sheet.ToTable());
        return 0;
    }
}
