using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Bench.Kernel;

/// <summary>
/// Spawning and stopping many actors from inside a parent, and the memory an idle actor costs.
/// The idle actor is a realistic one: a class with a field and one typed Receive handler.
/// </summary>
internal static class SpawnStop
{
    private sealed record SpawnChildren(int Count);
    private sealed record StopChildren;
    private sealed record CountChildren;

    private sealed class Ping
    {
        public static readonly Ping Instance = new();
    }

    private sealed class Tally(long expected)
    {
        public long Stopped;
        public readonly ManualResetEventSlim AllStopped = new(false);

        public void CountStop()
        {
            if (Interlocked.Increment(ref Stopped) == expected) AllStopped.Set();
        }
    }

    private sealed class Idle : Actor
    {
        private int _pings;

        public Idle(Tally? tally)
        {
            Receive<Ping>(_ => _pings++);
            _tally = tally;
        }

        private readonly Tally? _tally;

        protected override void PostStop() => _tally?.CountStop();
    }

    private sealed class Parent : Actor
    {
        public Parent(Props childProps, ManualResetEventSlim spawned)
        {
            Receive<SpawnChildren>(m =>
            {
                for (var i = 0; i < m.Count; i++) Context.ActorOf(childProps);
                spawned.Set();
            });
            Receive<StopChildren>(_ =>
            {
                foreach (var child in Context.Children) Context.Stop(child);
            });
            Receive<CountChildren>(_ => Sender.Tell(Context.Children.Count));
        }
    }

    public sealed record Result(double SpawnsPerSec, double StopsPerSec);

    public static Result Run(ActorSystem system, int count)
    {
        var tally = new Tally(count);
        var spawned = new ManualResetEventSlim(false);
        var childProps = Props.Create(() => new Idle(tally));
        var parent = system.ActorOf(Props.Create(() => new Parent(childProps, spawned)), "parent");
        Drain(system);

        var sw = Stopwatch.StartNew();
        parent.Tell(new SpawnChildren(count));
        Drain(system);
        if (!spawned.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("spawning did not finish");
        var spawnTime = sw.Elapsed;

        sw.Restart();
        parent.Tell(new StopChildren());
        Drain(system);
        if (!tally.AllStopped.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException($"only {tally.Stopped} of {count} actors stopped");
        var stopTime = sw.Elapsed;
        // Untimed: let the parent finish forgetting its children (real time: a backlog of ChildTerminated may remain
        // after the last PostStop), so that work and its garbage do not leak into the next measurement.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            var left = parent.Ask<int>(new CountChildren(), TimeSpan.FromMinutes(2));
            if (system.Scheduler.IsVirtual) system.RunUntilIdle();
            if (left.Result == 0) break;
        }
        return new Result(count / spawnTime.TotalSeconds, count / stopTime.TotalSeconds);
    }

    /// <summary>Managed heap growth per idle actor, measured over <paramref name="count"/> actors (everything the
    /// kernel keeps per actor: cell, ref, actor object, handler table, the parent's child entry).</summary>
    public static double BytesPerIdleActor(Func<ActorSystem> create, int count)
    {
        using var system = create();
        var spawned = new ManualResetEventSlim(false);
        var childProps = Props.Create(() => new Idle(null));
        var parent = system.ActorOf(Props.Create(() => new Parent(childProps, spawned)), "parent");
        Drain(system);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        parent.Tell(new SpawnChildren(count));
        Drain(system);
        spawned.Wait(TimeSpan.FromMinutes(2));
        if (!system.Scheduler.IsVirtual) system.Scheduler.AwaitCondition(() => false, TimeSpan.FromMilliseconds(200));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(parent);
        return (after - before) / (double)count;
    }

    private static void Drain(ActorSystem system)
    {
        if (system.Scheduler.IsVirtual) system.RunUntilIdle();
    }
}
