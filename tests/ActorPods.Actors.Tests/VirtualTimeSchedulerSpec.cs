using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>The discrete-event loop: clock control and reproducibility.</summary>
public sealed class VirtualTimeSchedulerSpec : ActorTestKit
{
    [Fact]
    public void Nothing_runs_until_the_loop_is_driven()
    {
        var counter = new int[1];
        var actor = ActorOf(Props.Create(() => new Counting(counter)));
        actor.Tell("x");
        actor.Tell("y");
        Assert.Equal(0, counter[0]);
        Sys.RunUntilIdle();
        Assert.Equal(2, counter[0]);
        Assert.Equal(TimeSpan.Zero, Sys.Elapsed);
    }

    [Fact]
    public void Run_until_sets_the_clock_to_the_target_even_when_idle()
    {
        Sys.RunUntil(TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(3), Sys.Elapsed);
        Sys.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(182), Sys.Elapsed);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Run_until_idle_stops_the_clock_at_the_last_event()
    {
        var actor = ActorOf(Props.Create(() => new Delayer(TestActor)));
        actor.Tell(TimeSpan.FromSeconds(42));
        Assert.True(Sys.RunUntilIdle());
        Assert.Equal(TimeSpan.FromSeconds(42), Sys.Elapsed);
        Assert.Equal("done", ExpectMsg<string>(TimeSpan.Zero));
    }

    [Fact]
    public void Run_until_idle_with_a_bound_returns_false_when_periodic_work_remains()
    {
        var actor = ActorOf(Props.Create(() => new Delayer(TestActor)));
        actor.Tell("periodic");
        Assert.False(Sys.RunUntilIdle(TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromMinutes(1), Sys.Elapsed);
    }

    [Fact]
    public void Context_now_is_the_fixed_epoch_plus_virtual_time()
    {
        var actor = ActorOf(Props.Create(() => new Clock(TestActor)));
        Sys.Advance(TimeSpan.FromSeconds(90));
        actor.Tell("now?");
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 1, 30, TimeSpan.Zero), ExpectMsg<DateTimeOffset>());
    }

    [Fact]
    public void Driving_the_loop_from_inside_an_actor_is_refused()
    {
        var actor = ActorOf(Props.Create(() => new Reentrant(TestActor)));
        actor.Tell("go");
        Assert.IsType<InvalidOperationException>(ExpectMsg<Exception>());
    }

    [Fact]
    public void A_thousand_actors_exchanging_random_messages_log_the_same_run_for_the_same_seed()
    {
        var first = RandomExchange.Run(seed: 7);
        var second = RandomExchange.Run(seed: 7);
        Assert.True(first.Count > 10_000, $"only {first.Count} deliveries");
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_a_different_run()
    {
        Assert.NotEqual(RandomExchange.Run(seed: 7), RandomExchange.Run(seed: 8));
    }

    [Fact]
    public void Per_actor_random_is_seeded_from_the_system_seed()
    {
        static int[] Draws(int seed)
        {
            using var sys = ActorSystem.CreateVirtual(seed);
            var probe = new TestProbe(sys);
            var actor = sys.ActorOf(Props.Create(() => new Dice(probe.Ref)));
            actor.Tell("roll");
            return probe.ExpectMsg<int[]>();
        }

        Assert.Equal(Draws(3), Draws(3));
        Assert.NotEqual(Draws(3), Draws(4));
    }

    /// <summary>
    /// 1 000 actors; each delivery is logged with its virtual time, then forwarded to a randomly chosen actor, half the time
    /// after a random delay. Any dependence on hash order, threads or the wall clock would show up as a log difference.
    /// </summary>
    private static class RandomExchange
    {
        public static List<string> Run(int seed)
        {
            using var sys = ActorSystem.CreateVirtual(seed);
            var log = new List<string>();
            var actors = new IActorRef[1000];
            for (var i = 0; i < actors.Length; i++) actors[i] = sys.ActorOf(Props.Create(() => new Hopper(actors, log)), "a" + i);
            for (var i = 0; i < 50; i++) actors[i * 20].Tell(new Hop(i, 300));
            sys.RunUntilIdle();
            return log;
        }
    }

    public sealed record Hop(int Id, int Left);

    public sealed class Hopper : Actor
    {
        public Hopper(IActorRef[] actors, List<string> log)
        {
            Receive<Hop>(h =>
            {
                log.Add($"{Context.Elapsed.Ticks} {Self.Name} {h.Id}/{h.Left} from {Sender.Name}");
                if (h.Left == 0) return;
                var next = actors[Context.Random.Next(actors.Length)];
                var hop = new Hop(h.Id, h.Left - 1);
                if (Context.Random.Next(2) == 0) next.Tell(hop);
                else Timers.StartSingleTimer(h, new Forward(next, hop), TimeSpan.FromMilliseconds(Context.Random.Next(1, 1000)));
            });
            Receive<Forward>(f => f.To.Tell(f.Hop));
        }
    }

    public sealed record Forward(IActorRef To, Hop Hop);

    public sealed class Dice : Actor
    {
        public Dice(IActorRef report) => Receive<string>(_ => report.Tell(new[] { Context.Random.Next(1000), Context.Random.Next(1000), Context.Random.Next(1000) }));
    }

    public sealed class Counting : Actor
    {
        public Counting(int[] counter) => ReceiveAny(_ => counter[0]++);
    }

    public sealed class Delayer : Actor
    {
        public Delayer(IActorRef report)
        {
            Receive<TimeSpan>(t => Timers.StartSingleTimer("t", "done", t));
            Receive<string>(s => s == "periodic", _ => Timers.StartPeriodicTimer("p", "tick", TimeSpan.FromSeconds(1)));
            Receive<string>(s => s == "done", s => report.Tell(s));
            Receive<string>(_ => { });
        }
    }

    public sealed class Clock : Actor
    {
        public Clock(IActorRef report) => Receive<string>(_ => report.Tell(Context.Now));
    }

    public sealed class Reentrant : Actor
    {
        public Reentrant(IActorRef report) => Receive<string>(_ =>
        {
            try
            {
                Context.System.RunUntilIdle();
                report.Tell(new Exception("no exception"));
            }
            catch (Exception e)
            {
                report.Tell(e);
            }
        });
    }
}
