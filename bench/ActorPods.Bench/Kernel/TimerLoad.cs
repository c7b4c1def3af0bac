using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Bench.Kernel;

/// <summary>Many keyed timers owned by many actors: periodic ones for sustained load, single ones for bulk scheduling.</summary>
internal static class TimerLoad
{
    private sealed record StartPeriodic(int Timers, int MinSeconds, int MaxSeconds);
    private sealed record StartSingle(int Timers, TimeSpan MaxDelay);
    private sealed record Fire(int Key);

    private sealed class Counter
    {
        public long Firings;
    }

    private sealed class TimerOwner : Actor
    {
        public TimerOwner(Counter counter, bool concurrent)
        {
            Receive<StartPeriodic>(m =>
            {
                for (var k = 0; k < m.Timers; k++)
                {
                    var interval = TimeSpan.FromSeconds(Context.Random.Next(m.MinSeconds, m.MaxSeconds + 1));
                    Timers.StartPeriodicTimer(k, new Fire(k), interval);
                }
            });
            Receive<StartSingle>(m =>
            {
                for (var k = 0; k < m.Timers; k++)
                {
                    var delay = TimeSpan.FromTicks(Context.Random.NextInt64(1, m.MaxDelay.Ticks));
                    Timers.StartSingleTimer(k, new Fire(k), delay);
                }
            });
            Receive<Fire>(_ =>
            {
                if (concurrent) Interlocked.Increment(ref counter.Firings);
                else counter.Firings++;
            });
        }
    }

    /// <summary>Virtual time: <paramref name="owners"/> x <paramref name="perOwner"/> periodic timers (1–10 s) kept pending;
    /// returns firings per wall second while at least <paramref name="minFirings"/> fire.</summary>
    public static double PeriodicVirtual(int owners, int perOwner, long minFirings)
    {
        using var system = ActorSystem.CreateVirtual(seed: 3);
        var counter = new Counter();
        var refs = SpawnOwners(system, owners, counter, concurrent: false);
        foreach (var r in refs) r.Tell(new StartPeriodic(perOwner, 1, 10));
        system.RunUntilIdle(TimeSpan.Zero);
        var expectedPerSecond = owners * perOwner / 5.5;
        var horizon = TimeSpan.FromSeconds(Math.Ceiling(minFirings / expectedPerSecond));
        var sw = Stopwatch.StartNew();
        system.Advance(horizon);
        sw.Stop();
        if (counter.Firings < minFirings / 2) throw new InvalidOperationException($"only {counter.Firings} timer firings");
        return counter.Firings / sw.Elapsed.TotalSeconds;
    }

    /// <summary>Schedules <paramref name="owners"/> x <paramref name="perOwner"/> single timers spread over
    /// <paramref name="maxDelay"/> and runs until all fired; returns timers (scheduled and fired) per wall second.</summary>
    public static double SingleShot(ActorSystem system, int owners, int perOwner, TimeSpan maxDelay)
    {
        var counter = new Counter();
        var concurrent = !system.Scheduler.IsVirtual;
        var refs = SpawnOwners(system, owners, counter, concurrent);
        if (!concurrent) system.RunUntilIdle();
        long total = (long)owners * perOwner;
        var sw = Stopwatch.StartNew();
        foreach (var r in refs) r.Tell(new StartSingle(perOwner, maxDelay));
        if (!concurrent) system.RunUntilIdle();
        else if (!SpinUntil(() => Interlocked.Read(ref counter.Firings) >= total, TimeSpan.FromMinutes(2)))
            throw new TimeoutException($"only {counter.Firings} of {total} timers fired");
        sw.Stop();
        if (counter.Firings != total) throw new InvalidOperationException($"{counter.Firings} of {total} timers fired");
        return total / sw.Elapsed.TotalSeconds;
    }

    private static IActorRef[] SpawnOwners(ActorSystem system, int owners, Counter counter, bool concurrent)
    {
        var props = Props.Create(() => new TimerOwner(counter, concurrent));
        var refs = new IActorRef[owners];
        for (var i = 0; i < owners; i++) refs[i] = system.ActorOf(props);
        return refs;
    }

    private static bool SpinUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout) return false;
            Thread.Sleep(1);
        }
        return true;
    }
}
