using ActorPods.Actors;
using ActorPods.Node;

namespace ActorPods.Sim.Cluster;

/// <summary>The real node side: a <see cref="NodeActor"/> (kubelet, pod workers, containers, probes, image service).</summary>
public sealed class KubeletNodeFactory : INodeFactory
{
    public static KubeletNodeFactory Instance { get; } = new();

    public Props Create(NodeConfig config, IActorRef apiServer, NodeServices services) =>
        NodeActor.Props(config, apiServer, services);
}
