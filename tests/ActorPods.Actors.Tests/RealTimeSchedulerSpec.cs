using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>The thread-pool scheduler: one message at a time per actor, and a scaled clock.</summary>
public sealed class RealTimeSchedulerSpec() : RealTimeActorTestKit(speed: 1)
{
    [Fact]
    public void An_actor_never_processes_two_messages_at_once_under_concurrent_senders()
    {
        const int actorCount = 8;
        const int senders = 4;
        const int perSender = 5_000;
        var stats = new Stats();
        var actors = Enumerable.Range(0, actorCount).Select(_ => ActorOf(Props.Create(() => new Exclusive(stats)))).ToArray();
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++) actors[(i * 7 + s) % actorCount].Tell(new Msg(s, i));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        AwaitCondition(() => stats.Processed == senders * perSender, TimeSpan.FromSeconds(10), $"processed {stats.Processed}");
        Assert.Equal(0, stats.Overlaps);
        // Message order per actor is preserved too.
        Assert.Equal(0, stats.OutOfOrder);
    }

    [Fact]
    public void A_sped_up_clock_runs_system_time_faster_than_real_time()
    {
        using var fast = ActorSystem.CreateRealTime(speed: 50);
        var probe = new TestProbe(fast);
        var actor = fast.ActorOf(Props.Create(() => new Sleeper(probe.Ref)));
        actor.Tell(TimeSpan.FromSeconds(10));
        // 10 system seconds take 0.2 real seconds; the expectation waits in system time.
        var firedAt = probe.ExpectMsg<TimeSpan>(within: TimeSpan.FromSeconds(100));
        Assert.True(firedAt >= TimeSpan.FromSeconds(10), $"fired at {firedAt}");
        Assert.False(fast.Scheduler.IsVirtual);
        Assert.Equal(50, ((Scheduling.RealTimeScheduler)fast.Scheduler).Speed);
    }

    [Fact]
    public void An_actor_that_gets_mail_from_its_constructor_processes_it_only_after_pre_start()
    {
        ActorOf(Props.Create(() => new EagerGreeter(TestActor)));
        ExpectMsg("pre-start done, then hello");
    }

    [Fact]
    public void A_real_time_system_refuses_to_drive_a_virtual_loop()
    {
        Assert.Throws<InvalidOperationException>(() => Sys.RunUntilIdle());
    }

    public sealed class Stats
    {
        private int _processed;
        private int _overlaps;
        private int _outOfOrder;

        public int Processed => Volatile.Read(ref _processed);

        public int Overlaps => Volatile.Read(ref _overlaps);

        public int OutOfOrder => Volatile.Read(ref _outOfOrder);

        public void Done() => Interlocked.Increment(ref _processed);

        public void Overlap() => Interlocked.Increment(ref _overlaps);

        public void Disorder() => Interlocked.Increment(ref _outOfOrder);
    }

    public sealed record Msg(int From, int Seq);

    public sealed class Exclusive : Actor
    {
        private int _inside;
        private readonly Dictionary<int, int> _lastBySender = new();

        public Exclusive(Stats stats)
        {
            Receive<Msg>(m =>
            {
                if (Interlocked.Increment(ref _inside) != 1) stats.Overlap();
                // Widen the window in which a second thread could enter.
                Thread.SpinWait(50);
                if (_lastBySender.TryGetValue(m.From, out var last) && last >= m.Seq) stats.Disorder();
                _lastBySender[m.From] = m.Seq;
                Interlocked.Decrement(ref _inside);
                stats.Done();
            });
        }
    }

    public sealed class EagerGreeter : Actor
    {
        private bool _started;

        public EagerGreeter(IActorRef report)
        {
            Receive<string>(s => report.Tell(_started ? "pre-start done, then " + s : "too early: " + s));
            // Mail arrives on a pool thread while this thread is still constructing.
            Self.Tell("hello");
        }

        protected override void PreStart()
        {
            // Give the pool every chance to run the mailbox now, if it wrongly could.
            Thread.SpinWait(200_000);
            _started = true;
        }
    }

    public sealed class Sleeper : Actor
    {
        public Sleeper(IActorRef report)
        {
            Receive<TimeSpan>(t => Timers.StartSingleTimer("t", "wake", t));
            Receive<string>(_ => report.Tell(Context.Elapsed));
        }
    }
}
