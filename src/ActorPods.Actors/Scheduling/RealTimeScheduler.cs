using System.Diagnostics;
using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// Thread-pool scheduler on a real clock. System time runs <see cref="Speed"/> times faster than real time
/// (1.0 = real time, 10 = ten system seconds per real second); timers and ask timeouts are in system time.
/// This and <see cref="RealTimeTimerThread"/> are the only places that read a real clock.
/// </summary>
public sealed class RealTimeScheduler : ActorScheduler
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly RealTimeTimerThread _timers;
    private readonly object _pollGate = new();

    internal RealTimeScheduler(DateTimeOffset epoch, double speed) : base(epoch, isVirtual: false)
    {
        if (!(speed > 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), "Speed must be a positive finite factor.");
        Speed = speed;
        _timers = new RealTimeTimerThread(this);
    }

    /// <summary>The wall-clock instant of system start, used as the default epoch for live systems.</summary>
    internal static DateTimeOffset WallClockNow() => DateTimeOffset.UtcNow;

    public override bool IsVirtual => false;

    /// <summary>System seconds per real second.</summary>
    public double Speed { get; }

    public override TimeSpan Elapsed => new((long)(_clock.Elapsed.Ticks * Speed));

    internal long ElapsedTicks => (long)(_clock.Elapsed.Ticks * Speed);

    /// <summary>Converts a span of system time to the real time it takes at this speed.</summary>
    public TimeSpan ToRealTime(TimeSpan systemTime) => new((long)(systemTime.Ticks / Speed));

    public override bool AwaitCondition(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = timeout == TimeSpan.MaxValue ? long.MaxValue : ElapsedTicks + Math.Max(0, timeout.Ticks);
        var spinner = new SpinWait();
        while (true)
        {
            if (condition()) return true;
            var now = ElapsedTicks;
            if (now >= deadline) return condition();
            if (spinner.Count < 20)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            var waitMs = (int)Math.Clamp(ToRealTime(new TimeSpan(deadline - now)).TotalMilliseconds, 0, 1);
            lock (_pollGate) Monitor.Wait(_pollGate, waitMs);
        }
    }

    internal override void Post(ActorCell target, object message, IActorRef? sender)
    {
        if (message is SystemMessage system) target.Mailbox.EnqueueSystem(system);
        else target.Mailbox.EnqueueUser(message, sender);
    }

    internal override void ScheduleTell(long delayTicks, ActorRefBase target, object message, IActorRef? sender)
    {
        if (delayTicks <= 0)
        {
            target.Deliver(message, sender);
            return;
        }
        _timers.Add(ElapsedTicks + delayTicks, target, message, sender);
    }

    internal override void ScheduleTimer(TimerMessage timer, long delayTicks) =>
        _timers.Add(ElapsedTicks + Math.Max(0, delayTicks), timer.Owner, timer, null);

    internal override void ScheduleCallback(long delayTicks, IScheduledCallback callback) =>
        _timers.Add(ElapsedTicks + Math.Max(0, delayTicks), callback, null, null);

    internal override void Shutdown() => _timers.Dispose();
}
