namespace ActorPods.Actors.Supervision;

/// <summary>Decides what happens to a failed child.</summary>
public abstract class SupervisorStrategy
{
    /// <summary>Akka's default: stop on initialization failure, Kill and death pacts; restart (without limit) otherwise.</summary>
    public static readonly SupervisorStrategy Default = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(static _ => Directive.Stop);

    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public abstract Directive Decide(Exception cause);

    /// <summary>Records a restart in <paramref name="stats"/>; false when the retry limit within the window is exceeded.</summary>
    public abstract bool RequestRestartPermission(RestartStatistics stats, TimeSpan now);
}

/// <summary>Restart bookkeeping of one child, kept across its restarts.</summary>
public sealed class RestartStatistics
{
    public int Count { get; internal set; }

    public TimeSpan WindowStart { get; internal set; }
}
