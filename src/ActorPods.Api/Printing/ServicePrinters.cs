using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// `kubectl get services` (printers.go printService): NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide adds SELECTOR.
/// </summary>
public static class ServicePrinter
{
    private const int LoadBalancerWidth = 16;

    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name"), new("Type"), new("Cluster-IP"), new("External-IP"), new("Port(s)"), new("Age"), TableColumn.Wide("Selector"),
    ];

    public static Table Table(IEnumerable<Service> items, DateTimeOffset now, bool wide = true) =>
        new(Columns, items.Select(s => Row(s, now, wide)).ToList());

    /// <param name="wide">
    /// The load-balancer list in EXTERNAL-IP is cut to 16 characters unless wide. The api-server renders
    /// Tables with Wide set (pkg/printers/storage TableConvertor), so kubectl v1.32 never shows the cut;
    /// false reproduces printService's own non-wide output.
    /// </param>
    public static TableRow Row(Service service, DateTimeOffset now, bool wide = true)
    {
        var spec = service.Spec;
        // Defaults the api-server would have set (ClusterIP type, TCP ports, clusterIPs from clusterIP).
        var clusterIPs = spec?.ClusterIPs is { Count: > 0 } ips ? ips : spec?.ClusterIP is { Length: > 0 } ip ? [ip] : [];
        var ports = PortString(spec?.Ports);
        return new TableRow(
        [
            service.Metadata?.Name ?? "",
            spec?.Type ?? "ClusterIP",
            clusterIPs.Count > 0 ? clusterIPs[0] : "<none>",
            ExternalIP(service, wide),
            ports.Length == 0 ? "<none>" : ports,
            HumanDuration.Since(service.Metadata?.CreationTimestamp, now),
            LabelFormatting.FormatLabels(spec?.Selector),
        ], service.Metadata?.Namespace);
    }

    /// <summary>makePortString: "80/TCP", "80:30080/TCP", comma-joined.</summary>
    public static string PortString(IReadOnlyList<ServicePort>? ports) =>
        string.Join(",", (ports ?? []).Select(p => (p.NodePort ?? 0) > 0
            ? $"{p.Port ?? 0}:{p.NodePort}/{p.Protocol ?? "TCP"}"
            : $"{p.Port ?? 0}/{p.Protocol ?? "TCP"}"));

    /// <summary>getServiceExternalIP.</summary>
    public static string ExternalIP(Service service, bool wide)
    {
        var spec = service.Spec;
        var externalIPs = spec?.ExternalIPs ?? [];
        switch (spec?.Type ?? "ClusterIP")
        {
            case "ClusterIP":
            case "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                var lbIps = LoadBalancerStatus(service.Status?.LoadBalancer, wide);
                if (externalIPs.Count > 0)
                {
                    var results = new List<string>();
                    if (lbIps.Length > 0) results.AddRange(lbIps.Split(','));
                    results.AddRange(externalIPs);
                    return string.Join(",", results);
                }
                return lbIps.Length > 0 ? lbIps : "<pending>";
            case "ExternalName":
                return spec?.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }

    // loadBalancerStatusStringer: sorted unique IPs (or hostnames), cut to 13 chars + "..." unless wide.
    private static string LoadBalancerStatus(LoadBalancerStatus? status, bool wide)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in status?.Ingress ?? [])
        {
            if (!string.IsNullOrEmpty(ingress.Ip)) result.Add(ingress.Ip);
            else if (!string.IsNullOrEmpty(ingress.Hostname)) result.Add(ingress.Hostname);
        }
        var text = string.Join(",", result);
        if (!wide && text.Length > LoadBalancerWidth) text = text[..(LoadBalancerWidth - 3)] + "...";
        return text;
    }
}

/// <summary>`kubectl get endpoints` (printers.go printEndpoints): NAME ENDPOINTS AGE.</summary>
public static class EndpointsPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } = [new("Name"), new("Endpoints"), new("Age")];

    public static Table Table(IEnumerable<Endpoints> items, DateTimeOffset now) => new(Columns, items.Select(e => Row(e, now)).ToList());

    public static TableRow Row(Endpoints endpoints, DateTimeOffset now) =>
        new([endpoints.Metadata?.Name ?? "", FormatEndpoints(endpoints), HumanDuration.Since(endpoints.Metadata?.CreationTimestamp, now)],
            endpoints.Metadata?.Namespace);

    /// <summary>
    /// formatEndpoints: the first three ready "ip:port" (or bare IPs when a subset has no ports), then
    /// " + N more..."; "&lt;none&gt;" without subsets. Not-ready addresses are not shown.
    /// </summary>
    public static string FormatEndpoints(Endpoints endpoints)
    {
        var subsets = endpoints.Subsets;
        if (subsets is null || subsets.Count == 0) return "<none>";
        const int max = 3;
        var list = new List<string>();
        var more = false;
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = subset.Addresses ?? [];
            if (subset.Ports is null || subset.Ports.Count == 0)
            {
                // Headless services may have no ports.
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (list.Count == max) { more = true; break; }
                    list.Add(address.Ip ?? "");
                }
                continue;
            }
            foreach (var port in subset.Ports)
            {
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (list.Count == max) { more = true; break; }
                    list.Add(JoinHostPort(address.Ip ?? "", port.Port ?? 0));
                }
            }
        }
        var text = string.Join(",", list);
        return more ? $"{text} + {count - max} more..." : text;
    }

    /// <summary>net.JoinHostPort: IPv6 hosts go in brackets.</summary>
    internal static string JoinHostPort(string host, object port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
