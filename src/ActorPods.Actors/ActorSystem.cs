using ActorPods.Actors.Events;
using ActorPods.Actors.Internal;
using ActorPods.Actors.Scheduling;
using ActorPods.Actors.Supervision;
using ActorPods.Actors.Transport;

namespace ActorPods.Actors;

/// <summary>
/// A tree of actors, a clock, a seed. Create one with <see cref="CreateVirtual"/> (discrete events, reproducible) or
/// <see cref="CreateRealTime"/> (thread pool, optionally sped up). Top-level actors live under <c>/user</c>.
/// </summary>
public sealed partial class ActorSystem : IDisposable
{
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly SeededRandom _random;
    private long _deadLetters;
    private long _dropped;
    private int _disposed;

    private ActorSystem(ActorScheduler scheduler, int seed, ActorSystemOptions options)
    {
        Scheduler = scheduler;
        Seed = seed;
        Options = options;
        if (scheduler is VirtualTimeScheduler loop)
        {
            loop.UseLanes(options.Lanes, options.LaneThreshold);
            EventStream.Loop = loop;
        }
        _random = new SeededRandom(SeededRandom.Mix(seed, -1), threadSafe: !scheduler.IsVirtual);
        DeadLetters = new DeadLettersRef(this);
        var host = GetOrCreateHost(options.DefaultHost);
        _root = new ActorCell(host, null, Props.Create(() => new GuardianActor(SupervisorStrategy.StoppingStrategy)), "", RootUid);
        _root.Create();
        _userGuardian = _root.SpawnChild(Props.Create(() => new GuardianActor(options.GuardianStrategy)), "user");
        _systemGuardian = _root.SpawnChild(Props.Create(() => new GuardianActor(SupervisorStrategy.Default)), "system");
    }

    /// <summary>A discrete-event system: nothing runs until you call <see cref="RunUntil"/>, <see cref="Advance"/> or <see cref="RunUntilIdle"/>.
    /// Same seed and same inputs give the same delivery order.</summary>
    public static ActorSystem CreateVirtual(int seed = 0, ActorSystemOptions? options = null)
    {
        options = Validate(options);
        return new ActorSystem(new VirtualTimeScheduler(options.Epoch ?? ActorSystemOptions.DefaultVirtualEpoch), seed, options);
    }

    /// <summary>A thread-pool system on a real clock running <paramref name="speed"/> system seconds per real second.</summary>
    public static ActorSystem CreateRealTime(double speed = 1.0, int seed = 0, ActorSystemOptions? options = null)
    {
        options = Validate(options);
        return new ActorSystem(new RealTimeScheduler(options.Epoch ?? RealTimeScheduler.WallClockNow(), speed), seed, options);
    }

    // Before any scheduler exists: a real-time scheduler starts a thread.
    private static ActorSystemOptions Validate(ActorSystemOptions? options)
    {
        options ??= new ActorSystemOptions();
        if (options.Throughput < 1) throw new ArgumentOutOfRangeException(nameof(options), "Throughput must be at least 1.");
        if (options.Lanes < 1) throw new ArgumentOutOfRangeException(nameof(options), "Lanes must be at least 1.");
        ArgumentException.ThrowIfNullOrEmpty(options.DefaultHost);
        return options;
    }

    public string Name => Options.Name;

    public int Seed { get; }

    public ActorSystemOptions Options { get; }

    public ActorScheduler Scheduler { get; }

    /// <summary>The virtual-time loop; throws for a real-time system.</summary>
    public VirtualTimeScheduler VirtualTime =>
        Scheduler as VirtualTimeScheduler ?? throw new InvalidOperationException("This system runs in real time.");

    public EventStream EventStream { get; } = new();

    /// <summary>Undeliverable mail goes here; it is also what "no sender" looks like.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Messages that ended in dead letters so far.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetters);

    /// <summary>Cross-host messages the transport dropped so far.</summary>
    public long DroppedMessageCount => Interlocked.Read(ref _dropped);

    /// <summary>System-wide seeded generator for non-actor code (transports, fault injection). Thread-safe under real time.
    /// Actors use <see cref="IActorContext.Random"/> instead.</summary>
    public Random Random => _random;

    public TimeSpan Elapsed => Scheduler.Elapsed;

    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>The /user guardian, parent of top-level actors.</summary>
    public IActorRef UserGuardian => _userGuardian;

    /// <summary>Spawns a top-level actor under /user.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.SpawnChild(props, name);

    public IActorRef ActorOf<T>(string? name = null) where T : Actor, new() => ActorOf(Props.Create<T>(), name);

    /// <summary>Spawns an infrastructure actor under /system (test probes, tracers).</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.SpawnChild(props, name);

    /// <summary>Stops an actor; no user message is processed by it after this returns.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell) cell.RequestStop();
    }

    /// <summary>Runs the virtual loop up to <paramref name="time"/> since start (virtual systems only).</summary>
    public void RunUntil(TimeSpan time) => VirtualTime.RunUntil(time);

    /// <summary>Runs the virtual loop for <paramref name="duration"/> (virtual systems only).</summary>
    public void Advance(TimeSpan duration) => VirtualTime.Advance(duration);

    /// <summary>Runs the virtual loop until nothing is scheduled (virtual systems only); see <see cref="VirtualTimeScheduler.RunUntilIdle"/>.</summary>
    public bool RunUntilIdle(TimeSpan? maxAdvance = null) => VirtualTime.RunUntilIdle(maxAdvance);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Scheduler.Shutdown();
    }

    /// <summary>The root guardian's uid; every other actor's is derived from its parent's (ActorCell.SpawnChild).</summary>
    internal const long RootUid = 1;

    /// <summary>Spawning is not allowed in an isolated turn on a lane (its host list and child bookkeeping are shared).</summary>
    internal void CheckSpawnAllowed() => (Scheduler as VirtualTimeScheduler)?.ThrowIfOnLane("Spawning an actor");

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        Interlocked.Increment(ref _deadLetters);
        if (EventStream.HasSubscribersFor<DeadLetter>()) EventStream.Publish(message as DeadLetter ?? new DeadLetter(message, sender, recipient));
    }

    internal void PublishDropped(in TransportMessage message, string reason)
    {
        Interlocked.Increment(ref _dropped);
        if (EventStream.HasSubscribersFor<MessageDropped>())
        {
            EventStream.Publish(new MessageDropped(message.Message, message.Sender, message.Recipient, message.FromHost, message.ToHost, reason));
        }
    }
}
