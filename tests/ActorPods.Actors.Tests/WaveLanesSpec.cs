using ActorPods.Actors.Transport;

namespace ActorPods.Actors.Tests;

/// <summary>
/// Spread waves (<see cref="Actor.RunsApart"/>): in a large wave, each apart actor's deliveries run on a thread of their
/// own while the rest of the wave runs in delivery order on the loop's thread, and whatever they asked of the kernel is
/// carried out afterwards in delivery order. The outcome must not depend on the number of lanes: the same deliveries
/// in the same order, the same transport decisions, the same replies, spawns, asks and events.
/// </summary>
public sealed class WaveLanesSpec
{
    private const int Hosts = 5;
    private const int PerHost = 10;

    private sealed class World
    {
        public readonly List<string> Events = [];
        public readonly List<string> Routed = [];
        public readonly Dictionary<string, List<string>> HostLogs = [];
        // Written only by the store's and the auditor's own turns.
        public readonly List<string> StoreLog = [];
        public readonly List<string> AuditLog = [];
        public readonly System.Collections.Concurrent.ConcurrentQueue<(string Who, bool OnLane)> Lanes = new();
        public IActorRef? Store;
        public IActorRef? Auditor;
    }

    private sealed record Tick;
    private sealed record Put(string Key, int Value);
    private sealed record Get(string Key);
    private sealed record Stored(long Revision);
    private sealed record Value(string Key, int? Current);
    private sealed record Changed(string Key, long Revision);
    private sealed record Answered(string What);
    private sealed record Observed(string What);
    private sealed record Later(int N);

    /// <summary>A store of record: keeps to itself, answers every client and tells the auditor of each change.</summary>
    private sealed class Store : Actor
    {
        private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
        private long _revision;

        public Store(World world)
        {
            Receive<Put>(p =>
            {
                world.Lanes.Enqueue(("store", Context.OnLane));
                _values[p.Key] = p.Value;
                _revision++;
                world.StoreLog.Add($"{Context.Elapsed.TotalMilliseconds}ms put {p.Key}={p.Value} r{_revision} from {Sender.Path} draw {Context.Random.Next(1000)}");
                Sender.Tell(new Stored(_revision));
                world.Auditor!.Tell(new Changed(p.Key, _revision));
                if (_revision % 17 == 0) Context.System.EventStream.Publish(new Observed($"store r{_revision}"));
            });
            Receive<Get>(g => Sender.Tell(new Value(g.Key, _values.TryGetValue(g.Key, out var v) ? v : null)));
        }

        protected override bool RunsApart => true;
    }

    /// <summary>A second apart actor on the same host: the wave's apart groups are per actor, not per host.</summary>
    private sealed class Auditor : Actor
    {
        private int _seen;

        public Auditor(World world)
        {
            Receive<Tick>(_ => world.AuditLog.Add($"{Context.Elapsed.TotalMilliseconds}ms audit tick after #{_seen}"));
            Receive<Changed>(c =>
            {
                _seen++;
                world.AuditLog.Add($"{Context.Elapsed.TotalMilliseconds}ms {c.Key} r{c.Revision} #{_seen}");
                // Its effects interleave with the clients' in the same waves.
                Context.System.EventStream.Publish(new Observed($"audit r{c.Revision}"));
                if (_seen % 5 == 0) throw new InvalidOperationException($"auditor fails at {_seen}");
            });
        }

        protected override bool RunsApart => true;

        // Ticks with the clients: their instants' due events are waves with an apart delivery too.
        protected override void PreStart() => Timers.StartPeriodicTimer("audit", new Tick(), TimeSpan.FromSeconds(1));
    }

    /// <summary>A client of the store (not apart): writes on its ticks; on answers it spawns, asks, publishes, re-tells.</summary>
    private sealed class Client : Actor
    {
        private readonly int _id;
        private readonly List<string> _log;
        private int _n;

        public Client(int id, World world, List<string> log)
        {
            (_id, _log) = (id, log);
            Receive<Tick>(_ =>
            {
                _n++;
                _log.Add($"{Context.Elapsed.TotalMilliseconds}ms client {_id} tick {_n}");
                world.Lanes.Enqueue(("client", Context.OnLane));
                world.Store!.Tell(new Put($"k{_id % 7}", _id * 100 + _n));
                // Due with the next tick: which of the two comes first is the order of the kernel's calls.
                if ((_id + _n) % 2 == 0) Timers.StartSingleTimer("later", new Later(_n), TimeSpan.FromSeconds(1));
            });
            Receive<Stored>(s =>
            {
                _log.Add($"{Context.Elapsed.TotalMilliseconds}ms client {_id} stored r{s.Revision}");
                if (s.Revision % 3 == 0) Context.ActorOf(Props.Create(() => new Echo(log)), $"echo-{_n}").Tell($"child of {_id} at r{s.Revision}");
                if (s.Revision % 4 == 0)
                {
                    var self = Self;
                    world.Store!.Ask<Value>(new Get($"k{_id % 7}"), TimeSpan.FromSeconds(5))
                        .ContinueWith(t => self.Tell(new Answered($"{t.Result.Key}={t.Result.Current}")), TaskContinuationOptions.ExecuteSynchronously);
                }
                Context.System.EventStream.Publish(new Observed($"client {_id} r{s.Revision}"));
            });
            Receive<Answered>(a => _log.Add($"{Context.Elapsed.TotalMilliseconds}ms client {_id} asked {a.What}"));
            Receive<Later>(l => _log.Add($"{Context.Elapsed.TotalMilliseconds}ms client {_id} later {l.N} (tick {_n})"));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(1));
    }

