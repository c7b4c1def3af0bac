using System.Collections.Concurrent;
using ActorPods.Actors.Events;
using ActorPods.Actors.TestKit;
using ActorPods.Actors.Transport;

namespace ActorPods.Actors.Tests;

/// <summary>Hosts and the cross-host transport hook: delay, drop, hold, bypass within a host.</summary>
public abstract class TransportSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Children_live_on_their_parents_host_unless_placed_elsewhere()
    {
        var node = ActorOf(Props.Create(() => new HostReporter()).WithHost("node-1"), "node");
        node.Tell("host?", TestActor);
        ExpectMsg("node-1");
        node.Tell("child host?", TestActor);
        ExpectMsg("node-1");
        node.Tell("remote child host?", TestActor);
        ExpectMsg("node-2");
        var local = ActorOf(Props.Create(() => new HostReporter()));
        local.Tell("host?", TestActor);
        ExpectMsg("local");
    }

    [Fact]
    public void Messages_within_a_host_bypass_the_transport()
    {
        var transport = new Recording(_ => TransportVerdict.Drop("should not be asked"));
        Sys.Transport = transport;
        var probe = CreateTestProbe(host: "node-1");
        var target = ActorOf(Props.Create(() => new Forwarder(probe.Ref)).WithHost("node-1"));
        var sender = ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
        sender.Tell("hello");
        probe.ExpectMsg("hello");
        Assert.Empty(transport.Seen);
    }

    [Fact]
    public void The_transport_sees_every_cross_host_message_with_both_host_names()
    {
        var transport = new Recording(_ => TransportVerdict.Now);
        Sys.Transport = transport;
        var target = ActorOf(Props.Create(() => new Forwarder(TestActor)).WithHost("node-2"));
        var sender = ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
        sender.Tell("hello");
        ExpectMsg("hello");
        // node-1 -> node-2, then node-2 -> the probe on "local".
        Assert.Equal(new[] { "node-1->node-2:hello", "node-2->local:hello" }, transport.Seen.ToArray());
    }

    [Fact]
    public void A_dropped_cross_host_message_is_not_delivered_and_is_counted()
    {
        Sys.Transport = new Recording(m => m.ToHost == "node-2" ? TransportVerdict.Drop("partition") : TransportVerdict.Now);
        var drops = CreateTestProbe();
        Sys.EventStream.Subscribe(drops.Ref, typeof(MessageDropped));
        var target = ActorOf(Props.Create(() => new Forwarder(TestActor)).WithHost("node-2"));
        var sender = ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
        sender.Tell("lost");
        var dropped = drops.ExpectMsg<MessageDropped>();
        Assert.Equal(("lost", "node-1", "node-2", "partition"), (dropped.Message, dropped.FromHost, dropped.ToHost, dropped.Reason));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, Sys.DroppedMessageCount);
    }

    [Fact]
    public void A_delayed_cross_host_message_arrives_after_the_delay()
    {
        Sys.Transport = new Recording(m => m.ToHost == "node-2" ? TransportVerdict.DeliverAfter(TimeSpan.FromSeconds(2)) : TransportVerdict.Now);
        var target = ActorOf(Props.Create(() => new Stamper(TestActor)).WithHost("node-2"));
        var sender = ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
        var sentAt = Sys.Elapsed;
        sender.Tell("slow");
        var arrivedAt = ExpectMsg<TimeSpan>(within: TimeSpan.FromSeconds(10));
        Assert.True(arrivedAt - sentAt >= TimeSpan.FromSeconds(2), $"arrived after {arrivedAt - sentAt}");
    }

    [Fact]
    public void A_held_message_is_delivered_when_the_transport_releases_it()
    {
        var holding = new Holding();
        Sys.Transport = holding;
        var target = ActorOf(Props.Create(() => new Forwarder(TestActor)).WithHost("node-2"));
        var sender = ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
        sender.Tell("held");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        AwaitCondition(() => holding.Count == 1);
        holding.ReleaseAll();
        ExpectMsg("held");
    }

    [Fact]
    public void A_reply_to_an_ask_crosses_the_transport_too()
    {
        var transport = new Recording(_ => TransportVerdict.Now);
        Sys.Transport = transport;
        var target = ActorOf(Props.Create(() => new Replier()).WithHost("node-2"));
        var asker = ActorOf(Props.Create(() => new Asker(target, TestActor)).WithHost("node-1"));
        asker.Tell("go");
        ExpectMsg("got pong");
        Assert.Contains("node-1->node-2:ping", transport.Seen);
        Assert.Contains("node-2->node-1:pong", transport.Seen);
    }

    public sealed class Recording(Func<TransportMessage, TransportVerdict> decide) : ITransport
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public TransportVerdict Route(in TransportMessage message)
        {
            Seen.Enqueue($"{message.FromHost}->{message.ToHost}:{message.Message}");
            return decide(message);
        }
    }

    public sealed class Holding : ITransport
    {
        private readonly ConcurrentQueue<TransportMessage> _held = new();

        public int Count => _held.Count;

        public TransportVerdict Route(in TransportMessage message)
        {
            if (message.ToHost != "node-2") return TransportVerdict.Now;
            _held.Enqueue(message);
            return TransportVerdict.Hold;
        }

        public void ReleaseAll()
        {
            while (_held.TryDequeue(out var m)) m.Deliver();
        }
    }

    public sealed class HostReporter : Actor
    {
        public HostReporter()
        {
            Receive<string>(s => s == "host?", _ => Sender.Tell(Context.Host));
            Receive<string>(s => s == "child host?", _ => Context.ActorOf(Props.Create(() => new HostReporter())).Forward("host?"));
            Receive<string>(s => s == "remote child host?", _ => Context.ActorOf(Props.Create(() => new HostReporter()).WithHost("node-2")).Forward("host?"));
        }
    }

    public sealed class Forwarder : Actor
    {
        public Forwarder(IActorRef to) => ReceiveAny(m => to.Tell(m));
    }

    public sealed class Stamper : Actor
    {
        public Stamper(IActorRef report) => ReceiveAny(_ => report.Tell(Context.Elapsed));
    }

    public sealed class Replier : Actor
    {
        public Replier() => Receive<string>(_ => Sender.Tell("pong"));
    }

    public sealed class Asker : Actor
    {
        public Asker(IActorRef target, IActorRef report)
        {
            Receive<string>(s => s == "go", _ => target.Ask<string>("ping", TimeSpan.FromSeconds(3)).PipeTo(Self));
            Receive<string>(s => report.Tell("got " + s));
        }
    }
}

