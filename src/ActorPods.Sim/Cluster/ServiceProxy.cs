using ActorPods.Api.Model;
using ActorPods.Userland.Network;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// kube-proxy's rules as the data path sees them: a connection to a Service's ClusterIP and port goes to one of the
/// ready endpoint addresses (Endpoints subsets' addresses, not notReadyAddresses), on that endpoint's port of the same
/// name. A Service with no ready endpoint rejects the connection (kube-proxy's REJECT rule: "Connection refused"); so
/// does an endpoint whose pod no longer listens. Backends are taken in turn per Service port (IPVS's default rr;
/// iptables mode picks at random), which keeps runs deterministic. Fed by <see cref="ServiceProxyActor"/>, which applies
/// each change after the proxy's programming latency. Locked: under real time, containers connect from several threads.
/// </summary>
public sealed class ServiceProxy
{
    private sealed record Backend(string Ip, IReadOnlyDictionary<string, int> Ports);

    private sealed class Rules
    {
        public required string Namespace { get; init; }
        public required string Name { get; init; }
        public List<ServicePort> Ports { get; set; } = [];
        public List<Backend> Backends { get; set; } = [];
        public Dictionary<int, int> NextBackend { get; } = [];
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Rules> _byVip = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), string> _vipOf = new();
    private readonly Dictionary<(string Namespace, string Name), List<Backend>> _endpoints = new();

    public void SetService(string @namespace, string name, string clusterIp, IReadOnlyList<ServicePort> ports)
    {
        lock (_gate)
        {
            RemoveServiceLocked(@namespace, name);
            var rules = new Rules { Namespace = @namespace, Name = name, Ports = ports.ToList() };
            if (_endpoints.TryGetValue((@namespace, name), out var backends)) rules.Backends = backends;
            _byVip[clusterIp] = rules;
            _vipOf[(@namespace, name)] = clusterIp;
        }
    }

    public void RemoveService(string @namespace, string name)
    {
        lock (_gate) RemoveServiceLocked(@namespace, name);
    }

    /// <summary>The ready addresses of a Service's Endpoints (null subsets: none).</summary>
    public void SetEndpoints(string @namespace, string name, IReadOnlyList<EndpointSubset>? subsets)
    {
        var backends = new List<Backend>();
        foreach (var subset in subsets ?? [])
        {
            var ports = (subset.Ports ?? []).Where(p => p.Port is not null)
                .GroupBy(p => p.Name ?? "").ToDictionary(g => g.Key, g => g.First().Port!.Value, StringComparer.Ordinal);
            foreach (var address in subset.Addresses ?? [])
                if (address.Ip is { Length: > 0 } ip) backends.Add(new Backend(ip, ports));
        }
        lock (_gate)
        {
            _endpoints[(@namespace, name)] = backends;
            if (_vipOf.TryGetValue((@namespace, name), out var vip)) _byVip[vip].Backends = backends;
        }
    }

    public void RemoveEndpoints(string @namespace, string name) => SetEndpoints(@namespace, name, null);

    /// <summary>The ready endpoint IPs the rules send <paramref name="@namespace"/>/<paramref name="name"/> to now.</summary>
    public IReadOnlyList<string> Backends(string @namespace, string name)
    {
        lock (_gate)
            return _vipOf.TryGetValue((@namespace, name), out var vip) ? _byVip[vip].Backends.Select(b => b.Ip).ToList() : [];
    }

    /// <summary>The Service behind <paramref name="ip"/> as a place to connect to, or null when no rule names it.</summary>
    internal IPodNetwork? Find(string ip, Func<string, IPodNetwork?> pods)
    {
        lock (_gate) return _byVip.ContainsKey(ip) ? new VirtualIp(this, ip, pods) : null;
    }

    // Which pod and port a new connection to vip:port goes to.
    private (string Ip, int Port)? Pick(string vip, int port)
    {
        lock (_gate)
        {
            if (!_byVip.TryGetValue(vip, out var rules)) return null;
            var servicePort = rules.Ports.FirstOrDefault(p => p.Port == port && (p.Protocol ?? "TCP") == "TCP");
            if (servicePort is null) return null;
            var candidates = rules.Backends.Where(b => b.Ports.ContainsKey(servicePort.Name ?? "")).ToList();
            if (candidates.Count == 0) return null;
            var turn = rules.NextBackend.GetValueOrDefault(port);
            rules.NextBackend[port] = turn + 1;
            var backend = candidates[turn % candidates.Count];
            return (backend.Ip, backend.Ports[servicePort.Name ?? ""]);
        }
    }

    private void RemoveServiceLocked(string @namespace, string name)
    {
        if (_vipOf.Remove((@namespace, name), out var vip)) _byVip.Remove(vip);
    }

    private sealed class VirtualIp(ServiceProxy proxy, string ip, Func<string, IPodNetwork?> pods) : IPodNetwork
    {
        public string Ip => ip;

        public INetServer? Listener(int port) =>
            proxy.Pick(ip, port) is { } target ? pods(target.Ip)?.Listener(target.Port) : null;
    }
}
