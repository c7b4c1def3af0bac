using ActorPods.Actors.Supervision;

namespace ActorPods.Actors;

/// <summary>Settings fixed at system creation.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>The fixed start of virtual time, so traces are reproducible: 2025-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultVirtualEpoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name { get; init; } = "actorpods";

    /// <summary>Timestamp of system time zero. Virtual default: <see cref="DefaultVirtualEpoch"/>; real-time default: the wall clock at start.</summary>
    public DateTimeOffset? Epoch { get; init; }

    /// <summary>Host of the guardians and of every actor spawned without a host.</summary>
    public string DefaultHost { get; init; } = "local";

    /// <summary>Real time: user messages one actor processes per turn before yielding its thread (fairness).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>How /user supervises top-level actors.</summary>
    public SupervisorStrategy GuardianStrategy { get; init; } = SupervisorStrategy.Default;
}
