using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>
/// The timer table's two shapes (a short array for a few keys, a dictionary past eight): the same keyed contract in
/// both, for keys that are the same instance every time and for keys that are only equal (a fresh tuple per call).
/// </summary>
public sealed class TimerTableSpec() : ActorTestKit(ActorSystem.CreateVirtual(seed: 1))
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(20)]
    public void Equal_keys_replace_cancel_and_report_the_same_timer_however_many_keys_there_are(int keys)
    {
        var actor = ActorOf(Props.Create(() => new TableActor(TestActor)));
        actor.Tell(new Script(keys));
        // Odd keys were cancelled through an equal key; even keys restarted through one, so only "second" fires.
        var expected = Enumerable.Range(0, keys).Where(i => i % 2 == 0).Select(i => $"second {i}").ToList();
        Assert.Equal($"active {string.Join(",", Enumerable.Range(0, keys).Select(i => i % 2 == 0))}", ExpectMsg<string>());
        Sys.RunUntil(TimeSpan.FromSeconds(10));
        var fired = ReceiveWhile(m => m as string, TimeSpan.Zero);
        Assert.Equal(expected, fired);
        // A single timer is no longer active once it fired, under any key shape.
        actor.Tell(new AskActive(keys));
        Assert.Equal($"active {string.Join(",", Enumerable.Range(0, keys).Select(_ => false))}", ExpectMsg<string>());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public void A_fired_single_timer_frees_its_key_for_the_next_start(int keys)
    {
        var actor = ActorOf(Props.Create(() => new TableActor(TestActor)));
        actor.Tell(new Chain(keys, Rounds: 5));
        Sys.RunUntil(TimeSpan.FromMinutes(1));
        var fired = ReceiveWhile(m => m as string, TimeSpan.Zero);
        // Every key fires once per round, in key order (same delay, started in that order), for five rounds.
        var expected = Enumerable.Range(1, 5).SelectMany(round => Enumerable.Range(0, keys).Select(k => $"round {round} key {k}")).ToList();
        Assert.Equal(expected, fired);
    }

    [Fact]
    public void Cancel_all_empties_both_shapes()
    {
        foreach (var keys in new[] { 4, 16 })
        {
            var actor = ActorOf(Props.Create(() => new TableActor(TestActor)));
            actor.Tell(new StartAllThenCancelAll(keys));
            Assert.Equal($"active {string.Join(",", Enumerable.Range(0, keys).Select(_ => false))}", ExpectMsg<string>());
            Sys.RunUntil(Sys.Elapsed + TimeSpan.FromSeconds(10));
            ExpectNoMsg(TimeSpan.Zero);
        }
    }

    private sealed record Script(int Keys);

    private sealed record AskActive(int Keys);

    private sealed record Chain(int Keys, int Rounds);

    private sealed record StartAllThenCancelAll(int Keys);

    private sealed record Fired(int Key, int Round, int Keys, int Rounds);

    private sealed class TableActor : Actor
    {
        // A fresh boxed tuple per call: equal, never the same instance.
        private static object Key(int i) => ("key", i);

        public TableActor(IActorRef report)
        {
            Receive<Script>(s =>
            {
                for (var i = 0; i < s.Keys; i++) Timers.StartSingleTimer(Key(i), $"first {i}", TimeSpan.FromSeconds(1 + i % 3));
                for (var i = 0; i < s.Keys; i++)
                {
                    if (i % 2 == 0) Timers.StartSingleTimer(Key(i), $"second {i}", TimeSpan.FromSeconds(5));
                    else Timers.Cancel(Key(i));
                }
                report.Tell(Active(s.Keys));
            });
            Receive<AskActive>(a => report.Tell(Active(a.Keys)));
            Receive<Chain>(c =>
            {
                for (var k = 0; k < c.Keys; k++) Timers.StartSingleTimer(k % 2 == 0 ? Key(k) : Literal(k), new Fired(k, 1, c.Keys, c.Rounds), TimeSpan.FromSeconds(2));
            });
            Receive<Fired>(f =>
            {
                report.Tell($"round {f.Round} key {f.Key}");
                if (f.Round < f.Rounds)
                    Timers.StartSingleTimer(f.Key % 2 == 0 ? Key(f.Key) : Literal(f.Key), f with { Round = f.Round + 1 }, TimeSpan.FromSeconds(2));
            });
            Receive<StartAllThenCancelAll>(s =>
            {
                for (var i = 0; i < s.Keys; i++) Timers.StartPeriodicTimer(Key(i), $"tick {i}", TimeSpan.FromSeconds(1));
                Timers.CancelAll();
                report.Tell(Active(s.Keys));
            });
            Receive<string>(report.Tell);
        }

        // Interned strings: the same instance on every call.
        private static readonly string[] Literals = Enumerable.Range(0, 64).Select(i => string.Intern($"literal-{i}")).ToArray();

        private static object Literal(int i) => Literals[i];

        private string Active(int keys) => $"active {string.Join(",", Enumerable.Range(0, keys).Select(i => Timers.IsTimerActive(Key(i))))}";
    }
}
