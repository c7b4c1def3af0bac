using ActorPods.Actors.Scheduling;
using ActorPods.Bench.Reporting;

namespace ActorPods.Bench.Scale;

/// <summary>
/// `bench pods` (issue #5): 10 000 nginx pods, each with an httpGet liveness and readiness probe, on 100 kubelet
/// nodes, for one virtual hour. Start-up (create → every pod Ready) and the steady state are measured apart.
/// Target: one virtual hour in at most 3.6 s of wall time (1 000× real time).
/// </summary>
internal static class PodsSuite
{
    public static int Run(BenchOptions o) => SuiteRunner.Run(o, Measure);

    private static ResultSheet Measure(BenchOptions o, TextWriter log)
    {
        var nodes = o.Size(100);
        var pods = o.Size(10_000);
        var deployments = Math.Max(1, pods / 100);
        // --minutes=N shortens the run (for profiling); the figure is for the full hour.
        var hour = TimeSpan.FromMinutes(o.Minutes ?? (o.Quick ? 5 : 60));

        var stats = o.DeliveryStats && log != TextWriter.Null;
        log.WriteLine($"building {nodes} nodes...");
        var total = System.Diagnostics.Stopwatch.StartNew();
        // The lanes' deliveries bypass the hooks: the stats run on one lane and say what more lanes could do.
        var (built, build) = RunMeter.Build(() => ScaleCluster.Build(nodes, o.DeliveryStats ? 1 : o.Lanes, laneThreshold: o.LaneThreshold));
        using var scale = built;
        var system = scale.Cluster.System;

        log.WriteLine($"creating {deployments} Deployments, {pods} pods; running until all are Ready...");
        var startMeter = new RunMeter(system);
        StartStats(stats, system);
        scale.Apply(ScaleWorkload.Deployments(deployments, pods));
        if (!scale.RunUntilReady(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), log))
            throw new InvalidOperationException($"not every pod became Ready within 10 virtual minutes ({scale.DeploymentReadiness()})");
        var startup = startMeter.Stop();
        if (stats) ReportStats(log, "start-up", system);
        var probesAtSteady = scale.ProbeRuns;
        if (o.StartupOnly) return StartupSheet(nodes, pods, total.Elapsed, startup, system);

        log.WriteLine($"steady state until t={hour.TotalMinutes:0} virtual minutes...");
        var steadyMeter = new RunMeter(system);
        StartStats(stats, system);
        while (scale.Cluster.Elapsed < hour)
        {
            var next = scale.Cluster.Elapsed + TimeSpan.FromMinutes(5);
            scale.Cluster.RunUntil(next < hour ? next : hour);
            log.WriteLine($"  t={scale.Cluster.Elapsed.TotalMinutes,3:0}min  wall {total.Elapsed.TotalSeconds:0.0}s  deliveries {system.VirtualTime.ProcessedCount:N0}");
        }
        var steady = steadyMeter.Stop();
        if (stats) ReportStats(log, "steady state", system);
        var wall = total.Elapsed;
        var (ready, desired) = scale.DeploymentReadiness();
        var steadyProbes = scale.ProbeRuns - probesAtSteady;
        var peak = RunMeter.PeakWorkingSetMiB();
        var live = RunMeter.LiveHeapMiB();

