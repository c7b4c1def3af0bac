using ActorPods.Api.Model;
using ActorPods.Bench.Reporting;
using ActorPods.Sim.Network;

namespace ActorPods.Bench.Scale;

/// <summary>
/// `bench partition` (issue #6): 1 000 kubelet nodes, 30 000 pods (the pods suite's nginx with liveness and readiness
/// probes); once every pod is Ready a third of the nodes (node-1 … node-333) is cut off from "control-plane" for 10
/// virtual minutes, then healed, and the run goes on until the cluster has settled again. Reports wall time per
/// phase and what the control plane did: nodes NotReady, pods evicted by the taint manager after the 300 s
/// toleration and recreated elsewhere. Target: the whole experiment in under one minute.
/// </summary>
internal static class PartitionSuite
{
    public static int Run(BenchOptions o) => SuiteRunner.Run(o, Measure);

    private static ResultSheet Measure(BenchOptions o, TextWriter log)
    {
        var nodes = o.Size(1_000);
        var pods = o.Size(30_000);
        var cutCount = nodes / 3;
        var cutFor = TimeSpan.FromMinutes(10);
        var total = System.Diagnostics.Stopwatch.StartNew();

        log.WriteLine($"building {nodes} nodes...");
        var ((built, network), build) = RunMeter.Build(() =>
        {
            var scale = ScaleCluster.Build(nodes, o.Lanes, laneThreshold: o.LaneThreshold);
            return (scale, NetworkModel.Install(scale.Cluster.System));
        });
        using var scale = built;
        var cluster = scale.Cluster;
        var system = cluster.System;

        log.WriteLine($"creating {pods} pods; running until all are Ready...");
        var startMeter = new RunMeter(system);
        scale.Apply(ScaleWorkload.Deployments(Math.Max(1, pods / 100), pods));
        if (!scale.RunUntilReady(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), log))
            throw new InvalidOperationException($"not every pod became Ready within 10 virtual minutes ({scale.DeploymentReadiness()})");
        var startup = startMeter.Stop();
        if (o.StartupOnly) return StartupSheet(nodes, pods, total.Elapsed, build, startup, system);

        var cut = Enumerable.Range(1, cutCount).Select(i => $"node-{i}").ToHashSet(StringComparer.Ordinal);
        var podsOnCutBefore = PodsOn(scale, cut).Count;
        log.WriteLine($"t={cluster.Elapsed.TotalSeconds:0}s: cutting {cutCount} nodes ({podsOnCutBefore} pods) off from control-plane for {cutFor.TotalMinutes:0} min...");
        PhaseMark(log, "partition");
        var partitionMeter = new RunMeter(system);
        var partition = network.Partition(cut, [Sim.Cluster.Cluster.ControlPlaneHost]);
        var healAt = cluster.Elapsed + cutFor;
        var maxNotReady = 0;
        TimeSpan? allNotReadyAfter = null;
        var cutStart = cluster.Elapsed;
        while (cluster.Elapsed < healAt)
        {
            cluster.RunUntil(cluster.Elapsed + TimeSpan.FromSeconds(10));
            var notReady = NotReadyNodes(scale);
            maxNotReady = Math.Max(maxNotReady, notReady);
            if (allNotReadyAfter is null && notReady >= cutCount) allNotReadyAfter = cluster.Elapsed - cutStart;
            if ((int)(cluster.Elapsed - cutStart).TotalSeconds % 60 == 0)
                log.WriteLine($"  +{(cluster.Elapsed - cutStart).TotalSeconds,4:0}s  nodes NotReady {notReady}  ready pods {scale.DeploymentReadiness().Ready}  wall {total.Elapsed.TotalSeconds:0.0}s");
        }
        var during = partitionMeter.Stop();
        var onCutAtHeal = PodsOn(scale, cut);
        var terminatingAtHeal = onCutAtHeal.Count(p => p.Metadata?.DeletionTimestamp is not null);
        var (readyAtHeal, _) = scale.DeploymentReadiness();
        var podsAtHeal = scale.PodCount();

        log.WriteLine($"t={cluster.Elapsed.TotalSeconds:0}s: healing; running until settled...");
        PhaseMark(log, "heal");
        var healMeter = new RunMeter(system);
        network.Heal(partition);
        var settled = false;
        var healStart = cluster.Elapsed;
        while (cluster.Elapsed - healStart < TimeSpan.FromMinutes(15))
        {
            cluster.RunUntil(cluster.Elapsed + TimeSpan.FromSeconds(10));
            var (ready, desired) = scale.DeploymentReadiness();
            if (ready == desired && NotReadyNodes(scale) == 0 && scale.PodCount() == desired)
            {
                settled = true;
                break;
            }
        }
        var after = healMeter.Stop();
        PhaseMark(log, "end");
        var wall = total.Elapsed;
        var evictions = cluster.List("events", ScaleWorkload.Namespace).ReadOnlyItems.Cast<Event>()
            .Where(e => e.Reason == "TaintManagerEviction" && e.Message?.StartsWith("Marking", StringComparison.Ordinal) == true)
            .Sum(e => e.Count ?? 1);
        var podsOnCutAfter = PodsOn(scale, cut).Count;
        var peak = RunMeter.PeakWorkingSetMiB();

