using ActorPods.Actors;
using ActorPods.Node;
using ActorPods.Sim.Network;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Faults;

/// <summary>
/// Network and node faults of one cluster, usable from code (tests, the CLI) and by scenario actions. Each one changes
/// the network model or the node's host and publishes a "network" or "host" trace record on the system's EventStream.
/// Hosts are named as the cluster names them: "control-plane" and one per node (its node name).
/// Call from the thread that drives the cluster or from an actor's turn, never concurrently.
/// </summary>
public sealed partial class ClusterFaults
{
    private readonly Cluster.Cluster _cluster;
    private readonly HashSet<string> _crashed = new(StringComparer.Ordinal);

    internal ClusterFaults(Cluster.Cluster cluster)
    {
        _cluster = cluster;
    }

    private ActorSystem System => _cluster.System;

    private NetworkModel Links => _cluster.Links;

    /// <summary>Every host of the cluster: the control plane, then the nodes in configured order.</summary>
    public IReadOnlyList<string> Hosts => [Cluster.Cluster.ControlPlaneHost, .. _cluster.NodeConfigs.Keys];

    /// <summary>Nodes crashed and not restarted yet.</summary>
    public IReadOnlySet<string> CrashedNodes => _crashed;

    // ---- network ----

    /// <summary>
    /// Cuts <paramref name="side"/> off from <paramref name="otherSide"/> (null: from every other host, the control
    /// plane included). One-way: only messages from <paramref name="side"/> are cut (the node hears the api-server but
    /// cannot answer). Drop loses the messages; hold delivers them, late and in order, after the heal.
    /// </summary>
    public Partition Partition(IEnumerable<string> side, IEnumerable<string>? otherSide = null, bool oneWay = false, PartitionMode mode = PartitionMode.Drop)
    {
        var sideList = side.ToList();
        var otherList = otherSide?.ToList();
        foreach (var host in sideList.Concat(otherList ?? [])) CheckHost(host);
        var p = Links.Partition(sideList, otherList, oneWay, mode);
        Publish("network", new TraceFields().Add("change", "partition").Add("id", (long)p.Id)
            .Add("side", p.Side.ToList()).Add("otherSide", p.OtherSide?.ToList())
            .Add("oneWay", p.OneWay).Add("mode", p.Mode == PartitionMode.Hold ? "hold" : "drop"));
        return p;
    }

    /// <summary>Cuts one node off from every other host.</summary>
    public Partition PartitionNode(string node, PartitionMode mode = PartitionMode.Drop) => Partition([node], null, false, mode);

    /// <summary>Cuts the control plane off from every node (the nodes still reach one another).</summary>
    public Partition PartitionControlPlane(PartitionMode mode = PartitionMode.Drop) =>
        Partition([Cluster.Cluster.ControlPlaneHost], _cluster.NodeConfigs.Keys, false, mode);

    /// <summary>Removes one partition (held messages nothing else blocks are delivered now). False if already healed.</summary>
    public bool Heal(Partition partition)
    {
        if (!Links.Heal(partition)) return false;
        Publish("network", new TraceFields().Add("change", "heal").Add("id", (long)partition.Id));
        return true;
    }

    /// <summary>Removes every partition with <paramref name="host"/> on either side. Returns how many.</summary>
    public int Heal(string host) =>
        Links.Partitions.Where(p => p.Side.Contains(host) || (p.OtherSide?.Contains(host) ?? false)).Count(Heal);

    /// <summary>Removes every partition. Returns how many.</summary>
    public int HealAll() => Links.Partitions.Count(Heal);

    /// <summary>Gives the link between two hosts (both ways unless <paramref name="oneWay"/>) its own latency, loss, duplication.</summary>
    public void SetLink(string from, string to, LinkProfile profile, bool oneWay = false)
    {
        CheckHost(from);
        CheckHost(to);
        Links.SetLink(from, to, profile, bothWays: !oneWay);
        Publish("network", new TraceFields().Add("change", "link").Add("from", from).Add("to", to)
            .Add("latency", profile.Latency.ToString()).Add("loss", (decimal)profile.Loss).Add("duplicate", (decimal)profile.Duplicate)
            .Add("oneWay", oneWay));
    }

    /// <summary>Returns the link between two hosts (both ways) to the cluster's default.</summary>
    public void ResetLink(string from, string to)
    {
        Links.ResetLink(from, to);
        Publish("network", new TraceFields().Add("change", "linkReset").Add("from", from).Add("to", to));
    }

    private void CheckHost(string host)
    {
        if (host != Cluster.Cluster.ControlPlaneHost && !_cluster.NodeConfigs.ContainsKey(host))
            throw new ArgumentException($"unknown host \"{host}\" (hosts: {string.Join(", ", Hosts)})");
    }

    private void Publish(string type, TraceFields fields) =>
        System.EventStream.Publish(new TraceRecord(System.Elapsed, type, fields.Build()));
}
