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
    private readonly List<Ipv4Cidr> _down = [];

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
        lock (_gate) return !IsDown(ip) && (_pods.ContainsKey(ip) || _external.Contains(ip));
    }

    public IPodNetwork? Find(string ip) => FindPod(ip) ?? Services.Find(ip, FindPod);

    private IPodNetwork? FindPod(string ip)
    {
        lock (_gate) return IsDown(ip) ? null : _pods.GetValueOrDefault(ip);
    }

    /// <summary>
    /// A machine went away with its pod subnet (a node crash): its pod IPs stop answering — connections time out as to an
    /// unreachable host instead of reaching the dead pods — and their registrations are forgotten, since the dead
    /// containers will never unregister. Returns how many registrations were dropped.
    /// </summary>
    public int TakeDown(string cidr)
    {
        var range = Ipv4Cidr.Parse(cidr);
        lock (_gate)
        {
            if (!_down.Contains(range)) _down.Add(range);
            var gone = _pods.Keys.Where(range.Contains).ToList();
            foreach (var ip in gone) _pods.Remove(ip);
            return gone.Count;
        }
    }

    /// <summary>The subnet's machine is back (a node restart): pods registered from now on are reachable again.</summary>
    public bool BringUp(string cidr)
    {
        var range = Ipv4Cidr.Parse(cidr);
        lock (_gate) return _down.Remove(range);
    }

    private bool IsDown(string ip)
    {
        foreach (var range in _down)
            if (range.Contains(ip)) return true;
        return false;
    }
}

/// <summary>An IPv4 range such as a node's pod CIDR <c>10.244.1.0/24</c>.</summary>
public readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public static Ipv4Cidr Parse(string cidr)
    {
        var slash = cidr.IndexOf('/');
        var prefix = slash < 0 ? 32 : int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (prefix is < 0 or > 32 || ToUInt(slash < 0 ? cidr : cidr[..slash]) is not { } address)
            throw new FormatException($"invalid CIDR address: {cidr}");
        var range = new Ipv4Cidr(0, prefix);
        return range with { Network = address & range.Mask };
    }

    public bool Contains(string ip) => ToUInt(ip) is { } address && (address & Mask) == Network;

    private static uint? ToUInt(string ip)
    {
        if (!System.Net.IPAddress.TryParse(ip, out var parsed) || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return null;
        var b = parsed.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }
}