        var sheet = new ResultSheet($"ActorPods partition experiment: {nodes:N0} nodes, {pods:N0} pods, {cutCount} nodes cut off from control-plane for {cutFor.TotalMinutes:0} virtual minutes");
        sheet.Add("wallSeconds", "total wall time", wall.TotalSeconds, "s", "target < 60 s");
        sheet.Add("cpuSeconds", "total CPU time of the process", RunMeter.CpuTime().TotalSeconds, "s", "includes the --quick warm-up");
        sheet.Add("virtualSeconds", "total virtual time", cluster.Elapsed.TotalSeconds, "s");
        sheet.Add("speedUp", "virtual / real speed-up", cluster.Elapsed.TotalSeconds / wall.TotalSeconds, "x");
        sheet.Add("buildSeconds", "build cluster", build.Wall.TotalSeconds, "s");
        sheet.Add("startupWallSeconds", "start-up: create → all Ready, wall", startup.Wall.TotalSeconds, "s", $"{startup.Virtual.TotalSeconds:0} virtual s");
        sheet.Add("partitionWallSeconds", "partition (10 virtual min), wall", during.Wall.TotalSeconds, "s", $"{during.MessagesPerSecond:N0} msg/s");
        sheet.Add("healWallSeconds", "heal → settled, wall", after.Wall.TotalSeconds, "s", $"{after.Virtual.TotalSeconds:0} virtual s{(settled ? "" : ", NOT settled")}");
        sheet.Add("startupCpuSeconds", "start-up, CPU", startup.Cpu.TotalSeconds, "s");
        sheet.Add("partitionCpuSeconds", "partition (10 virtual min), CPU", during.Cpu.TotalSeconds, "s");
        sheet.Add("healCpuSeconds", "heal → settled, CPU", after.Cpu.TotalSeconds, "s");
        sheet.Add("msgsPerSec", "deliveries, whole run", system.VirtualTime.ProcessedCount / wall.TotalSeconds, "msg/s", $"{system.VirtualTime.ProcessedCount:N0} deliveries");
        sheet.Add("notReadyAfterHeal", "nodes NotReady at the end", NotReadyNodes(scale), "nodes");
        sheet.Add("maxNotReadyNodes", "nodes NotReady (max)", maxNotReady, "nodes", allNotReadyAfter is { } a ? $"all {cutCount} after {a.TotalSeconds:0} s" : "");
        sheet.Add("podsOnCutNodes", "pods on the cut nodes before", podsOnCutBefore, "pods");
        sheet.Add("evictions", "pods marked for deletion (TaintManagerEviction)", evictions, "pods");
        sheet.Add("terminatingAtHeal", "pods Terminating on cut nodes at heal", terminatingAtHeal, "pods");
        sheet.Add("readyAtHeal", "pods Ready at heal (recreated elsewhere)", readyAtHeal, "pods", $"{podsAtHeal} pod objects");
        sheet.Add("podsOnCutNodesAfter", "pods on the cut nodes after settling", podsOnCutAfter, "pods");
        sheet.Add("settledAfterSeconds", "heal → settled, virtual", after.Virtual.TotalSeconds, "s", settled ? "" : "not settled");
        sheet.Add("peakWorkingSetMiB", "peak working set", peak, "MiB");
        MeasuringRuntime.AddTo(sheet);
        return sheet;
    }

    /// <summary>--startup-only: the start-up phase alone (create → all Ready), for profiling the control plane at full size.</summary>
    private static ResultSheet StartupSheet(int nodes, int pods, TimeSpan wall, RunMeter.Phase build, RunMeter.Phase startup, ActorPods.Actors.ActorSystem system)
    {
        var sheet = new ResultSheet($"ActorPods partition start-up only: {nodes:N0} nodes, {pods:N0} pods, create → all Ready");
        sheet.Add("wallSeconds", "total wall time", wall.TotalSeconds, "s");
        sheet.Add("cpuSeconds", "total CPU time of the process", RunMeter.CpuTime().TotalSeconds, "s", "includes the --quick warm-up");
        sheet.Add("buildSeconds", "build cluster", build.Wall.TotalSeconds, "s", $"{build.Cpu.TotalSeconds:0.0} s CPU");
        sheet.Add("startupWallSeconds", "start-up: create → all Ready, wall", startup.Wall.TotalSeconds, "s", $"{startup.Virtual.TotalSeconds:0} virtual s");
        sheet.Add("startupCpuSeconds", "start-up: create → all Ready, CPU", startup.Cpu.TotalSeconds, "s");
        sheet.Add("startupDeliveries", "start-up deliveries", startup.Deliveries, "", $"{system.VirtualTime.ProcessedCount:N0} in the run");
        sheet.Add("peakWorkingSetMiB", "peak working set", RunMeter.PeakWorkingSetMiB(), "MiB");
        MeasuringRuntime.AddTo(sheet);
        return sheet;
    }

    /// <summary>
    /// The phase's start on the monotonic clock (Stopwatch's clock on Linux), in seconds: with
    /// <c>perf record -k CLOCK_MONOTONIC</c>, <c>perf report --time start,end</c> splits the samples by phase.
    /// </summary>
    private static void PhaseMark(TextWriter log, string phase) =>
        log.WriteLine($"  [phase {phase} at monotonic {System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency:0.000000} s]");

    private static List<Pod> PodsOn(ScaleCluster scale, HashSet<string> nodes) =>
        scale.Cluster.List("pods", ScaleWorkload.Namespace).ReadOnlyItems.Cast<Pod>().Where(p => p.Spec?.NodeName is { } n && nodes.Contains(n)).ToList();

    private static int NotReadyNodes(ScaleCluster scale) =>
        scale.Cluster.List("nodes").ReadOnlyItems.Cast<ActorPods.Api.Model.Node>().Count(n => !ScaleCluster.IsReady(n));
}
