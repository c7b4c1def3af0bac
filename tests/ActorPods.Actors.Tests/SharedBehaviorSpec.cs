using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>A behaviour built once per actor type and used by every instance (<see cref="SharedBehavior{TActor}"/>).</summary>
public sealed class SharedBehaviorSpec() : ActorTestKit(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void Each_instance_handles_its_own_messages_with_the_shared_handlers_in_order()
    {
        var a = ActorOf(Props.Create(() => new Counter("a")));
        var b = ActorOf(Props.Create(() => new Counter("b")));
        a.Tell(2, TestActor);
        b.Tell(5, TestActor);
        a.Tell(3, TestActor);
        a.Tell("total", TestActor);
        b.Tell("total", TestActor);
        ExpectMsg("a:5");
        ExpectMsg("b:5");
        // The predicate handler comes first; anything else falls through to the next one.
        a.Tell(-1, TestActor);
        ExpectMsg("a:negative");
        a.Tell("total", TestActor);
        ExpectMsg("a:5");
    }

    [Fact]
    public void Become_leaves_a_shared_behaviour_and_unbecome_returns_to_it()
    {
        var a = ActorOf(Props.Create(() => new Counter("a")));
        a.Tell("pause", TestActor);
        a.Tell(4, TestActor);
        ExpectMsg("a:paused");
        a.Tell("resume", TestActor);
        a.Tell(4, TestActor);
        a.Tell("total", TestActor);
        ExpectMsg("a:4");
    }

    [Fact]
    public void A_shared_behaviour_cannot_be_extended_once_used_nor_mixed_with_receive()
    {
        ActorOf(Props.Create(() => new Counter("a")));
        Assert.Throws<InvalidOperationException>(() => Counter.Behavior.Receive<long>(static (_, _) => { }));
        var probe = TestActor;
        ActorOf(Props.Create(() => new Parent(probe)));
        for (var i = 0; i < 3; i++)
        {
            var cause = ExpectMsg<Exception>();
            Assert.IsType<InvalidOperationException>(cause.InnerException ?? cause);
        }
    }

    /// <summary>Spawns the three misuses and reports why each failed to start.</summary>
    public sealed class Parent : Actor
    {
        private readonly IActorRef _probe;

        public Parent(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => { });
        }

        protected override void PreStart()
        {
            Context.ActorOf(Props.Create<ReceivesThenShares>());
            Context.ActorOf(Props.Create<SharesThenReceives>());
            Context.ActorOf(Props.Create<WrongType>());
        }

        protected override Supervision.SupervisorStrategy SupervisorStrategy => new Supervision.OneForOneStrategy(e =>
        {
            _probe.Tell(e);
            return Supervision.Directive.Stop;
        });
    }

    [Fact]
    public void Instances_of_a_shared_behaviour_allocate_no_handler_of_their_own()
    {
        var shared = Props.Create(() => new Counter("x"));
        var own = Props.Create(() => new OwnHandlers("x"));
        for (var i = 0; i < 1_000; i++)
        {
            Sys.ActorOf(shared);
            Sys.ActorOf(own);
        }
        const int count = 20_000;
        var keep = new IActorRef[count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++) keep[i] = Sys.ActorOf(shared);
        var sharedBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++) keep[i] = Sys.ActorOf(own);
        var ownBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
        // Four handlers of their own: four Handler objects and four delegates, at least 4 × (24 + 64) bytes.
        Assert.True(ownBytes - sharedBytes >= 4 * 88, $"shared {sharedBytes:F0} B, own {ownBytes:F0} B per actor");
        GC.KeepAlive(keep);
    }

    public sealed class Counter : Actor
    {
        internal static readonly SharedBehavior<Counter> Behavior = new SharedBehavior<Counter>()
            .Receive<int>(static (_, n) => n < 0, static (c, _) => c.Sender.Tell($"{c._name}:negative"))
            .Receive<int>(static (c, n) => c._total += n)
            .Receive<string>(static (_, s) => s == "total", static (c, _) => c.Sender.Tell($"{c._name}:{c._total}"))
            .Receive<string>(static (_, s) => s == "pause", static (c, _) => c.Pause());

        private readonly string _name;
        private int _total;

        public Counter(string name)
        {
            _name = name;
            UseBehavior(Behavior);
        }

        private void Pause() => BecomeStacked(() =>
        {
            Receive<int>(_ => Sender.Tell($"{_name}:paused"));
            Receive<string>(s => s == "resume", _ => Unbecome());
        });
    }

    public sealed class OwnHandlers : Actor
    {
        private readonly string _name;
        private int _total;

        public OwnHandlers(string name)
        {
            _name = name;
            Receive<int>(n => n < 0, _ => Sender.Tell($"{_name}:negative"));
            Receive<int>(n => _total += n);
            Receive<string>(s => s == "total", _ => Sender.Tell($"{_name}:{_total}"));
            Receive<string>(s => s == "pause", _ => Sender.Tell("no"));
        }
    }

    public sealed class ReceivesThenShares : Actor
    {
        private static readonly SharedBehavior<ReceivesThenShares> s_behavior = new();

        public ReceivesThenShares()
        {
            Receive<int>(_ => { });
            UseBehavior(s_behavior);
        }
    }

    public sealed class SharesThenReceives : Actor
    {
        private static readonly SharedBehavior<SharesThenReceives> s_behavior =
            new SharedBehavior<SharesThenReceives>().Receive<int>(static (_, _) => { });

        public SharesThenReceives()
        {
            UseBehavior(s_behavior);
            Receive<string>(_ => { });
        }
    }

    public sealed class WrongType : Actor
    {
        public WrongType() => UseBehavior(Counter.Behavior);
    }
}
