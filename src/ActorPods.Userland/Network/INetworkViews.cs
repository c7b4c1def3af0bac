namespace ActorPods.Userland.Network;

/// <summary>The cluster's IP space as seen from inside a pod. Implemented by the simulation's
/// network model; it may change at any time (pods come and go, partitions).</summary>
public interface IClusterNetwork
{
    /// <summary>True when something answers at <paramref name="ip"/> (ping succeeds).</summary>
    bool Exists(string ip);

    /// <summary>The endpoint that accepts TCP connections for <paramref name="ip"/>: a pod's
    /// network namespace, or a Service's virtual IP that forwards to one. Null if nothing.</summary>
    IPodNetwork? Find(string ip);
}

/// <summary>Cluster DNS (CoreDNS) as seen from a pod in <c>namespace</c>.</summary>
public interface IDnsView
{
    /// <summary>
    /// The addresses for <paramref name="name"/> looked up from a pod in
    /// <paramref name="namespace"/> (the resolver applies the pod's search path, so "svc",
    /// "svc.ns", "svc.ns.svc.cluster.local" all work), or null for NXDOMAIN.
    /// </summary>
    string[]? Resolve(string name, string @namespace);

    /// <summary>The fully qualified name the answer is for (busybox prints it).</summary>
    string Canonical(string name, string @namespace) => name;

    /// <summary>The nameserver address (kube-dns ClusterIP).</summary>
    string ServerAddress => "10.96.0.10";
}

/// <summary>A place that accepts connections on ports: one pod's network namespace, shared
/// by all of its containers.</summary>
public interface IPodNetwork
{
    string Ip { get; }

    /// <summary>The server listening on <paramref name="port"/>, or null (connection refused).</summary>
    INetServer? Listener(int port);
}

/// <summary>An empty cluster: no other IPs, no DNS names (tests, standalone containers).</summary>
public sealed class IsolatedNetwork : IClusterNetwork, IDnsView
{
    public static readonly IsolatedNetwork Instance = new();
    public bool Exists(string ip) => false;
    public IPodNetwork? Find(string ip) => null;
    public string[]? Resolve(string name, string @namespace) => null;
}
