using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Benchmarks;

/// <summary>
/// Measures the api-server as a hub: <c>changes</c> pod writes (creates, then label updates spread over <c>pods</c>
/// pods) fanned out to <c>watchers</c> all-namespace pod watches, under virtual time, timed on the wall clock the caller
/// provides (default <see cref="TimeProvider.System"/>; this is the only real-time use in the project). The figure is
/// watch events delivered per second of wall time, write cost included; a baseline run without watchers shows how much
/// of it is the writes themselves.
/// </summary>
public static class WatchFanOutBenchmark
{
    public sealed record Result(int Changes, int Watchers, long Delivered, TimeSpan WallTime, TimeSpan? WritesOnlyWallTime)
    {
        public double DeliveredPerSecond => Delivered / WallTime.TotalSeconds;

        public double ChangesPerSecond => Changes / WallTime.TotalSeconds;

        /// <summary>Deliveries per second of the time beyond the writes alone (the fan-out's own cost).</summary>
        public double? FanOutOnlyPerSecond =>
            WritesOnlyWallTime is { } w && WallTime > w ? Delivered / (WallTime - w).TotalSeconds : null;

        public override string ToString()
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var split = WritesOnlyWallTime is { } b
                ? string.Create(inv, $"; writes alone {b.TotalSeconds:F2} s, fan-out alone {FanOutOnlyPerSecond:N0} events/s")
                : "";
            return string.Create(inv,
                $"{Changes:N0} changes x {Watchers} watchers = {Delivered:N0} events in {WallTime.TotalSeconds:F2} s: {DeliveredPerSecond:N0} events/s ({ChangesPerSecond:N0} changes/s){split}");
        }
    }

    /// <param name="warmUp">First run a small pass (5 000 changes, 10 watchers) so JIT tiering does not count.</param>
    public static Result Run(
        int changes = 100_000, int watchers = 100, int pods = 1_000, bool baseline = true, bool warmUp = true, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(changes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(watchers);
        clock ??= TimeProvider.System;
        pods = Math.Clamp(pods, 1, changes);
        if (warmUp) Measure(Math.Min(changes, 5_000), Math.Min(watchers, 10), Math.Min(pods, 500), clock);
        TimeSpan? writesOnly = baseline && watchers > 0 ? Measure(changes, 0, pods, clock).Wall : null;
        var (wall, delivered) = Measure(changes, watchers, pods, clock);
        return new Result(changes, watchers, delivered, wall, writesOnly);
    }

    private static (TimeSpan Wall, long Delivered) Measure(int changes, int watchers, int pods, TimeProvider clock)
    {
        using var system = ActorSystem.CreateVirtual(seed: 1);
        var api = system.ActorOf(ApiServerActor.CreateProps(new ApiServerOptions { WatchHistoryPerKind = 1_000 }), "api-server");
        var counter = new Counter();
        var sink = system.ActorOf(Props.Create(() => new Sink()), "sink");
        for (var i = 0; i < watchers; i++)
        {
            var watcher = system.ActorOf(Props.Create(() => new CountingWatcher(counter)), "watcher-" + i);
            api.Tell(new Watch("pods", Watcher: watcher), sink);
        }
        system.RunUntilIdle();

        var start = clock.GetTimestamp();
        const int batch = 1_000;
        for (var done = 0; done < changes;)
        {
            var end = Math.Min(changes, done + batch);
            for (; done < end; done++)
            {
                var index = done % pods;
                var pod = NewPod(index, done);
                api.Tell(done < pods ? new Create(pod) : new Update(pod), sink);
            }
            system.RunUntilIdle();
        }
        var wall = clock.GetElapsedTime(start);
        var expected = (long)changes * watchers;
        if (counter.Value != expected) throw new InvalidOperationException($"delivered {counter.Value} events, expected {expected}");
        return (wall, counter.Value);
    }

    private static Pod NewPod(int index, int version) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "pod-" + index,
            Namespace = "default",
            Labels = new Dictionary<string, string> { ["app"] = "bench", ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        Spec = new PodSpec
        {
            NodeName = "node-" + index % 100,
            TerminationGracePeriodSeconds = 30,
            Containers = [new Container { Name = "app", Image = "nginx:1.27" }],
        },
    };

    private sealed class Counter
    {
        public long Value;
    }

    private sealed class CountingWatcher : Actor
    {
        public CountingWatcher(Counter counter) => Receive<WatchEvent>(_ => counter.Value++);
    }

    private sealed class Sink : Actor
    {
        public Sink() => ReceiveAny(_ => { });
    }
}
