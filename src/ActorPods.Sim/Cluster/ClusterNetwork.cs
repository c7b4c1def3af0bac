using ActorPods.Node;
using ActorPods.Userland.Network;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// The cluster's IP space: pod IPs registered by the nodes that run them, plus "external" addresses a scenario adds
/// (so an init container's <c>until ping 192.168.109.201</c> loop ends once the address exists), plus the Services'
/// ClusterIPs as kube-proxy routes them (<see cref="ServiceProxy"/>). Locked because under real time nodes register
/// from several threads.
/// </summary>
public sealed class ClusterNetwork : IClusterNetworkRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IPodNetwork> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _external = new(StringComparer.Ordinal);

    /// <summary>kube-proxy's rules: where a connection to a ClusterIP goes.</summary>
    public ServiceProxy Services { get; } = new();

    /// <summary>A pod's network namespace is reachable at <paramref name="network"/>.Ip from now on.</summary>
    public void RegisterPod(IPodNetwork network)
    {
        lock (_gate) _pods[network.Ip] = network;
    }

    public void UnregisterPod(string ip)
    {
        lock (_gate) _pods.Remove(ip);
    }

    void IClusterNetworkRegistry.Register(IPodNetwork network) => RegisterPod(network);

    void IClusterNetworkRegistry.Unregister(string ip) => UnregisterPod(ip);

    public void AddAddress(string ip)
    {
        lock (_gate) _external.Add(ip);
    }

    public bool RemoveAddress(string ip)
    {
        lock (_gate) return _external.Remove(ip);
    }

    public bool Exists(string ip)
    {
        lock (_gate) return _pods.ContainsKey(ip) || _external.Contains(ip);
    }

    public IPodNetwork? Find(string ip) => FindPod(ip) ?? Services.Find(ip, FindPod);

    private IPodNetwork? FindPod(string ip)
    {
        lock (_gate) return _pods.GetValueOrDefault(ip);
    }
}
