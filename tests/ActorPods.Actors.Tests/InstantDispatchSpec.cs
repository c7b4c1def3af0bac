namespace ActorPods.Actors.Tests;

/// <summary>
/// Many timers due at one instant are delivered straight from that instant's bucket, with cache hints for the turns
/// ahead (<see cref="Actor.OnTurnAhead"/>). An ask's timeout in the same instant keeps that path once the ask has been
/// answered (running it would do nothing); an unanswered one still runs at fire time, before any delivery of the instant.
/// </summary>
public sealed class InstantDispatchSpec
{
    // Enough for the last one to be announced at every hop (the first hop comes 2 × TurnAheadHops − 1 deliveries ahead).
    private const int Tickers = 2 * Actor.TurnAheadHops + 2;

    /// <summary>Records its ticks and the hops the loop announced before each (shared log, in order).</summary>
    private sealed class Ticker : Actor
    {
        private readonly int _id;
        private readonly List<string> _log;

        public Ticker(int id, List<string> log)
        {
            (_id, _log) = (id, log);
            Receive<string>(_ => _log.Add($"tick {_id}"));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(10));

        protected override void OnTurnAhead(int hop) => _log.Add($"ahead {_id} {hop}");
    }

    private sealed class Replier : Actor
    {
        public Replier() => Receive<string>(m => { if (m == "ping") Sender.Tell("pong"); });
    }

    private static (ActorSystem System, List<string> Log) TickersStartedTogether()
    {
        var sys = ActorSystem.CreateVirtual(seed: 1);
        var log = new List<string>();
        for (var i = 0; i < Tickers; i++)
        {
            var id = i;
            sys.ActorOf(Props.Create(() => new Ticker(id, log)));
        }
        return (sys, log);
    }

    [Fact]
    public void Timers_sharing_an_instant_tick_in_start_order_and_each_turn_far_enough_ahead_is_announced_hop_by_hop()
    {
        var (sys, log) = TickersStartedTogether();
        using var _ = sys;
        sys.RunUntil(TimeSpan.FromSeconds(9));
        log.Clear();
        sys.RunUntil(TimeSpan.FromSeconds(10));

        var ticks = log.Where(l => l.StartsWith("tick", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, Tickers).Select(i => $"tick {i}"), ticks);
        // The last ticker is far enough down the bucket to be announced at every hop, in hop order, before its tick.
        var last = Tickers - 1;
        var mine = log.Where(l => l.EndsWith($" {last}", StringComparison.Ordinal) || l.StartsWith($"ahead {last} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, Actor.TurnAheadHops).Select(h => $"ahead {last} {h}").Append($"tick {last}"), mine);
    }

    [Fact]
    public async Task An_answered_asks_timeout_in_the_same_instant_leaves_the_ticks_delivered_from_the_bucket()
    {
        var (sys, log) = TickersStartedTogether();
        using var _ = sys;
        var replier = sys.ActorOf(Props.Create<Replier>());
        var answered = replier.Ask<string>("ping", TimeSpan.FromSeconds(10)); // its timeout falls due with the ticks
        sys.RunUntil(TimeSpan.FromSeconds(9));
        Assert.True(answered.IsCompletedSuccessfully); // answered in virtual time: the await below does not block
        Assert.Equal("pong", await answered);
        log.Clear();
        sys.RunUntil(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, Tickers).Select(i => $"tick {i}"), log.Where(l => l.StartsWith("tick", StringComparison.Ordinal)));
        Assert.Contains($"ahead {Tickers - 1} 0", log); // announced: the instant went through the bucket path
        Assert.Equal("pong", await answered);
    }

    [Fact]
    public void An_unanswered_asks_timeout_in_the_same_instant_fails_it_before_any_tick_of_that_instant()
    {
        var (sys, log) = TickersStartedTogether();
        using var _ = sys;
        var silent = sys.ActorOf(Props.Create<Replier>());
        var unanswered = silent.Ask<string>("ignore", TimeSpan.FromSeconds(10));
        // Virtual time runs continuations inline, at the moment the timeout fails the task.
        unanswered.ContinueWith(t => log.Add(t.Exception?.InnerException is AskTimeoutException ? "timed out" : "?"), TaskContinuationOptions.ExecuteSynchronously);
        sys.RunUntil(TimeSpan.FromSeconds(9));
        log.Clear();
        sys.RunUntil(TimeSpan.FromSeconds(10));

        Assert.True(unanswered.IsFaulted);
        Assert.Equal("timed out", log[0]);
        Assert.Equal(Enumerable.Range(0, Tickers).Select(i => $"tick {i}"), log.Where(l => l.StartsWith("tick", StringComparison.Ordinal)));
        // Fired the old way (all events of the instant moved to the ring first): no turn was announced.
        Assert.DoesNotContain(log, l => l.StartsWith("ahead", StringComparison.Ordinal));
    }
}
