using ActorPods.Sim.Cluster;

namespace ActorPods.Cli.Run;

/// <summary>The node side `run` assembles clusters with: the real kubelet (ActorPods.Node's NodeActor).</summary>
internal static class NodeSide
{
    public static INodeFactory Default { get; } = KubeletNodeFactory.Instance;
}
