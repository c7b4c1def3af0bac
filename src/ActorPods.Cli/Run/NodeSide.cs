using ActorPods.Sim.Cluster;
using ActorPods.Sim.Cluster.StandIn;

namespace ActorPods.Cli.Run;

/// <summary>
/// The node side `run` assembles clusters with. INTEGRATION POINT: until ActorPods.Node's NodeActor is merged this is
/// the Sim's stand-in (pods go Running, no userland, no probes); replace with a factory returning
/// <c>NodeActor.Props(config, apiServer, services)</c>.
/// </summary>
internal static class NodeSide
{
    public static INodeFactory Default { get; } = new StandInNodeFactory();
}
