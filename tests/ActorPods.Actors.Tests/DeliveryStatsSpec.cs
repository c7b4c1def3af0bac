using ActorPods.Actors.Scheduling;

namespace ActorPods.Actors.Tests;

/// <summary>
/// DeliveryStats files each delivery under its instant and wave (the instant's due events, then what they caused
/// without delay, and so on), its host and its actor, and sums each wave's ideal time on L threads. A fake clock that
/// moves 1 ms per reading makes every delivery last exactly 1 ms, so the ideal times are exact.
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
            Receive<Ping>(_ => partner()?.Tell(new Ping()));
            Timers.StartSingleTimer("fire", new Fire(), at);
        }
    }

    private static (ActorSystem System, DeliveryStats Stats) Build()
    {
        var sys = ActorSystem.CreateVirtual(seed: 1);
        long now = 0;
        var stats = new DeliveryStats(() => now += 1_000, clockFrequency: 1_000_000, splitHost: "control");
        sys.VirtualTime.DeliveryStats = stats;
        IActorRef? Spawn(string host, string name, double seconds, IActorRef? partner) =>
            sys.ActorOf(Props.Create(() => new Pinger(TimeSpan.FromSeconds(seconds), () => partner)).WithHost(host), name);
        // At 1 s four timers fire on three hosts (the first wave: a 1, b 1, control 2 actors), each pings an actor of
        // its host (the second, alike), and three of those ping a third (the third wave: a, b, control 1 each); at 2 s
        // one more timer fires on b, pinging nobody.
        foreach (var (host, i) in new[] { ("a", 1), ("b", 1), ("control", 1), ("control", 2) })
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
    public void Each_waves_ideal_time_is_its_largest_group_or_its_share_of_the_threads()
    {
        var (sys, stats) = Build();
        using var _ = sys;
        sys.RunUntil(TimeSpan.FromSeconds(3));

        var s = stats.Take();
        Assert.Equal(0.012, s.Seconds, 9);
        // Waves of 4, 4, 3 and 1 ms. By host the first two have a 2 ms group (control); with the control plane's actors
        // apart every group is 1 ms. On 2 threads: 2 + 2 + 1.5 + 1 either way.
        Assert.Equal([0.0065, 0.006, 0.006], s.ByHostSeconds.Select(x => Math.Round(x, 9)));
        Assert.Equal([0.0065, 0.004, 0.004], s.SplitSeconds.Select(x => Math.Round(x, 9)));
        Assert.Equal([("a", 0.003), ("b", 0.004), ("control", 0.005)], s.Hosts.Select(h => (h.Host, Math.Round(h.Seconds, 9))).OrderBy(h => h.Item1));
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
        Assert.Throws<InvalidOperationException>(() => sys.VirtualTime.DeliveryStats = new DeliveryStats(() => 0, 1));
    }
}
