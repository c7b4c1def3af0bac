using System.CommandLine;
using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Cli.Demo;

/// <summary>`actorpods demo`: the kernel on its own — heartbeats across hosts, a partition, its detection and healing.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var seed = new Option<int>("--seed") { Description = "Seed for latencies and every other random choice.", DefaultValueFactory = _ => 1 };
        var nodes = new Option<int>("--nodes") { Description = "Number of node hosts.", DefaultValueFactory = _ => 3 };
        var duration = new Option<int>("--for") { Description = "Virtual seconds to run.", DefaultValueFactory = _ => 200 };
        var realTime = new Option<bool>("--real-time") { Description = "Run on the thread pool against a real clock instead of virtual time." };
        var speed = new Option<double>("--speed") { Description = "Real time only: virtual seconds per real second.", DefaultValueFactory = _ => 20.0 };
        var command = new Command("demo", "Kernel demo: nodes send heartbeats to a monitor across a simulated network; node-2 is partitioned at 60s and healed at 150s.")
        {
            seed, nodes, duration, realTime, speed,
        };
        command.SetAction(result => Run(stdout, stderr,
            result.GetValue(seed), result.GetValue(nodes), TimeSpan.FromSeconds(result.GetValue(duration)),
            result.GetValue(realTime), result.GetValue(speed)));
        return command;
    }

    private static int Run(TextWriter stdout, TextWriter stderr, int seed, int nodeCount, TimeSpan duration, bool realTime, double speed)
    {
        if (nodeCount < 2) { stderr.WriteLine("error: --nodes must be at least 2"); return 2; }
        if (speed <= 0) { stderr.WriteLine("error: --speed must be positive"); return 2; }
        var wall = Stopwatch.StartNew();
        using var system = realTime ? ActorSystem.CreateRealTime(speed, seed) : ActorSystem.CreateVirtual(seed);
        var network = new DemoNetwork(system);
        system.Transport = network;

        var output = TextWriter.Synchronized(stdout);
        var monitor = system.ActorOf(Props.Create(() => new HeartbeatMonitor(output)).WithHost("control-plane"), "monitor");
        for (var i = 1; i <= nodeCount; i++)
        {
            var name = $"node-{i}";
            system.ActorOf(Props.Create(() => new HeartbeatSender(name, monitor)).WithHost(name), name);
        }

        system.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(60), () =>
        {
            network.Partition("node-2");
            output.WriteLine($"[{Stamp(system.Elapsed)}] network: node-2 partitioned from the control plane");
        });
        system.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(150), () =>
        {
            network.Heal("node-2");
            output.WriteLine($"[{Stamp(system.Elapsed)}] network: partition healed");
        });

        if (realTime) system.Scheduler.AwaitCondition(() => false, duration);
        else system.RunUntil(duration);

        var processed = system.Scheduler is Actors.Scheduling.VirtualTimeScheduler v ? $", {v.ProcessedCount:N0} deliveries" : "";
        output.WriteLine($"done: {system.Elapsed.TotalSeconds:0.###}s of {(realTime ? $"real time at {speed}x" : "virtual time")} in {wall.Elapsed.TotalMilliseconds:N0} ms wall{processed}; " +
                         $"{system.DroppedMessageCount} messages dropped by the partition, {system.DeadLetterCount} dead letters; seed {seed}");
        return 0;
    }

    internal static string Stamp(TimeSpan t) => $"{t.TotalSeconds,8:0.000}s";
}