public sealed class VirtualTransportSpec() : TransportSpec(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void A_delayed_message_arrives_at_the_exact_virtual_instant()
    {
        Sys.Transport = new Recording(m => m.ToHost == "node-2" ? TransportVerdict.DeliverAfter(TimeSpan.FromMilliseconds(250)) : TransportVerdict.Now);
        var target = ActorOf(Props.Create(() => new Stamper(TestActor)).WithHost("node-2"));
        var sender = ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
        sender.Tell("a");
        Assert.Equal(TimeSpan.FromMilliseconds(250), ExpectMsg<TimeSpan>());
    }

    [Fact]
    public void A_network_model_using_the_system_random_is_reproducible()
    {
        static List<TimeSpan> Run(int seed)
        {
            using var sys = ActorSystem.CreateVirtual(seed);
            sys.Transport = new Recording(m => m.ToHost == "node-2"
                ? (sys.Random.NextDouble() < 0.2 ? TransportVerdict.Drop("loss") : TransportVerdict.DeliverAfter(TimeSpan.FromMilliseconds(sys.Random.Next(1, 100))))
                : TransportVerdict.Now);
            var probe = new TestProbe(sys);
            var target = sys.ActorOf(Props.Create(() => new Stamper(probe.Ref)).WithHost("node-2"));
            var sender = sys.ActorOf(Props.Create(() => new Forwarder(target)).WithHost("node-1"));
            for (var i = 0; i < 100; i++) sender.Tell(i);
            sys.RunUntilIdle();
            return probe.ReceiveWhile(m => m is TimeSpan t ? (object)t : null, TimeSpan.Zero).Cast<TimeSpan>().ToList();
        }

        var first = Run(5);
        Assert.InRange(first.Count, 60, 95);
        Assert.Equal(first, Run(5));
        Assert.NotEqual(first, Run(6));
    }
}

public sealed class RealTimeTransportSpec() : TransportSpec(ActorSystem.CreateRealTime(speed: 1));
