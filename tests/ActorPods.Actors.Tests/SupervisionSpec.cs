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
        var actor = ActorOf(Props.Create(() => new Counter(TestActor)));
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
        var top = ActorOf(Props.Create(() => new Parent(TestActor, _ => Directive.Escalate, -1)), "top");
        top.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        child.Tell("fail", TestActor);
        // The guardian restarts "top"; the default PreRestart stops its children.
        ExpectTerminated(child);
        top.Tell("restarts?", TestActor);
        ExpectMsg(1);
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

    public sealed class Counter : Actor
    {
        private static int s_instances;
        private readonly IActorRef _report;
        private readonly List<string> _log;
        private readonly int _instance = Interlocked.Increment(ref s_instances);
        private int _count;

        public Counter(IActorRef report) : this(report, []) { }

        private Counter(IActorRef report, List<string> log)
        {
            _report = report;
            _log = log;
            Receive<string>(s => s == "inc", _ => _count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(_count));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "log", _ => Sender.Tell(string.Join(' ', SharedLog)));
        }

        // The log must survive the instance swap, so it lives with the first instance's ref.
        private List<string> SharedLog => Logs.GetOrAdd(Self, _ => []);

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<IActorRef, List<string>> Logs = new();

        private int Local => _instance - FirstInstance.GetOrAdd(Self, _instance) + 1;

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<IActorRef, int> FirstInstance = new();

        protected override void PreStart() => SharedLog.Add($"PreStart#{Local}");

        protected override void PostStop() => SharedLog.Add($"PostStop#{Local}");

        protected override void PreRestart(Exception reason, object? message)
        {
            SharedLog.Add($"PreRestart#{Local}:{reason.Message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            SharedLog.Add($"PostRestart#{Local}:{reason.Message}");
            _report.Tell("restarted");
        }
    }

    public sealed class Parent : Actor
    {
        private readonly SupervisorStrategy _strategy;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<IActorRef, int> Restarts = new();

        public Parent(IActorRef report, Func<Exception, Directive> decider, int maxRetries, TimeSpan? window = null, Attempts? attempts = null)
        {
            _strategy = new OneForOneStrategy(maxRetries, window, decider);
            Receive<string>(s => s == "child", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new Counter(report)))));
            Receive<string>(s => s == "flaky", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new Flaky(attempts!)))));
            Receive<string>(s => s == "restarts?", _ => Sender.Tell(Restarts.GetValueOrDefault(Self)));
        }

        protected override SupervisorStrategy SupervisorStrategy => _strategy;

        protected override void PostRestart(Exception reason) => Restarts.AddOrUpdate(Self, 1, (_, n) => n + 1);
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
