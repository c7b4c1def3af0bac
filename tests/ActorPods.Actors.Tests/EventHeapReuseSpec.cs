namespace ActorPods.Actors.Tests;

/// <summary>
/// Thousands of timers sharing a period fire at the same instants. The instant's bucket grows to hold them; once the
/// buckets have grown, later instants reuse those arrays instead of allocating them again (arrays of 2 048+ events are
/// large objects, and every large allocation brings a blocking gen2 collection closer).
/// </summary>
public sealed class EventHeapReuseSpec
{
    private sealed class Ticker : Actor
    {
        public static long Ticks;

        public Ticker() => Receive<string>(_ => Ticks++);

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(1));
    }

    /// <summary>A timer at an instant of its own: small buckets come and go between the crowded instants.</summary>
    private sealed class Loner : Actor
    {
        private readonly int offsetMs;

        public Loner(int offsetMs)
        {
            this.offsetMs = offsetMs;
            Receive<string>(_ => { });
        }

        protected override void PreStart() =>
            Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(1 + offsetMs), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Instants_with_thousands_of_timers_do_not_allocate_their_buckets_again()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1);
        var props = Props.Create<Ticker>();
        for (var i = 0; i < 5_000; i++) sys.ActorOf(props);
        for (var i = 0; i < 200; i++)
        {
            var offset = i * 3;
            sys.ActorOf(Props.Create(() => new Loner(offset)));
        }
        sys.RunUntil(TimeSpan.FromSeconds(5));
        var ticksBefore = Ticker.Ticks;

        var before = GC.GetAllocatedBytesForCurrentThread();
        sys.RunUntil(TimeSpan.FromSeconds(25));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20 * 5_000, Ticker.Ticks - ticksBefore);
        // Regrowing one bucket to 8 192 events allocates ~650 KB; twenty instants did that ~13 MB.
        Assert.True(allocated < 1_000_000, $"{allocated:N0} bytes allocated over 20 instants of 5 000 timers");
    }
}
