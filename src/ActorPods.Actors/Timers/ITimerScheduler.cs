namespace ActorPods.Actors.Timers;

/// <summary>
/// An actor's keyed timers. Contract (as Akka's): starting a timer with a key that is already in use replaces it,
/// and a message from the replaced (or cancelled) timer is not delivered even if it is already queued.
/// All timers are cancelled when the actor stops or restarts. Times are system time (virtual or scaled real).
/// Only call from inside the owning actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Fires every <paramref name="interval"/> at a fixed rate (first firing after one interval).</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
