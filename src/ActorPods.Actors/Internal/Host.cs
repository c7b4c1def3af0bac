using ActorPods.Actors.Scheduling;

namespace ActorPods.Actors.Internal;

/// <summary>
/// A named place actors live on (the control plane, a node). Crashing a host replaces its object,
/// so actors spawned on the same name afterwards belong to a fresh incarnation.
/// </summary>
internal sealed class Host(string name, ActorSystem system, int number)
{
    public readonly string Name = name;
    /// <summary>Creation order in the system (a new incarnation gets a new number): the key by which a parallel
    /// instant keeps each host's turns on one thread, in order (InstantLanes).</summary>
    public readonly int Number = number;
    public readonly ActorSystem System = system;
    public readonly ActorScheduler Scheduler = system.Scheduler;
    private volatile bool _crashed;
    private volatile bool _suspended;

    public bool IsCrashed => _crashed;

    /// <summary>Frozen by <see cref="ActorSystem.SuspendHost"/>: actors spawned on it start frozen too.</summary>
    public bool IsSuspended
    {
        get => _suspended;
        set => _suspended = value;
    }

    public void MarkCrashed() => _crashed = true;

    public override string ToString() => Name;
}
