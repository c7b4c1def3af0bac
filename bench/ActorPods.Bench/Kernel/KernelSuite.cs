using ActorPods.Actors;
using ActorPods.Bench.Reporting;

namespace ActorPods.Bench.Kernel;

/// <summary>
/// `bench kernel`: ping-pong, fan-out, spawn/stop, timers and idle-actor memory under both schedulers, with the
/// channel and bare-loop baselines measured in the same run so ratios are comparable.
/// </summary>
internal static class KernelSuite
{
    public static int Run(BenchOptions o) => SuiteRunner.Run(o, Measure);

    private static ResultSheet Measure(BenchOptions o, TextWriter log)
    {
        var sheet = new ResultSheet($"ActorPods kernel benchmarks ({Environment.ProcessorCount} cores, .NET {Environment.Version})");

        var n = o.Size(1_000_000);
        if (o.Runs("pingpong"))
        {
            log.WriteLine("ping-pong...");
            var bare = Baselines.BareEventLoop(o.Size(50_000_000));
            var virt = PingPong.Virtual(o.Size(20_000_000));
            var channel = Baselines.ChannelPingPong(o.Size(2_000_000));
            var real = PingPong.RealTime(o.Size(2_000_000));
            sheet.Add("bareEventLoopMsgsPerSec", "bare event loop (baseline)", bare, "msg/s");
            sheet.Add("pingPongVirtualMsgsPerSec", "ping-pong, virtual time", virt, "msg/s", $"{virt / bare:P0} of bare loop");
            sheet.Add("channelBaselineMsgsPerSec", "ping-pong, raw Channels (baseline)", channel, "msg/s");
            sheet.Add("pingPongRealMsgsPerSec", "ping-pong, real time", real, "msg/s", $"{real / channel:P0} of channels");
            sheet.Add("pingPongRealToChannelRatio", "real-time / channel ratio", real / channel, "x");
        }

        if (o.Runs("fanout"))
        {
            log.WriteLine("fan-out to 10 000...");
            using (var s = ActorSystem.CreateVirtual(1)) sheet.Add("fanOutVirtualMsgsPerSec", "fan-out 1→10 000, virtual", FanOut.Run(s, 10_000, o.Size(200)), "msg/s");
            using (var s = ActorSystem.CreateRealTime()) sheet.Add("fanOutRealMsgsPerSec", "fan-out 1→10 000, real time", FanOut.Run(s, 10_000, o.Size(100)), "msg/s");
        }

        if (o.Runs("spawn"))
        {
            log.WriteLine("spawn and stop...");
            SpawnStop.Result sv, sr;
            using (var s = ActorSystem.CreateVirtual(1)) sv = SpawnStop.Run(s, n);
            using (var s = ActorSystem.CreateRealTime()) sr = SpawnStop.Run(s, n);
            sheet.Add("spawnsPerSec", "spawn, virtual", sv.SpawnsPerSec, "actors/s");
            sheet.Add("stopsPerSec", "stop, virtual", sv.StopsPerSec, "actors/s");
            sheet.Add("spawnsRealPerSec", "spawn, real time", sr.SpawnsPerSec, "actors/s");
            sheet.Add("stopsRealPerSec", "stop, real time", sr.StopsPerSec, "actors/s");
        }

        if (o.Runs("memory"))
        {
            log.WriteLine("idle actor memory...");
            sheet.Add("bytesPerIdleActor", "bytes per idle actor, virtual", SpawnStop.BytesPerIdleActor(() => ActorSystem.CreateVirtual(1), n), "B", $"over {n:N0} actors");
            sheet.Add("bytesPerIdleActorReal", "bytes per idle actor, real time", SpawnStop.BytesPerIdleActor(() => ActorSystem.CreateRealTime(), n), "B");
        }

        if (o.Runs("timers") || o.Runs("periodic"))
        {
            log.WriteLine("timers...");
            sheet.Add("timerFiringsPerSec", "timer firings, virtual (100 000 pending)", TimerLoad.PeriodicVirtual(1_000, o.Size(100_000) / 1_000 + 1, o.Size(3_000_000)), "fires/s");
        }
        if (o.Runs("timers"))
        {
            using (var s = ActorSystem.CreateVirtual(1)) sheet.Add("singleTimersVirtualPerSec", "1 000 000 single timers, virtual", TimerLoad.SingleShot(s, 1_000, o.Size(1_000), TimeSpan.FromMinutes(1)), "timers/s");
            using (var s = ActorSystem.CreateRealTime()) sheet.Add("singleTimersRealPerSec", "1 000 000 single timers, real time", TimerLoad.SingleShot(s, 1_000, o.Size(1_000), TimeSpan.FromMilliseconds(50)), "timers/s");
        }
        return sheet;
    }
}
