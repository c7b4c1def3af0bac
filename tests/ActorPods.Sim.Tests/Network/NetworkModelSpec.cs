using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Sim.Network;

namespace ActorPods.Sim.Tests.Network;

/// <summary>The network model under virtual time: exact instants, seeded randomness, partitions that drop or hold.</summary>
public class NetworkModelSpec : ActorTestKit
{
    private sealed record Send(IActorRef Target, object Payload, int Count = 1);

    private sealed record Numbered(int N);

    /// <summary>Lives on a host and sends on request, so its messages cross the network.</summary>
    private sealed class Relay : Actor
    {
        public Relay()
        {
            Receive<Send>(s =>
            {
                for (var i = 0; i < s.Count; i++) s.Target.Tell(s.Count == 1 ? s.Payload : new Numbered(i));
            });
        }
    }

    private readonly NetworkModel _net;

    public NetworkModelSpec() : base(ActorSystem.CreateVirtual(seed: 42))
    {
        _net = NetworkModel.Install(Sys);
    }

    /// <summary>The sequence numbers of the numbered messages a probe receives, in arrival order.</summary>
    private static List<int> Numbers(TestProbe probe, int msgs = int.MaxValue, TimeSpan? idle = null) =>
        probe.ReceiveWhile(o => o as Numbered, idle: idle, msgs: msgs).Select(n => n.N).ToList();

    private IActorRef RelayOn(string host) => Sys.ActorOf(Props.Create(() => new Relay()).WithHost(host));

    [Fact]
    public void A_fixed_latency_delays_cross_host_messages_by_exactly_that_much()
    {
        _net.DefaultLink = new LinkProfile { Latency = LatencyDistribution.Parse("5ms") };
        var b = CreateTestProbe("b", host: "node-b");
        RelayOn("node-a").Tell(new Send(b.Ref, "hello"));
        b.ExpectMsg("hello");
        Assert.Equal(TimeSpan.FromMilliseconds(5), Sys.Elapsed);
    }

    [Fact]
    public void Messages_within_a_host_never_meet_the_network()
    {
        _net.DefaultLink = new LinkProfile { Latency = LatencyDistribution.Parse("1s"), Loss = 1 };
        var local = CreateTestProbe("local", host: "node-a");
        RelayOn("node-a").Tell(new Send(local.Ref, "near"));
        local.ExpectMsg("near");
        Assert.Equal(TimeSpan.Zero, Sys.Elapsed);
        Assert.Equal(0, _net.Stats.Lost);
    }

    [Fact]
    public void A_link_keeps_its_messages_in_order_despite_jitter()
    {
        _net.DefaultLink = new LinkProfile { Latency = LatencyDistribution.Parse("uniform(1ms,50ms)") };
        var b = CreateTestProbe("b", host: "node-b");
        RelayOn("node-a").Tell(new Send(b.Ref, "m", Count: 200));
        var seen = Numbers(b, msgs: 200);
        Assert.Equal(Enumerable.Range(0, 200), seen);
    }

    [Fact]
    public void Reordering_lets_messages_overtake_each_other()
    {
        _net.DefaultLink = new LinkProfile { Latency = LatencyDistribution.Parse("1ms"), Reorder = 0.5, ReorderWindow = TimeSpan.FromMilliseconds(20) };
        var b = CreateTestProbe("b", host: "node-b");
        RelayOn("node-a").Tell(new Send(b.Ref, "m", Count: 100));
        var seen = Numbers(b, msgs: 100);
        Assert.Equal(100, seen.Count);
        Assert.NotEqual(Enumerable.Range(0, 100), seen);
        Assert.Equal(Enumerable.Range(0, 100), seen.Order());
    }

    [Fact]
    public void Loss_drops_about_the_configured_share_and_counts_it()
    {
        _net.DefaultLink = new LinkProfile { Loss = 0.3 };
        var b = CreateTestProbe("b", host: "node-b");
        RelayOn("node-a").Tell(new Send(b.Ref, "m", Count: 1000));
        Sys.RunUntilIdle();
        var stats = _net.Stats;
        Assert.InRange(stats.Lost, 230, 370);
        Assert.Equal(1000, stats.Lost + stats.Delivered);
        Assert.Equal(stats.Lost, Sys.DroppedMessageCount);
    }