    private sealed class Echo : Actor
    {
        public Echo(List<string> log) => Receive<string>(m => log.Add($"echo {m}"));
    }

    /// <summary>Messages to the store go at once or after a random 0–20 ms, drawn in routing order: some waves are
    /// the ring's, some an instant's due events.</summary>
    private sealed class RandomLatency(ActorSystem system, World world) : ITransport
    {
        public TransportVerdict Route(in TransportMessage message)
        {
            var delay = system.Random.Next(2) == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(system.Random.Next(20));
            world.Routed.Add($"{message.FromHost}->{message.ToHost} {message.Message} +{delay.TotalMilliseconds}ms");
            return delay == TimeSpan.Zero ? TransportVerdict.Now : TransportVerdict.DeliverAfter(delay);
        }
    }

    private static (World World, long Processed, long Waves, long Apart) Run(int lanes, int threshold = 8)
    {
        var world = new World();
        using var sys = ActorSystem.CreateVirtual(seed: 11, new ActorSystemOptions { Lanes = lanes, LaneThreshold = threshold });
        sys.Transport = new RandomLatency(sys, world);
        sys.EventStream.Subscribe<Observed>(e => world.Events.Add($"{sys.Elapsed.TotalMilliseconds}ms {e.What}"));
        world.Store = sys.ActorOf(Props.Create(() => new Store(world)).WithHost("cp"), "store");
        world.Auditor = sys.ActorOf(Props.Create(() => new Auditor(world)).WithHost("cp"), "auditor");
        var id = 0;
        for (var h = 0; h < Hosts; h++)
        {
            var host = $"node-{h}";
            var log = world.HostLogs[host] = [];
            for (var i = 0; i < PerHost; i++)
            {
                var me = id++;
                sys.ActorOf(Props.Create(() => new Client(me, world, log)).WithHost(host), $"client-{me}");
            }
        }
        sys.RunUntil(TimeSpan.FromSeconds(12));
        return (world, sys.VirtualTime.ProcessedCount, sys.VirtualTime.WavesSpread, sys.VirtualTime.ApartDeliveries);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_wave_spread_over_lanes_has_the_outcome_of_one_run_on_the_loop_alone(int lanes)
    {
        var serial = Run(lanes: 1);
        var parallel = Run(lanes);

        Assert.Equal(0, serial.Waves);
        Assert.True(parallel.Waves > 0, "no wave was spread");
        Assert.True(parallel.Apart > 0);
        Assert.Equal(serial.Processed, parallel.Processed);
        Assert.Equal(serial.World.Routed, parallel.World.Routed);
        Assert.Equal(serial.World.StoreLog, parallel.World.StoreLog);
        Assert.Equal(serial.World.AuditLog, parallel.World.AuditLog);
        Assert.Equal(serial.World.Events, parallel.World.Events);
        foreach (var (host, log) in serial.World.HostLogs) Assert.Equal(log, parallel.World.HostLogs[host]);
        // The workload did reach each kind of effect.
        var hostLines = serial.World.HostLogs.Values.SelectMany(l => l).ToList();
        Assert.Contains(hostLines, l => l.StartsWith("echo", StringComparison.Ordinal));
        Assert.Contains(hostLines, l => l.Contains("asked", StringComparison.Ordinal));
        Assert.Contains(hostLines, l => l.Contains("later", StringComparison.Ordinal));
        Assert.Contains(serial.World.Events, l => l.Contains("audit", StringComparison.Ordinal));
        Assert.Contains(serial.World.Events, l => l.Contains("store", StringComparison.Ordinal));
        Assert.Contains(serial.World.Events, l => l.Contains("client", StringComparison.Ordinal));
        Assert.True(serial.World.AuditLog.Count >= 10, "the auditor never failed and restarted");
    }

    [Fact]
    public void Apart_turns_run_beside_others_and_the_rest_of_a_wave_does_not()
    {
        var (world, _, waves, _) = Run(lanes: 2, threshold: 1);
        Assert.True(waves > 0);
        var seen = world.Lanes.ToList();
        Assert.Contains(seen, s => s is ("store", true));
        Assert.DoesNotContain(seen, s => s is ("client", true));
    }

    [Fact]
    public void Waves_with_too_few_apart_deliveries_stay_on_the_loop()
    {
        // 50 clients: no wave reaches 1 000 deliveries.
        var (_, _, waves, apart) = Run(lanes: 2, threshold: 1000);
        Assert.Equal(0, waves);
        Assert.Equal(0, apart);
    }

    private sealed class SpawningStore : Actor
    {
        public SpawningStore(List<string> failures)
        {
            Receive<Put>(_ => Context.ActorOf(Props.Create(() => new Echo([]))));
            ReceiveAny(_ => { });
            _failures = failures;
        }

        private readonly List<string> _failures;

        protected override bool RunsApart => true;

        protected override void PostRestart(Exception reason)
        {
            _failures.Add(reason.Message);
            base.PostRestart(reason);
        }
    }

    /// <summary>Writes to the store and, in the same wave, to itself: the rest of the wave the store's turns run beside.</summary>
    private sealed class Writer : Actor
    {
        private readonly IActorRef _store;

        public Writer(IActorRef store)
        {
            _store = store;
            ReceiveAny(_ => { });
        }

        protected override void PreStart()
        {
            _store.Tell(new Put("k", 1));
            Self.Tell("written");
        }
    }

    /// <summary>An apart actor that only counts what it is sent.</summary>
    private sealed class Sink : Actor
    {
        public Sink(List<string> got) => ReceiveAny(m => got.Add($"{m}"));

        protected override bool RunsApart => true;
    }

    private sealed class PutOnly(IActorRef sink) : Actor
    {
        protected override void PreStart() => sink.Tell(new Put("k", 1));
    }

    [Fact]
    public void A_wave_of_one_apart_actors_deliveries_alone_is_not_spread()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = 2, LaneThreshold = 1 });
        var got = new List<string>();
        var sink = sys.ActorOf(Props.Create(() => new Sink(got)).WithHost("cp"), "sink");
        for (var i = 0; i < 4; i++) sys.ActorOf(Props.Create(() => new PutOnly(sink)).WithHost($"node-{i}"));
        // The only wave is the four writes: nothing to run beside them, so they stay on the loop's thread.
        sys.RunUntil(TimeSpan.FromSeconds(1));
        Assert.Equal(4, got.Count);
        Assert.Equal(0, sys.VirtualTime.WavesSpread);
    }

    [Fact]
    public void An_apart_turn_that_spawns_fails_as_the_actors_own_error()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = 2, LaneThreshold = 1 });
        var failures = new List<string>();
        var store = sys.ActorOf(Props.Create(() => new SpawningStore(failures)).WithHost("cp"), "store");
        for (var i = 0; i < 4; i++) sys.ActorOf(Props.Create(() => new Writer(store)).WithHost($"node-{i}"));
        sys.RunUntil(TimeSpan.FromSeconds(1));

        // The first wave (four writes beside four self-tells) is spread; later ones (the restarted store's parked
        // writes alone) are not, so only the first write is refused: a mistake that shows only with lanes, as with
        // RunsIsolated.
        Assert.True(sys.VirtualTime.WavesSpread > 0);
        Assert.NotEmpty(failures);
        Assert.All(failures, m => Assert.Contains("may not spawn actors", m, StringComparison.Ordinal));
    }
    private sealed record Beat;

    /// <summary>Beats every 10 s; apart or isolated as asked (never both).</summary>
    private sealed class Beater(bool apart) : Actor
    {
        protected override void PreStart()
        {
            Receive<Beat>(_ => { });
            Timers.StartPeriodicTimer("beat", new Beat(), TimeSpan.FromSeconds(10));
        }

        protected override bool RunsApart => apart;

        protected override bool RunsIsolated(object timerMessage) => !apart;
    }

    [Fact]
    public void Isolated_timers_behind_apart_ones_in_an_instant_still_run_by_host_on_the_lanes()
    {
        // Each instant: four apart actors' beats, then eight isolated beats of eight hosts. The apart beats are a wave
        // of their own; the isolated ones must not be swept into that wave's rest (one thread, in order).
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = 2, LaneThreshold = 2 });
        for (var i = 0; i < 4; i++) sys.ActorOf(Props.Create(() => new Beater(true)).WithHost($"cp-{i}"));
        for (var i = 0; i < 8; i++) sys.ActorOf(Props.Create(() => new Beater(false)).WithHost($"node-{i}"));
        sys.RunUntil(TimeSpan.FromSeconds(35));
        Assert.Equal(3, sys.VirtualTime.WavesSpread);
        Assert.Equal(12, sys.VirtualTime.ApartDeliveries);
        Assert.Equal(24, sys.VirtualTime.LaneDeliveries);
    }
}
