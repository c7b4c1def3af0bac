namespace ActorPods.Actors.Tests;

/// <summary>
/// Whatever the heap does to go fast (shared buckets per instant, reused buckets, the buckets last pushed to), events
/// run in (due time, scheduling order). A reference model — a plain list kept in that order — runs the same
/// branching script; the virtual-time system must run its events in exactly the model's order and at its times.
/// Few distinct delays, many events scheduled from events: buckets fill, drain, are recycled and reused for other
/// instants while the pushes alternate between instants.
/// </summary>
public sealed class EventHeapOrderSpec
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Events_run_in_due_time_then_scheduling_order(int seed)
    {
        var expected = Model(seed);
        using var sys = ActorSystem.CreateVirtual(seed: 1);
        var ran = new List<(int Id, long Ms)>();
        var nextId = 0;
        void Schedule(int delayMs)
        {
            var id = nextId++;
            sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(delayMs), () =>
            {
                ran.Add((id, (long)sys.Elapsed.TotalMilliseconds));
                foreach (var d in Children(seed, id, nextId)) Schedule(d);
            });
        }
        foreach (var d in Roots(seed)) Schedule(d);
        sys.RunUntilIdle();

        Assert.True(expected.Count > 2_000, $"the script ran only {expected.Count} events");
        Assert.Equal(expected, ran);
    }

    private static IEnumerable<int> Roots(int seed) => Enumerable.Range(0, 40).Select(i => Delay(seed, -1 - i));

    /// <summary>The delays of the events that event <paramref name="id"/> schedules (none once enough exist).</summary>
    private static IEnumerable<int> Children(int seed, int id, int existing)
    {
        if (existing > 4_000) yield break;
        var count = Hash(seed, id, 7) % 3;
        for (var c = 0; c < count; c++) yield return Delay(seed, id * 3 + c);
    }

    // Four delays (0 joins the running instant): the pushes alternate among few instants.
    private static int Delay(int seed, int key) => new[] { 0, 5, 10, 15 }[Hash(seed, key, 13) % 4];

    // A fixed mix (HashCode.Combine is seeded per process): the same script on every run.
    private static int Hash(int seed, int key, int salt)
    {
        var x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)key * 0xC2B2AE3D27D4EB4FUL ^ (ulong)(uint)salt * 0x165667B19E3779F9UL;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return (int)(x % 1_000_003UL);
    }

    /// <summary>The same script run by a list kept in (due, scheduling order).</summary>
    private static List<(int Id, long Ms)> Model(int seed)
    {
        var pending = new SortedSet<(long Due, int Seq, int Id)>();
        var nextId = 0;
        var seq = 0;
        long now = 0;
        void Schedule(int delayMs)
        {
            var id = nextId++;
            pending.Add((now + delayMs, seq++, id));
        }
        foreach (var d in Roots(seed)) Schedule(d);
        var ran = new List<(int, long)>();
        while (pending.Count > 0)
        {
            var next = pending.Min;
            pending.Remove(next);
            now = next.Due;
            ran.Add((next.Id, now));
            foreach (var d in Children(seed, next.Id, nextId)) Schedule(d);
        }
        return ran;
    }
}
