namespace ActorPods.Actors.Supervision;

/// <summary>
/// Applies the decider's directive to the failed child only. A restart is allowed at most
/// <see cref="MaxNrOfRetries"/> times within <see cref="WithinTimeRange"/> (system time); past that the child is stopped.
/// A negative maximum means no limit; zero means never restart.
/// </summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange is { } w && w <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(withinTimeRange));
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        _decider = decider;
    }

    public int MaxNrOfRetries { get; }

    public TimeSpan? WithinTimeRange { get; }

    public override Directive Decide(Exception cause) => _decider(cause);

    public override bool RequestRestartPermission(RestartStatistics stats, TimeSpan now)
    {
        if (MaxNrOfRetries < 0) return true;
        if (MaxNrOfRetries == 0) return false;
        if (WithinTimeRange is not { } window)
        {
            stats.Count++;
            return stats.Count <= MaxNrOfRetries;
        }
        if (stats.Count == 0 || now - stats.WindowStart > window)
        {
            // A new window starts with this failure.
            stats.Count = 1;
            stats.WindowStart = now;
            return true;
        }
        stats.Count++;
        return stats.Count <= MaxNrOfRetries;
    }
}
