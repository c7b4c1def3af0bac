namespace ActorPods.Userland.Hosting;

/// <summary>
/// What the userland needs from whoever runs it: virtual time and timers. The ContainerActor
/// implements it on top of kernel timers; tests use a priority-queue host. Callbacks must be
/// invoked one at a time, never concurrently, so the userland needs no locks.
/// </summary>
public interface IUserlandHost
{
    /// <summary>Virtual wall clock (what <c>date</c> prints); never the real clock.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Runs <paramref name="callback"/> after <paramref name="delay"/> of virtual time
    /// (zero = later at the same instant, after already queued work).</summary>
    IHostTimer Schedule(TimeSpan delay, Action callback);
}

/// <summary>A scheduled callback that can be cancelled before it fires.</summary>
public interface IHostTimer
{
    void Cancel();
}