        var virtualTotal = scale.Cluster.Elapsed;
        var sheet = new ResultSheet($"ActorPods scale benchmark: {pods:N0} pods x (liveness + readiness httpGet) on {nodes} nodes, {virtualTotal.TotalMinutes:0} virtual minutes");
        sheet.Add("wallSeconds", "total wall time (build + start-up + steady)", wall.TotalSeconds, "s");
        sheet.Add("speedUp", "virtual / real speed-up (total)", virtualTotal.TotalSeconds / wall.TotalSeconds, "x", "target ≥ 1 000x");
        sheet.Add("cpuSeconds", "total CPU time of the process", RunMeter.CpuTime().TotalSeconds, "s");
        sheet.Add("buildSeconds", "build cluster", build.Wall.TotalSeconds, "s");
        sheet.Add("startupWallSeconds", "start-up: create → all Ready, wall", startup.Wall.TotalSeconds, "s");
        sheet.Add("startupVirtualSeconds", "start-up: create → all Ready, virtual", startup.Virtual.TotalSeconds, "s");
        sheet.Add("startupCpuSeconds", "start-up: CPU time", startup.Cpu.TotalSeconds, "s");
        sheet.Add("startupMsgsPerSec", "start-up deliveries", startup.MessagesPerSecond, "msg/s", $"{startup.Deliveries:N0} deliveries");
        sheet.Add("startupGcPauseSeconds", "start-up: GC pauses", startup.GcPause.TotalSeconds, "s",
            $"{startup.Collections} collections, {startup.AllocatedBytes / 1073741824.0:0.00} GiB allocated");
        sheet.Add("steadyWallSeconds", "steady state, wall", steady.Wall.TotalSeconds, "s", $"{steady.Virtual.TotalMinutes:0.0} virtual min");
        sheet.Add("steadySpeedUp", "steady state speed-up", steady.SpeedUp, "x");
        sheet.Add("steadyGcPauseSeconds", "steady state: GC pauses", steady.GcPause.TotalSeconds, "s", $"{steady.Collections} collections");
        sheet.Add("steadyCpuSeconds", "steady state, CPU time of the process", steady.Cpu.TotalSeconds, "s", "robust when the machine is shared");
        sheet.Add("steadyCpuSpeedUp", "steady state speed-up by CPU time", steady.Virtual.TotalSeconds / steady.Cpu.TotalSeconds, "x");
        sheet.Add("steadyMsgsPerSec", "steady state deliveries", steady.MessagesPerSecond, "msg/s", $"{steady.Deliveries:N0} deliveries");
        sheet.Add("steadyProbesPerSec", "steady state probe runs", steadyProbes / steady.Wall.TotalSeconds, "probes/s", $"{steadyProbes:N0} runs, {scale.ProbeFailures:N0} not success");
        sheet.Add("lanes", "lanes (threads for isolated turns' instants)", system.Options.Lanes, "",
            $"{system.VirtualTime.LaneDeliveries:N0} isolated deliveries; {system.VirtualTime.WavesSpread:N0} waves spread, {system.VirtualTime.ApartDeliveries:N0} apart deliveries; {system.VirtualTime.InstantsCarried:N0} instants carried");
        sheet.Add("deliveriesPerProbe", "deliveries per probe run (steady)", steady.Deliveries / (double)Math.Max(1, steadyProbes), "msg");
        // Everything the process does in the steady state is probing (and the status writes probes cause), so the
        // phase's totals divided by the runs are the cost of one run.
        sheet.Add("cpuPerProbe", "CPU time per probe run (steady)", steady.Cpu.TotalMicroseconds / Math.Max(1, steadyProbes), "µs");
        sheet.Add("bytesPerProbe", "bytes allocated per probe run (steady)", steady.AllocatedBytes / (double)Math.Max(1, steadyProbes), "B",
            $"{steady.AllocatedBytes / 1073741824.0:0.00} GiB allocated");
        sheet.Add("readyPods", "pods Ready at the end", ready, "pods", $"of {desired}");
        sheet.Add("peakWorkingSetMiB", "peak working set", peak, "MiB");
        sheet.Add("liveHeapMiB", "live managed heap at the end", live, "MiB");
        MeasuringRuntime.AddTo(sheet);
        return sheet;
    }

    /// <summary>--delivery-stats: times every delivery of the phase about to run (DeliveryStats).</summary>
    private static void StartStats(bool on, ActorPods.Actors.ActorSystem system)
    {
        if (!on) return;
        system.VirtualTime.DeliveryStats = new DeliveryStats(System.Diagnostics.Stopwatch.GetTimestamp, System.Diagnostics.Stopwatch.Frequency,
            GC.GetTotalPauseDuration, ActorPods.Sim.Cluster.Cluster.ControlPlaneHost,
            host => host.StartsWith("node-", StringComparison.Ordinal) ? "node-*" : host);
    }

    private static void ReportStats(TextWriter log, string phase, ActorPods.Actors.ActorSystem system)
    {
        var stats = system.VirtualTime.DeliveryStats!;
        system.VirtualTime.DeliveryStats = null;
        stats.Report(log, phase);
    }

    /// <summary>--startup-only: create → every pod Ready and nothing else, for profiling the start-up at full size.</summary>
    private static ResultSheet StartupSheet(int nodes, int pods, TimeSpan wall, RunMeter.Phase startup, ActorPods.Actors.ActorSystem system)
    {
        var sheet = new ResultSheet($"ActorPods scale benchmark, start-up only: {pods:N0} pods on {nodes} nodes, create → all Ready");
        sheet.Add("wallSeconds", "total wall time (build + start-up)", wall.TotalSeconds, "s");
        sheet.Add("startupWallSeconds", "start-up: create → all Ready, wall", startup.Wall.TotalSeconds, "s", $"{startup.Virtual.TotalSeconds:0} virtual s");
        sheet.Add("startupCpuSeconds", "start-up: CPU time", startup.Cpu.TotalSeconds, "s");
        sheet.Add("startupMsgsPerSec", "start-up deliveries", startup.MessagesPerSecond, "msg/s", $"{startup.Deliveries:N0} deliveries");
        sheet.Add("startupGcPauseSeconds", "start-up: GC pauses", startup.GcPause.TotalSeconds, "s",
            $"{startup.Collections} collections, {startup.AllocatedBytes / 1073741824.0:0.00} GiB allocated");
        sheet.Add("peakWorkingSetMiB", "peak working set", RunMeter.PeakWorkingSetMiB(), "MiB");
        sheet.Add("deliveriesInRun", "deliveries in the run", system.VirtualTime.ProcessedCount, "");
        sheet.Add("lanes", "lanes", system.Options.Lanes, "",
            $"{system.VirtualTime.LaneDeliveries:N0} isolated deliveries; {system.VirtualTime.WavesSpread:N0} waves spread, {system.VirtualTime.ApartDeliveries:N0} apart deliveries; {system.VirtualTime.InstantsCarried:N0} instants carried");
        MeasuringRuntime.AddTo(sheet);
        return sheet;
    }
}
