using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Keyed timers under both schedulers: replace, cancel, die with the actor and on restart.</summary>
public abstract class TimerSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void A_single_timer_fires_once()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_periodic_timer_fires_repeatedly_until_cancelled()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        actor.Tell(new CancelTimer("k"));
        // Under real time a tick may be in flight while the cancel is on its way; after "cancelled", silence.
        FishForMessage(m => (string)m == "cancelled", TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Starting_a_key_again_replaces_the_timer_and_drops_its_already_queued_message()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        // Zero delay: the old firing is queued before the restart of the key is processed.
        actor.Tell(new StartThenRestart("k"));
        ExpectMsg("new", TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_cancelled_timer_does_not_deliver_its_already_queued_message()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartThenCancel("k"));
        ExpectMsg("active False");
        ExpectNoMsg(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Timers_die_with_the_actor()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        Watch(actor);
        Sys.Stop(actor);
        FishForMessage(m => m is Terminated, TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        actor.Tell("fail");
        FishForMessage(m => (string)m == "restarted", TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        actor.Tell("active?", TestActor);
        ExpectMsg("active False");
    }

    [Fact]
    public void A_timer_reports_itself_active_until_it_fires()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        actor.Tell("active?");
        ExpectMsg("active True");
        ExpectMsg("tick", TimeSpan.FromSeconds(5));
        actor.Tell("active?");
        ExpectMsg("active False");
    }

    public sealed record StartSingle(string Key, string Message, TimeSpan Delay);

    public sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);

    public sealed record StartThenRestart(string Key);

    public sealed record StartThenCancel(string Key);

    public sealed record CancelTimer(string Key);

    public sealed class TimerActor : Actor
    {
        private readonly IActorRef _report;

        public TimerActor(IActorRef report)
        {
            _report = report;
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval));
            Receive<StartThenRestart>(s =>
            {
                Timers.StartSingleTimer(s.Key, "old", TimeSpan.Zero);
                Timers.StartSingleTimer(s.Key, "new", TimeSpan.FromSeconds(1));
            });
            Receive<StartThenCancel>(s =>
            {
                Timers.StartSingleTimer(s.Key, "old", TimeSpan.Zero);
                Timers.Cancel(s.Key);
                report.Tell($"active {Timers.IsTimerActive(s.Key)}");
            });
            Receive<CancelTimer>(c =>
            {
                Timers.Cancel(c.Key);
                report.Tell("cancelled");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "active?", _ => report.Tell($"active {Timers.IsTimerActive("k")}"));
            Receive<string>(s => report.Tell(s));
        }

        protected override void PostRestart(Exception reason) => _report.Tell("restarted");
    }
}

public sealed class VirtualTimerSpec() : TimerSpec(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void Timers_fire_at_exact_virtual_instants()
    {
        var actor = ActorOf(Props.Create(() => new StampingActor(TestActor)));
        actor.Tell(new Start(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ExpectMsg<TimeSpan>());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Sys.Elapsed);
        Assert.Equal(ActorSystemOptions.DefaultVirtualEpoch + TimeSpan.FromMilliseconds(1500), Sys.Now);
    }

    [Fact]
    public void A_periodic_ten_second_timer_fires_exactly_360_times_in_one_virtual_hour_without_drift()
    {
        var actor = ActorOf(Props.Create(() => new StampingActor(TestActor)));
        actor.Tell(new StartPeriodic("p", "ignored", TimeSpan.FromSeconds(10)));
        Sys.RunUntil(TimeSpan.FromHours(1));
        var stamps = ReceiveWhile(m => m is TimeSpan t ? (object)t : null, TimeSpan.Zero);
        Assert.Equal(360, stamps.Count);
        for (var i = 0; i < stamps.Count; i++) Assert.Equal(TimeSpan.FromSeconds(10 * (i + 1)), (TimeSpan)stamps[i]);
        Assert.Equal(TimeSpan.FromHours(1), Sys.Elapsed);
    }

    [Fact]
    public void Timers_due_at_the_same_instant_fire_in_the_order_they_were_started()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new StartSingle("b", "second-key-first", TimeSpan.FromSeconds(2)));
        actor.Tell(new StartSingle("a", "first-key-second", TimeSpan.FromSeconds(2)));
        ExpectMsg("second-key-first");
        ExpectMsg("first-key-second");
        Assert.Equal(TimeSpan.FromSeconds(2), Sys.Elapsed);
    }

    [Fact]
    public void A_periodic_timer_with_an_initial_delay_fires_first_after_that_delay()
    {
        var actor = ActorOf(Props.Create(() => new StampingActor(TestActor)));
        actor.Tell(new StartDelayedPeriodic(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(3), ExpectMsg<TimeSpan>());
        Assert.Equal(TimeSpan.FromSeconds(8), ExpectMsg<TimeSpan>(within: TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(13), ExpectMsg<TimeSpan>(within: TimeSpan.FromSeconds(10)));
    }

    public sealed record Start(TimeSpan Delay);

    public sealed record StartDelayedPeriodic(TimeSpan Initial, TimeSpan Interval);

    public sealed class StampingActor : Actor
    {
        public StampingActor(IActorRef report)
        {
            Receive<Start>(s => Timers.StartSingleTimer("once", "fire", s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, "fire", s.Interval));
            Receive<StartDelayedPeriodic>(s => Timers.StartPeriodicTimer("p", "fire", s.Initial, s.Interval));
            Receive<string>(_ => report.Tell(Context.Elapsed));
        }
    }
}

public sealed class RealTimeTimerSpec() : TimerSpec(ActorSystem.CreateRealTime(speed: 5));
