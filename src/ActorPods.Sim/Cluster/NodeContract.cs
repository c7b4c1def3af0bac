using ActorPods.Actors;
using ActorPods.Api.Quantities;
using ActorPods.Node;

namespace ActorPods.Sim.Cluster;

// The node contract (NodeConfig, NodeServices, ExecInContainer/ContainerExecResult, the Observability records) is owned
// by ActorPods.Node; the cluster assembly only adds the factory seam and the configured capacity of a node.

/// <summary>status.capacity of a node as configured; allocatable equals capacity (no system reservations).</summary>
public sealed record NodeCapacity(Quantity Cpu, Quantity Memory, int Pods)
{
    public static NodeCapacity Default { get; } = new(Quantity.Parse("4"), Quantity.Parse("8Gi"), 110);
}

/// <summary>Creates the actor that is one node (kubelet and runtime under it). The cluster spawns it on host <c>config.Name</c>.</summary>
public interface INodeFactory
{
    Props Create(NodeConfig config, IActorRef apiServer, NodeServices services);
}
