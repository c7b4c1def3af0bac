using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Bench.Kernel;

/// <summary>One actor sends a message to each of 10 000 actors, round after round.</summary>
internal static class FanOut
{
    private sealed record Broadcast(int Rounds);

    private sealed class Note
    {
        public static readonly Note Instance = new();
    }

    private sealed class Tally(long expected)
    {
        public long Received;
        public readonly ManualResetEventSlim Done = new(false);

        public void Count(bool concurrent)
        {
            var n = concurrent ? Interlocked.Increment(ref Received) : ++Received;
            if (n == expected) Done.Set();
        }
    }

    private sealed class Listener : Actor
    {
        public Listener(Tally tally, bool concurrent) => Receive<Note>(_ => tally.Count(concurrent));
    }

    private sealed class Broadcaster : Actor
    {
        public Broadcaster(IActorRef[] targets)
        {
            Receive<Broadcast>(b =>
            {
                for (var r = 0; r < b.Rounds; r++)
                {
                    foreach (var t in targets) t.Tell(Note.Instance);
                }
            });
        }
    }

    public static double Run(ActorSystem system, int targets, int rounds)
    {
        var concurrent = !system.Scheduler.IsVirtual;
        var tally = new Tally((long)targets * rounds);
        var listenerProps = Props.Create(() => new Listener(tally, concurrent));
        var refs = new IActorRef[targets];
        for (var i = 0; i < targets; i++) refs[i] = system.ActorOf(listenerProps);
        var source = system.ActorOf(Props.Create(() => new Broadcaster(refs)));
        if (system.Scheduler.IsVirtual) system.RunUntilIdle();

        var sw = Stopwatch.StartNew();
        source.Tell(new Broadcast(rounds));
        if (system.Scheduler.IsVirtual) system.RunUntilIdle();
        if (!tally.Done.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException($"fan-out: {tally.Received} of {(long)targets * rounds} delivered");
        sw.Stop();
        return (long)targets * rounds / sw.Elapsed.TotalSeconds;
    }
}
