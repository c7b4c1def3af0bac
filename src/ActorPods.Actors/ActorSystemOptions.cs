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

    /// <summary>
    /// Virtual time: threads that run the isolated turns of one large instant (<see cref="Actor.RunsIsolated"/>) at
    /// once, host by host. 1 runs everything on the calling thread. The outcome (every delivery, its order and the
    /// trace) is the same for any value; only the wall time differs.
    /// </summary>
    public int Lanes { get; init; } = 1;

    /// <summary>Virtual time: the fewest consecutive isolated deliveries of an instant worth spreading over
    /// <see cref="Lanes"/> (fewer run on the calling thread). 64: a run of pod-worker resyncs (about 130 at each second
    /// of the kubelets' sync ticker with 10 000 pods, 1.5 µs each) is worth the hand-off; a handful of probe ticks is not.</summary>
    public int LaneThreshold { get; init; } = 64;

    /// <summary>How /user supervises top-level actors.</summary>
    public SupervisorStrategy GuardianStrategy { get; init; } = SupervisorStrategy.Default;
}
