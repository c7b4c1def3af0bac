using ActorPods.Api.Model;
using ActorPods.Api.Selectors;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.ServiceEndpoints;

/// <summary>
/// The subsets of a Service's Endpoints, as the legacy endpoints controller computes them
/// (pkg/controller/endpoint/endpoints_controller.go syncService): ready pods under addresses, the rest under
/// notReadyAddresses; a pod being deleted, finished, or without an IP is left out unless the Service publishes
/// not-ready addresses (then every pod with an IP that is not terminal is ready).
/// </summary>
public static class EndpointsBuilder
{
    public static List<EndpointSubset> Subsets(Service service, IEnumerable<Pod> pods)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        var byAddress = new Dictionary<string, (EndpointAddress Address, bool Ready, List<EndpointPort> Ports)>(StringComparer.Ordinal);
        var headless = service.Spec?.ClusterIP == "None";
        foreach (var pod in pods)
        {
            if (!ShouldBeInEndpoints(pod, publishNotReady)) continue;
            var address = new EndpointAddress
            {
                Ip = pod.Status!.PodIP,
                NodeName = pod.Spec?.NodeName,
                TargetRef = new ObjectReference { Kind = "Pod", Namespace = pod.Metadata?.Namespace, Name = pod.Metadata?.Name, Uid = pod.Metadata?.Uid },
            };
            // ShouldSetHostname: the pod's hostname when its subdomain names this service.
            if (!string.IsNullOrEmpty(pod.Spec?.Hostname) && pod.Spec.Subdomain == service.Metadata?.Name && service.Metadata?.Namespace == pod.Metadata?.Namespace)
                address.Hostname = pod.Spec.Hostname;
            var ready = publishNotReady || PodConditions.IsReady(pod);
            var ports = new List<EndpointPort>();
            var servicePorts = service.Spec?.Ports ?? [];
            if (servicePorts.Count == 0)
            {
                // Headless services may have no ports.
                if (!headless) continue;
            }
            else
            {
                foreach (var sp in servicePorts)
                {
                    if (FindPort(pod, sp) is not { } port) continue;
                    ports.Add(new EndpointPort { Name = sp.Name, Port = port, Protocol = sp.Protocol ?? "TCP", AppProtocol = sp.AppProtocol });
                }
                if (ports.Count == 0) continue;
            }
            byAddress[pod.Metadata?.Uid ?? address.Ip!] = (address, ready, ports);
        }
        return Repack(byAddress.Values);
    }

    /// <summary>endpointsliceutil.ShouldPodBeInEndpoints with includeTerminating = publishNotReadyAddresses.</summary>
    public static bool ShouldBeInEndpoints(Pod pod, bool includeTerminating)
    {
        if (PodConditions.IsTerminal(pod)) return false;
        if (string.IsNullOrEmpty(pod.Status?.PodIP) && pod.Status?.PodIPs is not { Count: > 0 }) return false;
        if (!includeTerminating && pod.Metadata?.DeletionTimestamp is not null) return false;
        return true;
    }

    /// <summary>
    /// podutil.FindPort: a numeric targetPort as is; a named one is looked up among the container ports (regular
    /// containers, then restartable init containers) with the service port's protocol.
    /// </summary>
    public static int? FindPort(Pod pod, ServicePort servicePort)
    {
        var target = servicePort.TargetPort ?? IntOrString.FromInt(servicePort.Port ?? 0);
        if (target.IsInt) return target.IntValue;
        var protocol = servicePort.Protocol ?? "TCP";
        var containers = (pod.Spec?.Containers ?? []).Concat((pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always"));
        foreach (var c in containers)
        {
            foreach (var p in c.Ports ?? [])
            {
                if (p.Name == target.StringValue && (p.Protocol ?? "TCP") == protocol) return p.ContainerPort;
            }
        }
        return null;
    }

    /// <summary>
    /// endpoints.RepackSubsets: one subset per distinct set of ports, addresses sorted by IP then UID. Ports are
    /// sorted by name and number (upstream sorts them by a hash, which has no visible order).
    /// </summary>
    private static List<EndpointSubset> Repack(IEnumerable<(EndpointAddress Address, bool Ready, List<EndpointPort> Ports)> entries)
    {
        var subsets = new List<(string Key, EndpointSubset Subset)>();
        foreach (var (address, ready, ports) in entries)
        {
            var sorted = ports.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Port).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToList();
            var key = string.Join(",", sorted.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}/{p.AppProtocol}"));
            var subset = subsets.FirstOrDefault(s => s.Key == key).Subset;
            if (subset is null)
            {
                subset = new EndpointSubset { Ports = sorted.Count == 0 ? null : sorted };
                subsets.Add((key, subset));
            }
            if (ready) (subset.Addresses ??= []).Add(address);
            else (subset.NotReadyAddresses ??= []).Add(address);
        }
        foreach (var (_, s) in subsets)
        {
            s.Addresses?.Sort(CompareAddress);
            s.NotReadyAddresses?.Sort(CompareAddress);
        }
        return subsets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Subset).ToList();
    }

    private static int CompareAddress(EndpointAddress a, EndpointAddress b)
    {
        var ip = string.CompareOrdinal(a.Ip, b.Ip);
        return ip != 0 ? ip : string.CompareOrdinal(a.TargetRef?.Uid, b.TargetRef?.Uid);
    }

    public static bool Selects(Service service, Pod pod) =>
        service.Spec?.Selector is { Count: > 0 } selector && service.Metadata?.Namespace == pod.Metadata?.Namespace
        && LabelSelectors.MatchesSet(selector, pod.Metadata?.Labels);
}
