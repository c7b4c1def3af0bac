using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Timers;

/// <summary>Per-actor timer table, created on first use. Touched only from the owner's turn.</summary>
internal sealed class TimerScheduler(ActorCell owner) : ITimerScheduler
{
    private readonly Dictionary<object, TimerMessage> _timers = new();
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, 0);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "A periodic timer needs a positive interval.");
        Start(key, message, initialDelay, interval.Ticks);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Cancel();
    }

    public void CancelAll()
    {
        // Order does not matter here (each cancel only flips a flag), so dictionary order cannot leak into behaviour.
        foreach (var timer in _timers.Values) timer.Cancel();
        _timers.Clear();
    }

    /// <summary>
    /// A single timer fired and is being delivered: it is no longer active. Validity is checked by the caller on the
    /// envelope itself: every start creates a new generation and cancels the previous one's envelope, so
    /// "not cancelled" is exactly "current generation" (and restarts/stops cancel them all).
    /// </summary>
    public void Consume(TimerMessage timer)
    {
        // One lookup: the caller saw the envelope not cancelled, so it is the current one for its key.
        _timers.Remove(timer.Key);
        timer.Cancel();
    }

    private void Start(object key, object message, TimeSpan delay, long intervalTicks)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay));
        // One lookup for replace-or-add.
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_timers, key, out _);
        slot?.Cancel();
        var timer = new TimerMessage(owner, key, message, ++_generation, intervalTicks, owner.Instance is { } actor && actor.RunsIsolated(message));
        slot = timer;
        owner.HostRef.Scheduler.ScheduleTimer(timer, delay.Ticks);
    }
}
