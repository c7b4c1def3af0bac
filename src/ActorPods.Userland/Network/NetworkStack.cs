using System.Net;

namespace ActorPods.Userland.Network;

public enum ConnectStatus { Connected, Refused, Unreachable, UnknownHost }

public readonly record struct Connection(ConnectStatus Status, string Ip, INetServer? Server);

/// <summary>
/// The sockets API of one container: name resolution and TCP connects from inside the pod's
/// network namespace (loopback and the pod IP reach the pod's own listeners).
/// </summary>
public sealed class NetworkStack
{
    public NetworkStack(PodNetwork pod, IClusterNetwork cluster, IDnsView dns)
    {
        Pod = pod;
        Cluster = cluster;
        Dns = dns;
    }

    public PodNetwork Pod { get; }
    public IClusterNetwork Cluster { get; }
    public IDnsView Dns { get; }

    public static bool IsIpLiteral(string host) => IPAddress.TryParse(host, out _) && host.Contains('.');

    /// <summary>The IP for <paramref name="host"/> or null when it does not resolve.</summary>
    public string? ResolveHost(string host)
    {
        if (host is "localhost" or "127.0.0.1" or "0.0.0.0" or "::1" || host.StartsWith("127.", StringComparison.Ordinal)) return "127.0.0.1";
        if (IsIpLiteral(host)) return host;
        if (string.Equals(host, Pod.Hostname, StringComparison.OrdinalIgnoreCase)) return Pod.Ip;
        var answer = Dns.Resolve(host, Pod.Namespace);
        return answer is { Length: > 0 } ? answer[0] : null;
    }

    public bool IsLocal(string ip) => ip == "127.0.0.1" || ip == Pod.Ip;

    /// <summary>True when a ping to <paramref name="ip"/> would be answered.</summary>
    public bool Reachable(string ip) => IsLocal(ip) || Cluster.Exists(ip);

    public Connection Connect(string host, int port)
    {
        var ip = ResolveHost(host);
        if (ip is null) return new Connection(ConnectStatus.UnknownHost, host, null);
        return ConnectIp(ip, port);
    }

    public Connection ConnectIp(string ip, int port)
    {
        IPodNetwork? target = IsLocal(ip) ? Pod : Cluster.Find(ip);
        if (target is null)
            return new Connection(Cluster.Exists(ip) ? ConnectStatus.Refused : ConnectStatus.Unreachable, ip, null);
        var server = target.Listener(port);
        return server is null
            ? new Connection(ConnectStatus.Refused, ip, null)
            : new Connection(ConnectStatus.Connected, ip, server);
    }
}
