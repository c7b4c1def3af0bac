using ActorPods.Actors.Scheduling;

namespace ActorPods.Actors.Tests;

/// <summary>
/// DeliveryStats files each delivery under its instant and wave (the instant's due events, then what they caused
/// without delay, and so on), its host and its actor; the ideal parallel times can only be lower than the measured one,
/// and splitting a host's actors apart can only lower them further.
/// </summary>
public sealed class DeliveryStatsSpec
{
    private sealed record Fire;

    private sealed record Ping;

    /// <summary>On its timer, and on a ping, pings its partner on its own host (if it has one).</summary>
    private sealed class Pinger : Actor
    {
        public Pinger(TimeSpan at, Func<IActorRef?> partner)
        {
            Receive<Fire>(_ => partner()?.Tell(new Ping()));
            Receive<Ping>(_ =>
            {
                Spin();
                partner()?.Tell(new Ping());
            });
            Timers.StartSingleTimer("fire", new Fire(), at);
        }

        // Some work, so that the timings are not all zero.
        private static void Spin()
        {
            var x = 0.0;
            for (var i = 0; i < 2_000; i++) x += Math.Sqrt(i);
            GC.KeepAlive(x);
        }
    }

    private static (ActorSystem System, DeliveryStats Stats) Build()
    {
        var sys = ActorSystem.CreateVirtual(seed: 1);
        var stats = new DeliveryStats(splitHost: "control");
        sys.VirtualTime.DeliveryStats = stats;
        IActorRef? Spawn(string host, string name, double seconds, IActorRef? partner) =>
            sys.ActorOf(Props.Create(() => new Pinger(TimeSpan.FromSeconds(seconds), () => partner)).WithHost(host), name);
        // At 1 s four timers fire on three hosts (the first wave), each pings an actor of its host (the second), and
        // three of those ping a third (the third wave); at 2 s one more timer fires, pinging nobody.
        foreach (var (host, i) in new[] { ("a", 1), ("a", 2), ("b", 1), ("control", 1) })
        {
            var third = i == 1 ? Spawn(host, $"{host}-{i}-third", 99, null) : null;
            Spawn(host, $"{host}-{i}", 1, Spawn(host, $"{host}-{i}-partner", 99, third));
        }
        Spawn("b", "late", 2, null);
        return (sys, stats);
    }

    [Fact]
    public void Deliveries_are_filed_by_instant_and_wave()
    {
        var (sys, stats) = Build();
        using var _ = sys;
        sys.RunUntil(TimeSpan.FromSeconds(3));

        var s = stats.Take();
        Assert.Equal((12L, 2L, 4L), (s.Deliveries, s.Instants, s.Waves));
        Assert.Equal(5, s.Kinds.Where(k => k.Message == nameof(Fire)).Sum(k => k.Count));
        Assert.Equal(7, s.Kinds.Where(k => k.Message == nameof(Ping)).Sum(k => k.Count));
        Assert.Equal(["a", "b", "control"], s.Hosts.Select(h => h.Host).Order());
    }

    [Fact]
    public void Ideal_times_lie_between_the_measured_time_over_the_threads_and_the_measured_time()
    {
        var (sys, stats) = Build();
        using var _ = sys;
        sys.RunUntil(TimeSpan.FromSeconds(3));

        var s = stats.Take();
        Assert.True(s.Seconds > 0);
        for (var i = 0; i < DeliveryStats.Threads.Count; i++)
        {
            var floor = s.Seconds / DeliveryStats.Threads[i] * 0.999;
            Assert.InRange(s.ByHostSeconds[i], floor, s.Seconds);
            Assert.InRange(s.SplitSeconds[i], floor, s.ByHostSeconds[i]);
        }
    }

    [Fact]
    public void Detached_stats_record_nothing_more_and_a_reset_forgets()
    {
        var (sys, stats) = Build();
        using var _ = sys;
        sys.RunUntil(TimeSpan.FromSeconds(1.5));
        sys.VirtualTime.DeliveryStats = null;
        sys.RunUntil(TimeSpan.FromSeconds(3));
        Assert.Equal(11, stats.Take().Deliveries);
        stats.Reset();
        Assert.Equal(0, stats.Take().Deliveries);
    }

    [Fact]
    public void Stats_refuse_a_loop_with_lanes()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = 2 });
        Assert.Throws<InvalidOperationException>(() => sys.VirtualTime.DeliveryStats = new DeliveryStats());
    }
}
