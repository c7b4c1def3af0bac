using ActorPods.Actors.Transport;

namespace ActorPods.Actors.Tests;

/// <summary>
/// Parallel instants (<see cref="ActorSystemOptions.Lanes"/>): the isolated turns of one large instant run on several
/// threads, host by host, and whatever they ask of the kernel is carried out afterwards in delivery order. The outcome
/// must not depend on the number of lanes: the same deliveries in the same order, the same transport decisions, the
/// same events, the same supervision.
/// </summary>
public sealed class InstantLanesSpec
{
    private const int Hosts = 5;
    private const int PerHost = 12;

    /// <summary>Everything observable of a run, in the order it happened (one thread observes at a time).</summary>
    private sealed class World
    {
        public readonly List<string> Collected = [];
        public readonly List<string> Events = [];
        public readonly List<string> Routed = [];
        // Per host: written by every ticker of that host, so their relative order on the host is observable.
        public readonly Dictionary<string, List<string>> HostLogs = [];
        public IActorRef? Collector;
    }

    private sealed record Tick;
    private sealed record Later(int Id);
    private sealed record Followup(int Id, int N);
    private sealed record Observed(string What);

    private sealed class Collector : Actor
    {
        public Collector(World world) => ReceiveAny(m => world.Collected.Add($"{Context.Elapsed.TotalSeconds}s {m}"));
    }

    /// <summary>Ticks every 10 s with the others of its run; on ticks it reaches the kernel in every way an isolated
    /// turn may: tells within and across hosts, a timer due with the next tick, an event, a failure, stopping.</summary>
    private sealed class Ticker : Actor
    {
        private readonly int _id;
        private readonly World _world;
        private readonly List<string> _hostLog;
        private int _n;

        public Ticker(int id, World world, List<string> hostLog)
        {
            (_id, _world, _hostLog) = (id, world, hostLog);
            Receive<Tick>(_ => OnTick());
            Receive<Followup>(f => _hostLog.Add($"followup {f.Id}/{f.N}"));
            Receive<Later>(l => _hostLog.Add($"later {l.Id} at {Context.Elapsed.TotalSeconds}"));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(10));

        protected override void PostRestart(Exception reason)
        {
            _hostLog.Add($"restarted {_id} at {Context.Elapsed.TotalSeconds}: {reason.Message}");
            base.PostRestart(reason);
        }

        protected override bool RunsIsolated(object timerMessage) => timerMessage is Tick;

        private void OnTick()
        {
            _n++;
            _hostLog.Add($"tick {_id}/{_n} r{Context.Random.Next(100)}");
            if ((_id + _n) % 3 == 0) _world.Collector!.Tell($"from {_id} tick {_n}");
            if ((_id + _n) % 4 == 0) Self.Tell(new Followup(_id, _n));
            if ((_id + _n) % 5 == 0) Timers.StartSingleTimer("later", new Later(_id), TimeSpan.FromSeconds(10));
            if ((_id + _n) % 2 == 0) Context.System.EventStream.Publish(new Observed($"{_id}/{_n}"));
            if (_id % 7 == 3 && _n == 2) throw new InvalidOperationException($"ticker {_id} fails");
            if (_id % 11 == 5 && _n == 4) Context.Stop(Self);
        }
    }

    /// <summary>Not isolated: its tick splits the instant's run of isolated ones.</summary>
    private sealed class Plain : Actor
    {
        public Plain(World world)
        {
            Receive<Tick>(_ => world.Collected.Add($"plain at {Context.Elapsed.TotalSeconds}"));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(10));
    }

    /// <summary>Delays cross-host messages by a random 0–2 s drawn from the system's generator, in routing order.</summary>
    private sealed class RandomLatency(ActorSystem system, World world) : ITransport
    {
        public TransportVerdict Route(in TransportMessage message)
        {
            var delay = TimeSpan.FromMilliseconds(system.Random.Next(2000));
            world.Routed.Add($"{message.FromHost}->{message.ToHost} {message.Message} +{delay.TotalMilliseconds}ms");
            return TransportVerdict.DeliverAfter(delay);
        }
    }