    [Fact]
    public void Duplication_delivers_some_messages_twice()
    {
        _net.DefaultLink = new LinkProfile { Duplicate = 0.5 };
        var b = CreateTestProbe("b", host: "node-b");
        RelayOn("node-a").Tell(new Send(b.Ref, "m", Count: 100));
        var seen = Numbers(b, idle: TimeSpan.FromSeconds(1));
        Assert.Equal(100 + _net.Stats.Duplicated, seen.Count);
        Assert.InRange(_net.Stats.Duplicated, 30, 70);
        Assert.Equal(Enumerable.Range(0, 100), seen.Distinct().Order());
    }

    [Fact]
    public void A_symmetric_partition_drops_both_ways_until_healed()
    {
        var a = CreateTestProbe("a", host: "node-a");
        var b = CreateTestProbe("b", host: "node-b");
        var relayA = RelayOn("node-a");
        var relayB = RelayOn("node-b");
        var cut = _net.Partition(["node-b"]);

        relayA.Tell(new Send(b.Ref, "a->b"));
        relayB.Tell(new Send(a.Ref, "b->a"));
        b.ExpectNoMsg(TimeSpan.FromSeconds(1));
        a.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _net.Stats.Partitioned);

        Assert.True(_net.Heal(cut));
        relayA.Tell(new Send(b.Ref, "after"));
        b.ExpectMsg("after");
    }

    [Fact]
    public void A_one_way_partition_blocks_only_its_direction()
    {
        var a = CreateTestProbe("a", host: "control-plane");
        var b = CreateTestProbe("b", host: "node-1");
        _net.Partition(["node-1"], ["control-plane"], oneWay: true);
        RelayOn("node-1").Tell(new Send(a.Ref, "up"));
        RelayOn("control-plane").Tell(new Send(b.Ref, "down"));
        b.ExpectMsg("down");
        a.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Sets_of_hosts_can_be_cut_from_each_other_while_others_still_talk()
    {
        var n1 = CreateTestProbe("n1", host: "node-1");
        var n3 = CreateTestProbe("n3", host: "node-3");
        _net.Partition(["node-1", "node-2"], ["node-3"]);
        Assert.True(_net.IsCut("node-2", "node-3"));
        Assert.False(_net.IsCut("node-1", "node-2"));
        Assert.False(_net.IsCut("control-plane", "node-1"));
        RelayOn("node-2").Tell(new Send(n1.Ref, "same side"));
        RelayOn("node-2").Tell(new Send(n3.Ref, "across"));
        n1.ExpectMsg("same side");
        n3.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_holding_partition_delivers_its_backlog_in_order_after_the_heal()
    {
        _net.DefaultLink = new LinkProfile { Latency = LatencyDistribution.Parse("2ms") };
        var b = CreateTestProbe("b", host: "node-b");
        var relay = RelayOn("node-a");
        _net.Partition(["node-a"], mode: PartitionMode.Hold);
        relay.Tell(new Send(b.Ref, "m", Count: 3));
        b.ExpectNoMsg(TimeSpan.FromSeconds(10));
        Assert.Equal(3, _net.Stats.Held);

        Assert.Equal(1, _net.Heal("node-a"));
        var seen = Numbers(b, msgs: 3);
        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(TimeSpan.FromSeconds(10) + TimeSpan.FromMilliseconds(2), Sys.Elapsed);
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _net.DefaultLink = new LinkProfile { Loss = 1.5 });
        Assert.Throws<ArgumentException>(() => _net.Partition(["a"], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => _net.Partition([]));
    }
}

/// <summary>The same model under the real-time scheduler: a partition drops and a heal restores delivery.</summary>
public class RealTimeNetworkModelSpec() : ActorTestKit(ActorSystem.CreateRealTime(speed: 1))
{
    private sealed record Send(IActorRef Target, object Payload);

    private sealed class Relay : Actor
    {
        public Relay() => Receive<Send>(s => s.Target.Tell(s.Payload));
    }

    [Fact]
    public void Partitions_drop_and_heal_under_real_time()
    {
        var net = NetworkModel.Install(Sys);
        net.DefaultLink = new LinkProfile { Latency = LatencyDistribution.Parse("5ms") };
        var b = CreateTestProbe("b", host: "node-b");
        var relay = Sys.ActorOf(Props.Create(() => new Relay()).WithHost("node-a"));
        var cut = net.Partition(["node-b"]);
        relay.Tell(new Send(b.Ref, "lost"));
        AwaitCondition(() => net.Stats.Partitioned == 1, TimeSpan.FromSeconds(5));
        net.Heal(cut);
        relay.Tell(new Send(b.Ref, "found"));
        b.ExpectMsg("found", TimeSpan.FromSeconds(5));
    }
}
