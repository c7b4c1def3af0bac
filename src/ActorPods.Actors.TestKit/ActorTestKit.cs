namespace ActorPods.Actors.TestKit;

/// <summary>
/// xunit base class: every test gets a fresh system (virtual time, seed 0, unless a subclass passes another) and a
/// default probe, <see cref="TestActor"/>, behind the Expect/Within/AwaitAssert helpers. Disposed after each test.
/// </summary>
public class ActorTestKit : IDisposable
{
    public ActorTestKit() : this(ActorSystem.CreateVirtual(seed: 0)) { }

    public ActorTestKit(ActorSystem system)
    {
        Sys = system ?? throw new ArgumentNullException(nameof(system));
        if (!system.Scheduler.IsVirtual) EnsurePoolThreads();
        Probe = new TestProbe(system, "testActor");
    }

    public ActorSystem Sys { get; }

    /// <summary>The default probe.</summary>
    public TestProbe Probe { get; }

    /// <summary>The default probe's ref: use it as sender/reply-to in tests.</summary>
    public IActorRef TestActor => Probe.Ref;

    public bool IsVirtual => Sys.Scheduler.IsVirtual;

    public TestProbe CreateTestProbe(string? name = null, string? host = null) => new(Sys, name, host);

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<T>(string? name = null) where T : Actor, new() => Sys.ActorOf<T>(name);

    public IActorRef Watch(IActorRef target) => Probe.Watch(target);

    public T ExpectMsg<T>(TimeSpan? within = null) => Probe.ExpectMsg<T>(within);

    public T ExpectMsg<T>(T expected, TimeSpan? within = null) => Probe.ExpectMsg(expected, within);

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? within = null) => Probe.ExpectMsg(predicate, within);

    public void ExpectNoMsg(TimeSpan duration) => Probe.ExpectNoMsg(duration);

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? within = null) => Probe.ExpectTerminated(target, within);

    public object FishForMessage(Predicate<object> isTheOne, TimeSpan? max = null) => Probe.FishForMessage(isTheOne, max);

    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? max = null, TimeSpan? idle = null, int msgs = int.MaxValue)
        where T : class => Probe.ReceiveWhile(filter, max, idle, msgs);

    public void Within(TimeSpan max, Action body) => Probe.Within(max, body);

    public void Within(TimeSpan min, TimeSpan max, Action body) => Probe.Within(min, max, body);

    public T Within<T>(TimeSpan max, Func<T> body) => Probe.Within(max, body);

    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) =>
        Probe.AwaitAssert(assertion, duration, interval);

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) =>
        Probe.AwaitCondition(condition, max, message);

    /// <summary>Waits for <paramref name="task"/> in system time (runs the virtual loop while waiting) and returns its result.</summary>
    public T Await<T>(Task<T> task, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        Probe.AwaitCondition(() => task.IsCompleted, max, "task did not complete");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Test runners run tests on pool threads and our expectations block them while waiting; with the default minimum
    /// (one thread per core) the actors' mailboxes would wait for the pool's starvation detection (~0.5 s per thread).
    /// </summary>
    private static void EnsurePoolThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 32) ThreadPool.SetMinThreads(32, io);
    }

    public virtual void Dispose()
    {
        Sys.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same base class on a real-time system (thread pool, real clock at <c>speed</c>).</summary>
public class RealTimeActorTestKit(double speed = 1.0) : ActorTestKit(ActorSystem.CreateRealTime(speed));
