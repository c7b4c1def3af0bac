namespace ActorPods.Actors.Tests;

/// <summary>Guards the memory budget of an idle actor (≤ 250 bytes with one Receive handler).</summary>
public sealed class ActorFootprintSpec
{
    [Fact]
    public void An_idle_actor_with_one_capturing_handler_allocates_at_most_250_bytes()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1);
        var props = Props.Create<Idle>();
        for (var i = 0; i < 1_000; i++) sys.ActorOf(props);
        const int count = 100_000;
        var keep = new IActorRef[count];
        // Allocations of this thread only: immune to other tests running in parallel.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++) keep[i] = sys.ActorOf(props);
        var perActor = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
        Assert.True(perActor <= 250, $"{perActor:F0} bytes per idle actor");
        GC.KeepAlive(keep);
    }

    public sealed class Idle : Actor
    {
        private int _received;

        // Captures 'this', so the delegate is allocated per instance, as in most real actors.
        public Idle() => Receive<string>(_ => _received++);
    }
}
