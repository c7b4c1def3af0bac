using ActorPods.Actors.Supervision;
using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>One-for-one supervision: directives, restart limits, lifecycle hooks, constructor failures.</summary>
public abstract class SupervisionSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void A_failing_actor_is_restarted_with_fresh_state_and_keeps_its_mailbox()
    {
        var counter = ActorOf(Props.Create(() => new Counter(TestActor)));
        counter.Tell("inc", TestActor);
        counter.Tell("inc", TestActor);
        counter.Tell("get", TestActor);
        ExpectMsg(2);
        counter.Tell("fail", TestActor);
        counter.Tell("get", TestActor);
        ExpectMsg("restarted");
        ExpectMsg(0);
    }

    [Fact]
    public void Lifecycle_hooks_run_in_order_around_a_restart()
    {
        var journal = new Journal();
        var actor = ActorOf(Props.Create(() => new Counter(TestActor, journal)));
        actor.Tell("fail", TestActor);
        ExpectMsg("restarted");
        actor.Tell("log", TestActor);
        var log = ExpectMsg<string>();
        Assert.Equal("PreStart#1 PreRestart#1:boom PostStop#1 PostRestart#2:boom", log);
    }

    [Fact]
    public void Resume_keeps_the_state_and_drops_only_the_failing_message()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Resume, -1)));
        parent.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        child.Tell("inc", TestActor);
        child.Tell("fail", TestActor);
        child.Tell("inc", TestActor);
        child.Tell("get", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void The_stop_directive_stops_the_failing_child()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Stop, -1)));
        parent.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        child.Tell("fail", TestActor);
        ExpectTerminated(child);
    }

    [Fact]
    public void Restarts_beyond_the_limit_within_the_window_stop_the_child()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Restart, 2, TimeSpan.FromMinutes(1))));
        parent.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        child.Tell("fail", TestActor);
        ExpectMsg("restarted");
        child.Tell("fail", TestActor);
        ExpectMsg("restarted");
        child.Tell("fail", TestActor);
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalation_fails_the_parent_and_its_supervisor_restarts_it()
    {
        var restarts = new RestartCount();
        var top = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Escalate, -1, restarts: restarts)), "top");
        top.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        child.Tell("fail", TestActor);
        // The guardian restarts "top"; the default PreRestart stops its children.
        ExpectTerminated(child);
        top.Tell("restarts?", TestActor);
        ExpectMsg(1);
        Assert.Equal(1, restarts.Value);
    }

    [Fact]
    public void An_exception_in_the_constructor_is_a_failure_the_supervisor_handles()
    {
        var attempts = new Attempts(failures: 2);
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Restart, 5, null, attempts)));
        parent.Tell("flaky", TestActor);
        var child = ExpectMsg<IActorRef>();
        child.Tell("get", TestActor);
        ExpectMsg(0);
        Assert.Equal(3, attempts.Count);
    }

    [Fact]
    public void By_default_an_actor_whose_constructor_throws_is_stopped()
    {
        var attempts = new Attempts(failures: int.MaxValue);
        var actor = ActorOf(Props.Create(() => new Flaky(attempts)));
        Watch(actor);
        ExpectTerminated(actor);
        Assert.Equal(1, attempts.Count);
    }

    [Fact]
    public void A_constructor_that_keeps_failing_is_stopped_at_the_restart_limit()
    {
        var attempts = new Attempts(failures: int.MaxValue);
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Restart, 3, null, attempts)));
        parent.Tell("flaky", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        ExpectTerminated(child);
        Assert.Equal(4, attempts.Count);
    }

    [Fact]
    public void Kill_makes_an_actor_fail_and_the_default_strategy_stops_it()
    {
        var actor = ActorOf(Props.Create(() => new Counter(TestActor)));
        Watch(actor);
        actor.Tell(Kill.Instance, TestActor);
        ExpectTerminated(actor);
    }

    /// <summary>Survives the parent's restarts (a new instance gets the same object through the Props closure).</summary>
    public sealed class RestartCount
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }

    /// <summary>Counts constructor runs and fails the first <c>failures</c> of them.</summary>
    public sealed class Attempts(int failures)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Next()
        {
            if (Interlocked.Increment(ref _count) <= failures) throw new InvalidOperationException("constructor failure");
        }
    }

    public sealed class Flaky : Actor
    {
        public Flaky(Attempts attempts)
        {
            attempts.Next();
            Receive<string>(s => s == "get", _ => Sender.Tell(0));
        }
    }

    /// <summary>Lifecycle log shared by all incarnations of one counter (each instance gets the next number).</summary>
    public sealed class Journal
    {
        private readonly List<string> _entries = [];
        private int _instances;

        public int NextInstance() => Interlocked.Increment(ref _instances);

        public void Add(string entry)
        {
            lock (_entries) _entries.Add(entry);
        }

        public override string ToString()
        {
            lock (_entries) return string.Join(' ', _entries);
        }
    }

    public sealed class Counter : Actor
    {
        private readonly IActorRef _report;
        private readonly Journal _journal;
        private readonly int _instance;
        private int _count;

        public Counter(IActorRef report) : this(report, new Journal()) { }

        public Counter(IActorRef report, Journal journal)
        {
            _report = report;
            _journal = journal;
            _instance = journal.NextInstance();
            Receive<string>(s => s == "inc", _ => _count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(_count));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "log", _ => Sender.Tell(journal.ToString()));
        }

        protected override void PreStart() => _journal.Add($"PreStart#{_instance}");

        protected override void PostStop() => _journal.Add($"PostStop#{_instance}");

        protected override void PreRestart(Exception reason, object? message)
        {
            _journal.Add($"PreRestart#{_instance}:{reason.Message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _journal.Add($"PostRestart#{_instance}:{reason.Message}");
            _report.Tell("restarted");
        }
    }

    public sealed class Parent : Actor
    {
        private readonly SupervisorStrategy _strategy;
        private readonly RestartCount _restarts;

        public Parent(IActorRef report, Func<Exception, Directive> decider, int maxRetries, TimeSpan? window = null, Attempts? attempts = null, RestartCount? restarts = null)
        {
            _restarts = restarts ?? new RestartCount();
            _strategy = new OneForOneStrategy(maxRetries, window, decider);
            Receive<string>(s => s == "child", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new Counter(report)))));
            Receive<string>(s => s == "flaky", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new Flaky(attempts!)))));
            Receive<string>(s => s == "restarts?", _ => Sender.Tell(_restarts.Value));
        }

        protected override SupervisorStrategy SupervisorStrategy => _strategy;

        protected override void PostRestart(Exception reason) => _restarts.Increment();
    }
}

public sealed class VirtualSupervisionSpec() : SupervisionSpec(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void Failures_spread_beyond_the_window_do_not_exhaust_the_restart_limit()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Restart, 2, TimeSpan.FromMinutes(1))));
        parent.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        for (var i = 0; i < 5; i++)
        {
            child.Tell("fail", TestActor);
            ExpectMsg("restarted");
            Sys.Advance(TimeSpan.FromSeconds(61));
        }
        child.Tell("get", TestActor);
        ExpectMsg(0);
    }
}

public sealed class RealTimeSupervisionSpec() : SupervisionSpec(ActorSystem.CreateRealTime(speed: 1));
