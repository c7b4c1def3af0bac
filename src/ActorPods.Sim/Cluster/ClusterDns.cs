using ActorPods.Userland.Network;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// CoreDNS's view of Services: <c>svc</c> (from a pod in the Service's namespace), <c>svc.ns</c>, <c>svc.ns.svc</c> and
/// <c>svc.ns.svc.cluster.local</c> resolve to the ClusterIP, as the pod's resolv.conf search path
/// (<c>ns.svc.cluster.local svc.cluster.local cluster.local</c>) makes them. Fed by <see cref="ServiceDnsActor"/>.
/// </summary>
public sealed class ClusterDns : IDnsView
{
    public const string ClusterDomain = "cluster.local";

    private readonly object _gate = new();
    private readonly Dictionary<(string Namespace, string Name), string> _services = new();

    public void SetService(string @namespace, string name, string clusterIp)
    {
        lock (_gate) _services[(@namespace, name)] = clusterIp;
    }

    public void RemoveService(string @namespace, string name)
    {
        lock (_gate) _services.Remove((@namespace, name));
    }

    public string[]? Resolve(string name, string @namespace) =>
        Lookup(name, @namespace) is { } found && found.Ip is { } ip ? [ip] : null;

    public string Canonical(string name, string @namespace) =>
        Lookup(name, @namespace) is { } found ? $"{found.Name}.{found.Namespace}.svc.{ClusterDomain}" : name;

    private (string Namespace, string Name, string? Ip)? Lookup(string name, string @namespace)
    {
        var n = name.TrimEnd('.').ToLowerInvariant();
        var suffix = "." + ClusterDomain;
        if (n.EndsWith(suffix, StringComparison.Ordinal)) n = n[..^suffix.Length];
        if (n.EndsWith(".svc", StringComparison.Ordinal)) n = n[..^4];
        var parts = n.Split('.');
        var (ns, svc) = parts.Length switch
        {
            1 => (@namespace, parts[0]),
            2 => (parts[1], parts[0]),
            _ => (null, null),
        };
        if (ns is null || svc is null) return null;
        lock (_gate)
        {
            // A headless Service ("None") has a name but no virtual IP: NXDOMAIN until endpoints are modelled.
            return _services.TryGetValue((ns, svc), out var ip) ? (ns, svc, ip == "None" ? null : ip) : null;
        }
    }
}