    private static (World World, long Processed, long OnLanes) Run(int lanes, int threshold = 4)
    {
        var world = new World();
        using var sys = ActorSystem.CreateVirtual(seed: 7, new ActorSystemOptions { Lanes = lanes, LaneThreshold = threshold });
        sys.Transport = new RandomLatency(sys, world);
        sys.EventStream.Subscribe<Observed>(e => world.Events.Add($"{sys.Elapsed.TotalSeconds}s {e.What}"));
        world.Collector = sys.ActorOf(Props.Create(() => new Collector(world)).WithHost("control"), "collector");
        var id = 0;
        for (var h = 0; h < Hosts; h++)
        {
            var host = $"node-{h}";
            var log = world.HostLogs[host] = [];
            for (var i = 0; i < PerHost; i++)
            {
                var me = id++;
                sys.ActorOf(Props.Create(() => new Ticker(me, world, log)).WithHost(host), $"ticker-{me}");
                if (me == 30) sys.ActorOf(Props.Create(() => new Plain(world)).WithHost(host), "plain");
            }
        }
        sys.RunUntil(TimeSpan.FromSeconds(65));
        return (world, sys.VirtualTime.ProcessedCount, sys.VirtualTime.LaneDeliveries);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void An_instant_run_on_lanes_has_the_outcome_of_one_run_on_the_loop_alone(int lanes)
    {
        var serial = Run(lanes: 1);
        var parallel = Run(lanes);

        Assert.Equal(0, serial.OnLanes);
        Assert.True(parallel.OnLanes > 0, "no instant went to the lanes");
        Assert.Equal(serial.Processed, parallel.Processed);
        Assert.Equal(serial.World.Collected, parallel.World.Collected);
        Assert.Equal(serial.World.Routed, parallel.World.Routed);
        Assert.Equal(serial.World.Events, parallel.World.Events);
        foreach (var (host, log) in serial.World.HostLogs) Assert.Equal(log, parallel.World.HostLogs[host]);
        // The workload did reach each kind of effect.
        Assert.Contains(serial.World.Collected, l => l.Contains("plain", StringComparison.Ordinal));
        var hostLines = serial.World.HostLogs.Values.SelectMany(l => l).ToList();
        Assert.Contains(hostLines, l => l.StartsWith("restarted", StringComparison.Ordinal));
        Assert.Contains(hostLines, l => l.StartsWith("later", StringComparison.Ordinal));
        Assert.Contains(hostLines, l => l.StartsWith("followup", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_shorter_than_the_threshold_stay_on_the_loop()
    {
        var (_, _, onLanes) = Run(lanes: 2, threshold: Hosts * PerHost + 1);
        Assert.Equal(0, onLanes);
    }

    private sealed class Spawner : Actor
    {
        private readonly List<string> _failures;

        public Spawner(World world, List<string> failures)
        {
            _failures = failures;
            Receive<Tick>(_ => Context.ActorOf(Props.Create(() => new Collector(world))));
        }

        protected override void PostRestart(Exception reason)
        {
            _failures.Add(reason.Message);
            base.PostRestart(reason);
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(10));

        protected override bool RunsIsolated(object timerMessage) => true;
    }

    [Fact]
    public void An_isolated_turn_that_spawns_fails_as_the_actors_own_error()
    {
        var world = new World();
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = 2, LaneThreshold = 2 });
        var errors = new List<string>();
        for (var i = 0; i < 4; i++) sys.ActorOf(Props.Create(() => new Spawner(world, errors)).WithHost($"node-{i % 2}"));
        sys.RunUntil(TimeSpan.FromSeconds(10));

        Assert.Equal(4, errors.Count);
        Assert.All(errors, m => Assert.Contains("may not spawn actors", m, StringComparison.Ordinal));
        Assert.Equal(4, sys.VirtualTime.LaneDeliveries);
    }

    /// <summary>Records, per tick, whether its turn ran on a lane (Context.OnLane); isolated or not as asked.</summary>
    private sealed class LaneReporter : Actor
    {
        private readonly bool _isolated;

        public LaneReporter(bool isolated, System.Collections.Concurrent.ConcurrentQueue<(bool Isolated, bool OnLane)> seen)
        {
            _isolated = isolated;
            Receive<Tick>(_ => seen.Enqueue((isolated, Context.OnLane)));
            Receive<string>(_ => seen.Enqueue((false, Context.OnLane)));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(10));

        protected override bool RunsIsolated(object timerMessage) => _isolated;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_turn_knows_whether_it_runs_on_a_lane(int lanes)
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(bool Isolated, bool OnLane)>();
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = lanes, LaneThreshold = 2 });
        var refs = new List<IActorRef>();
        for (var i = 0; i < 4; i++) refs.Add(sys.ActorOf(Props.Create(() => new LaneReporter(true, seen)).WithHost($"node-{i % 2}")));
        sys.ActorOf(Props.Create(() => new LaneReporter(false, seen)).WithHost("node-0"));
        sys.RunUntil(TimeSpan.FromSeconds(30));
        foreach (var r in refs) r.Tell("plain message");
        sys.RunUntil(TimeSpan.FromSeconds(31));

        Assert.Equal(3 * 5 + 4, seen.Count);
        // Only isolated ticks run on lanes, and only when there are lanes; a plain message never does.
        Assert.All(seen, s => Assert.Equal(lanes > 1 && s.Isolated, s.OnLane));
    }

    [Fact]
    public void Lanes_must_be_at_least_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.CreateVirtual(0, new ActorSystemOptions { Lanes = 0 }));
    }
}
