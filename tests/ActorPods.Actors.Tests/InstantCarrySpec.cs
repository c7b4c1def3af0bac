namespace ActorPods.Actors.Tests;

/// <summary>
/// An instant run on lanes whose timers all re-arm alike and ask nothing else of the kernel moves its whole bucket to
/// the instant they go to (<see cref="Scheduling.VirtualTimeScheduler.InstantsCarried"/>) instead of pushing each next
/// firing. Whether or not it does, the outcome must be that of one lane: every firing at its time, in its order. The
/// workload has instants that may be carried and each reason one may not: a single timer in the run, periods that
/// differ, an instant that already has events (a timer armed long before, or another period's re-arms), turns that ask
/// the kernel for something.
/// </summary>
public sealed class InstantCarrySpec
{
    private const int Hosts = 5;

    private sealed record Tick;
    private sealed record Once;

    /// <summary>Logs every firing on its host's log (in delivery order there), nothing else, unless it is a talker.</summary>
    private sealed class Quiet : Actor
    {
        private readonly int _id;
        private readonly int _period;
        private readonly int? _onceAt;
        private readonly bool _talks;
        private readonly List<string> _log;
        private int _n;

        public Quiet(int id, int period, int? onceAt, bool talks, List<string> log)
        {
            (_id, _period, _onceAt, _talks, _log) = (id, period, onceAt, talks, log);
            Receive<Tick>(_ => OnTick());
            Receive<Once>(_ => _log.Add($"{Context.Elapsed.TotalSeconds}s once {_id}"));
            Receive<string>(s => _log.Add($"{Context.Elapsed.TotalSeconds}s {_id} heard {s}"));
        }

        protected override void PreStart()
        {
            Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(_period));
            if (_onceAt is { } at) Timers.StartSingleTimer("once", new Once(), TimeSpan.FromSeconds(at));
        }

        protected override bool RunsIsolated(object timerMessage) => true;

        private void OnTick()
        {
            _n++;
            _log.Add($"{Context.Elapsed.TotalSeconds}s tick {_id}/{_n} r{Context.Random.Next(100)}");
            // A talker's first tick asks the kernel for something: that instant (10 s) is not carried.
            if (_talks && _n == 1) Self.Tell($"tick {_n}");
        }
    }

    /// <summary>Not isolated, on the control host: a single timer armed before the ticks', due where their re-arms go
    /// later (it comes first there), and a 10 s ticker started after them (it comes behind each of their runs).</summary>
    private sealed class Early : Actor
    {
        public Early(List<string> log) => Receive<Once>(_ => log.Add($"{Context.Elapsed.TotalSeconds}s early"));

        protected override void PreStart() => Timers.StartSingleTimer("early", new Once(), TimeSpan.FromSeconds(100));
    }

    private sealed class Late : Actor
    {
        public Late(List<string> log) => Receive<Tick>(_ => log.Add($"{Context.Elapsed.TotalSeconds}s late"));

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromSeconds(10));
    }

    private sealed record Outcome(Dictionary<string, List<string>> Logs, List<string> Control, long Processed, long Carried, int PendingAfterOnce);

    private static Outcome Run(int lanes)
    {
        var logs = new Dictionary<string, List<string>>();
        var control = new List<string>();
        using var sys = ActorSystem.CreateVirtual(seed: 3, new ActorSystemOptions { Lanes = lanes, LaneThreshold = 4 });
        sys.ActorOf(Props.Create(() => new Early(control)).WithHost("control"), "early");
        var id = 0;
        for (var h = 0; h < Hosts; h++)
        {
            var host = $"node-{h}";
            var log = logs[host] = [];
            for (var i = 0; i < 6; i++)
            {
                var me = id++;
                // Hosts of 10 s tickers, one of 15 s (at 30 s lanes may each re-arm alike, but differently), one
                // with a 25 s ticker among 10 s ones (at 100 s one host re-arms two ways); a single timer due at 70 s
                // among ticks whose next instant is free; a talker at 10 s. Instants 20, 40, 60 and 90 find their
                // re-arms' instant taken (another period's re-arms, the single timer, the early timer).
                var period = h == 2 ? 15 : h == 4 && i == 5 ? 25 : 10;
                int? onceAt = h == 3 && i == 0 ? 70 : null;
                var talks = h == 3 && i == 1;
                sys.ActorOf(Props.Create(() => new Quiet(me, period, onceAt, talks, log)).WithHost(host), $"quiet-{me}");
            }
        }
        sys.ActorOf(Props.Create(() => new Late(control)).WithHost("control"), "late");
        // Just after the single timer's instant: a single timer carried along with the ticks would still be pending
        // (it would then be dropped as spent, leaving no other trace).
        sys.RunUntil(TimeSpan.FromSeconds(72));
        var pending = sys.VirtualTime.PendingCount;
        // Ten minutes: buckets carried once are carried again, with events already waiting ahead of them and their
        // items wrapped around the end of the array.
        sys.RunUntil(TimeSpan.FromSeconds(605));
        return new Outcome(logs, control, sys.VirtualTime.ProcessedCount, sys.VirtualTime.InstantsCarried, pending);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Carried_and_pushed_re_arms_give_the_outcome_of_one_lane(int lanes)
    {
        var serial = Run(lanes: 1);
        Assert.Equal(0, serial.Carried);
        // Which lane takes which host's deliveries varies from run to run: a few runs meet more of the ways they split.
        for (var run = 0; run < 4; run++) AssertSameOutcome(serial, Run(lanes));
    }

    private static void AssertSameOutcome(Outcome serial, Outcome parallel)
    {
        Assert.True(parallel.Carried > 0, "no instant was carried");
        Assert.Equal(serial.Processed, parallel.Processed);
        Assert.Equal(serial.PendingAfterOnce, parallel.PendingAfterOnce);
        Assert.Equal(serial.Control, parallel.Control);
        foreach (var (host, log) in serial.Logs) Assert.Equal(log, parallel.Logs[host]);
        // The workload reached each case: the single timer fired once, the talker was heard, the early timer fired, the
        // late ticker ticked behind every run.
        var lines = serial.Logs.Values.SelectMany(l => l).ToList();
        Assert.Single(lines, l => l.Contains("once", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("heard", StringComparison.Ordinal));
        Assert.Single(serial.Control, l => l == "100s early");
        Assert.Equal(60, serial.Control.Count(l => l.EndsWith("s late", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("120s tick", StringComparison.Ordinal));
    }
}
