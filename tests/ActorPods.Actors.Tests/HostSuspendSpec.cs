using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Freezing a whole host (a paused node): its mail and timers wait, then are processed late.</summary>
public abstract class HostSuspendSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Messages_to_a_suspended_host_wait_and_arrive_in_order_on_resume()
    {
        var echo = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-1"));
        Assert.Equal(1, Sys.SuspendHost("node-1"));
        echo.Tell("a");
        echo.Tell("b");
        echo.Tell("c");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.True(Sys.IsHostSuspended("node-1"));
        Assert.Equal(1, Sys.ResumeHost("node-1"));
        echo.Tell("d");
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
        ExpectMsg("d");
        Assert.False(Sys.IsHostSuspended("node-1"));
    }

    [Fact]
    public void Other_hosts_keep_running_while_one_is_suspended()
    {
        var frozen = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-1"));
        var alive = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-2"));
        Sys.SuspendHost("node-1");
        frozen.Tell("frozen");
        alive.Tell("alive");
        ExpectMsg("alive");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Sys.ResumeHost("node-1");
        ExpectMsg("frozen");
    }

    [Fact]
    public void A_single_timer_due_while_suspended_fires_after_the_resume()
    {
        var actor = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-1"));
        actor.Tell(new After(TimeSpan.FromMilliseconds(200), "tick"));
        Sys.SuspendHost("node-1");
        ExpectNoMsg(TimeSpan.FromMilliseconds(600));
        Sys.ResumeHost("node-1");
        ExpectMsg("tick");
    }

    [Fact]
    public void Actors_spawned_on_a_suspended_host_start_frozen()
    {
        Sys.SuspendHost("node-1");
        var late = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-1"));
        late.Tell("hello");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, Sys.ResumeHost("node-1"));
        ExpectMsg("hello");
    }

    [Fact]
    public void Children_placed_on_a_suspended_host_freeze_even_when_their_parent_does_not()
    {
        var parent = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("control-plane"));
        parent.Tell(new SpawnOn("node-1"), TestActor);
        var child = ExpectMsg<IActorRef>();
        Sys.SuspendHost("node-1");
        child.Tell("to child");
        parent.Tell("to parent");
        ExpectMsg("to parent");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Sys.ResumeHost("node-1");
        ExpectMsg("to child");
    }

    [Fact]
    public void A_suspended_host_can_still_be_crashed()
    {
        var actor = ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-1"));
        Watch(actor);
        Sys.SuspendHost("node-1");
        actor.Tell("lost");
        Assert.Equal(1, Sys.StopHost("node-1"));
        Assert.True(ExpectTerminated(actor).HostCrashed);
        Assert.Equal(0, Sys.ResumeHost("node-1"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Suspending_twice_or_resuming_a_running_host_changes_nothing()
    {
        ActorOf(Props.Create(() => new Echo(TestActor)).WithHost("node-1"));
        Assert.Equal(0, Sys.ResumeHost("node-1"));
        Assert.Equal(0, Sys.ResumeHost("nowhere"));
        Assert.Equal(1, Sys.SuspendHost("node-1"));
        Assert.Equal(0, Sys.SuspendHost("node-1"));
        Assert.Throws<InvalidOperationException>(() => Sys.SuspendHost("local"));
    }

    public sealed record After(TimeSpan Delay, string Message);

    public sealed record Every(TimeSpan Interval, string Message);

    public sealed record SpawnOn(string Host);

    public sealed class Echo : Actor
    {
        public Echo(IActorRef report)
        {
            Receive<After>(m => Timers.StartSingleTimer("after", m.Message, m.Delay));
            Receive<Every>(m => Timers.StartPeriodicTimer("every", m.Message, m.Interval));
            Receive<SpawnOn>(m => Sender.Tell(Context.ActorOf(Props.Create(() => new Echo(report)).WithHost(m.Host))));
            Receive<string>(s => report.Tell(s));
        }
    }
}

public sealed class VirtualHostSuspendSpec() : HostSuspendSpec(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void A_message_that_waited_is_processed_at_the_resume_instant()
    {
        var actor = ActorOf(Props.Create(() => new Stamper(TestActor)).WithHost("node-1"));
        Sys.SuspendHost("node-1");
        actor.Tell("x");
        Sys.RunUntil(TimeSpan.FromSeconds(42));
        Sys.ResumeHost("node-1");
        Assert.Equal(TimeSpan.FromSeconds(42), ExpectMsg<TimeSpan>());
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_missed_period_in_a_burst_on_resume()
    {
        var actor = ActorOf(Props.Create(() => new Stamper(TestActor)).WithHost("node-1"));
        actor.Tell(new Every(TimeSpan.FromSeconds(10), "tick"));
        Sys.RunUntil(TimeSpan.FromSeconds(5));
        Sys.SuspendHost("node-1");
        Sys.RunUntil(TimeSpan.FromSeconds(47));
        Sys.ResumeHost("node-1");
        Sys.RunUntil(TimeSpan.FromSeconds(47));
        var burst = Enumerable.Range(0, 4).Select(_ => ExpectMsg<TimeSpan>(within: TimeSpan.Zero)).ToList();
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(47), 4), burst);
        Assert.Equal(TimeSpan.FromSeconds(50), ExpectMsg<TimeSpan>(within: TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void The_same_seed_and_the_same_pauses_give_the_same_order()
    {
        static string Run()
        {
            using var sys = ActorSystem.CreateVirtual(seed: 7);
            var log = new List<string>();
            using var _ = sys.EventStream.Subscribe<string>(log.Add);
            var a = sys.ActorOf(Props.Create(() => new Publisher()).WithHost("node-1"), "a");
            var b = sys.ActorOf(Props.Create(() => new Publisher()).WithHost("node-2"), "b");
            a.Tell(new Every(TimeSpan.FromSeconds(3), "a"));
            b.Tell(new Every(TimeSpan.FromSeconds(4), "b"));
            sys.RunUntil(TimeSpan.FromSeconds(7));
            sys.SuspendHost("node-1");
            sys.RunUntil(TimeSpan.FromSeconds(20));
            sys.ResumeHost("node-1");
            sys.RunUntil(TimeSpan.FromSeconds(30));
            return string.Join(",", log);
        }

        Assert.Equal(Run(), Run());
    }

    private sealed class Stamper : Actor
    {
        public Stamper(IActorRef report)
        {
            Receive<Every>(m => Timers.StartPeriodicTimer("every", m.Message, m.Interval));
            Receive<string>(_ => report.Tell(Context.Elapsed));
        }
    }

    private sealed class Publisher : Actor
    {
        public Publisher()
        {
            Receive<Every>(m => Timers.StartPeriodicTimer("every", m.Message, m.Interval));
            Receive<string>(s => Context.System.EventStream.Publish($"{s}@{Context.Elapsed.TotalSeconds}"));
        }
    }
}

public sealed class RealTimeHostSuspendSpec() : HostSuspendSpec(ActorSystem.CreateRealTime(speed: 1));
