using ActorPods.Actors.Events;
using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Stopping actors and watching them die.</summary>
public abstract class DeathWatchSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void A_watcher_receives_terminated_when_the_watched_actor_stops()
    {
        var target = ActorOf(Props.Create<Idle>());
        Watch(target);
        Sys.Stop(target);
        var terminated = ExpectTerminated(target);
        Assert.False(terminated.HostCrashed);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_delivers_terminated()
    {
        var target = ActorOf(Props.Create<Idle>());
        var first = CreateTestProbe();
        first.Watch(target);
        Sys.Stop(target);
        first.ExpectTerminated(target);
        Watch(target);
        ExpectTerminated(target);
    }

    [Fact]
    public void After_unwatch_no_terminated_is_delivered()
    {
        var target = ActorOf(Props.Create<Idle>());
        var watcher = ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target), TestActor);
        ExpectMsg("watching");
        watcher.Tell(new UnwatchIt(target), TestActor);
        ExpectMsg("unwatched");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void An_actor_that_does_not_handle_terminated_dies_of_a_death_pact()
    {
        var target = ActorOf(Props.Create<Idle>());
        var pact = ActorOf(Props.Create(() => new Pact(target)));
        Watch(pact);
        Sys.Stop(target);
        ExpectTerminated(pact);
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first_and_runs_post_stop_bottom_up()
    {
        var parent = ActorOf(Props.Create(() => new Tree(TestActor, 2)), "root");
        Watch(parent);
        // Children are created in the constructor, so their PreStart runs before the parent's.
        ExpectMsg("started c0");
        ExpectMsg("started c1");
        ExpectMsg("started root");
        Sys.Stop(parent);
        var stops = ReceiveWhile(m => m is string s && s.StartsWith("stopped") ? s : null, TimeSpan.FromSeconds(3), msgs: 3);
        Assert.Equal(3, stops.Count);
        Assert.Equal("stopped root", stops[2]);
        ExpectTerminated(parent);
    }

    [Fact]
    public void A_poison_pill_stops_the_actor_after_the_messages_queued_before_it()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        echo.Tell(1, TestActor);
        echo.Tell(2, TestActor);
        echo.Tell(PoisonPill.Instance, TestActor);
        echo.Tell(3, TestActor);
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectTerminated(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Messages_to_a_dead_actor_become_counted_dead_letters()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(DeadLetter));
        var echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        var before = Sys.DeadLetterCount;
        echo.Tell("lost", TestActor);
        var letter = letters.ExpectMsg<DeadLetter>();
        Assert.Equal("lost", letter.Message);
        Assert.Equal(echo, letter.Recipient);
        Assert.Equal(TestActor, letter.Sender);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }

    [Fact]
    public void An_actor_stopping_itself_finishes_the_current_message_and_takes_no_further_one()
    {
        var actor = ActorOf(Props.Create(() => new SelfStopper(TestActor)));
        Watch(actor);
        actor.Tell("stop", TestActor);
        actor.Tell("after", TestActor);
        ExpectMsg("still running");
        ExpectMsg("post stop");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    public sealed record WatchIt(IActorRef Target);

    public sealed record UnwatchIt(IActorRef Target);

    public sealed class Idle : Actor;

    public sealed class Echo : Actor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    public sealed class Watcher : Actor
    {
        public Watcher(IActorRef report)
        {
            Receive<WatchIt>(w => { Context.Watch(w.Target); Sender.Tell("watching"); });
            Receive<UnwatchIt>(w => { Context.Unwatch(w.Target); Sender.Tell("unwatched"); });
            Receive<Terminated>(t => report.Tell(t));
        }
    }

    public sealed class Pact : Actor
    {
        public Pact(IActorRef target) => Context.Watch(target);
    }

    public sealed class Tree : Actor
    {
        private readonly IActorRef _report;

        public Tree(IActorRef report, int children)
        {
            _report = report;
            for (var i = 0; i < children; i++) Context.ActorOf(Props.Create(() => new Tree(report, 0)), "c" + i);
        }

        protected override void PreStart() => _report.Tell("started " + Self.Name);

        protected override void PostStop() => _report.Tell("stopped " + Self.Name);
    }

    public sealed class SelfStopper : Actor
    {
        private readonly IActorRef _report;

        public SelfStopper(IActorRef report)
        {
            _report = report;
            Receive<string>(s => s == "stop", _ =>
            {
                Context.Stop(Self);
                report.Tell("still running");
            });
            Receive<string>(s => report.Tell("processed " + s));
        }

        protected override void PostStop() => _report.Tell("post stop");
    }
}

public sealed class VirtualDeathWatchSpec() : DeathWatchSpec(ActorSystem.CreateVirtual(seed: 1));

public sealed class RealTimeDeathWatchSpec() : DeathWatchSpec(ActorSystem.CreateRealTime(speed: 1))
{
    [Fact]
    public void Stopping_an_actor_from_outside_while_it_processes_a_message_lets_the_message_finish_first()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var actor = ActorOf(Props.Create(() => new Blocking(TestActor, entered, release)));
        Watch(actor);
        actor.Tell("work", TestActor);
        actor.Tell("queued", TestActor);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(5)));
        Sys.Stop(actor);
        release.Set();
        ExpectMsg("finished work");
        ExpectMsg("post stop");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    public sealed class Blocking : Actor
    {
        private readonly IActorRef _report;

        public Blocking(IActorRef report, ManualResetEventSlim entered, ManualResetEventSlim release)
        {
            _report = report;
            Receive<string>(s =>
            {
                entered.Set();
                // The test releases this gate only after it has stopped the actor.
                release.Wait(TimeSpan.FromSeconds(10));
                report.Tell("finished " + s);
            });
        }

        protected override void PostStop() => _report.Tell("post stop");
    }
}
