using ActorPods.Actors;
using ActorPods.Node;

namespace ActorPods.Sim.Cluster.StandIn;

/// <summary>Makes <see cref="StandInNodeActor"/>s: the node side used until the real ActorPods.Node NodeActor is plugged in.</summary>
public sealed class StandInNodeFactory(StandInNodeOptions? options = null) : INodeFactory
{
    public Props Create(NodeConfig config, IActorRef apiServer, NodeServices services) =>
        Props.Create(() => new StandInNodeActor(config, apiServer, services, options ?? new StandInNodeOptions()));
}

/// <summary>Timings of the stand-in node.</summary>
public sealed record StandInNodeOptions
{
    /// <summary>From seeing a pod bound to the node to its containers running.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>From the deletion request to the containers having exited (capped by the grace period).</summary>
    public TimeSpan StopDelay { get; init; } = TimeSpan.FromSeconds(1);
}
