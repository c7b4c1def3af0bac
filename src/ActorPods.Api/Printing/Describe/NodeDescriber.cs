using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using static ActorPods.Api.Printing.Describe.DescribeWriter;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// `kubectl describe node` text, after kubectl v0.32 pkg/describe/describe.go describeNode and
/// describeNodeResource. <paramref name="nonTerminatedPods"/> are the pods bound to the node that are neither
/// Succeeded nor Failed (kubectl's field selector); <paramref name="lease"/> is the node's kube-node-lease
/// Lease (null prints kubectl's not-found line); null <paramref name="events"/> omits the Events section.
/// </summary>
public static class NodeDescriber
{
    public static string Describe(Node node, IReadOnlyList<Pod> nonTerminatedPods, Lease? lease, IReadOnlyList<Event>? events,
        DateTimeOffset now, TimeZoneInfo? timeZone = null)
    {
        var zone = timeZone ?? TimeZoneInfo.Utc;
        var w = new DescribeWriter();
        var meta = node.Metadata ?? new ObjectMeta();
        var status = node.Status ?? new NodeStatus();
        var info = status.NodeInfo ?? new NodeSystemInfo();

        w.Write(Level0, $"Name:\t{meta.Name}\n");
        w.Write(Level0, $"Roles:\t{NodePrinter.Roles(node)}\n");
        PodDescriber.WriteLabels(w, "Labels", meta.Labels);
        PodDescriber.WriteAnnotations(w, "Annotations", meta.Annotations);
        w.Write(Level0, $"CreationTimestamp:\t{GoText.Rfc1123Z(meta.CreationTimestamp, zone)}\n");
        WriteTaints(w, node.Spec?.Taints);
        w.Write(Level0, $"Unschedulable:\t{GoText.Lower(node.Spec?.Unschedulable == true)}\n");
        if (lease is null)
            w.Write(Level0, $"Lease:\tFailed to get lease: leases.coordination.k8s.io \"{meta.Name}\" not found\n");
        else
        {
            w.Write(Level0, "Lease:\n");
            w.Write(Level1, $"HolderIdentity:\t{lease.Spec?.HolderIdentity ?? "<unset>"}\n");
            w.Write(Level1, $"AcquireTime:\t{(lease.Spec?.AcquireTime is { } acquire ? GoText.Rfc1123Z(acquire, zone) : "<unset>")}\n");
            w.Write(Level1, $"RenewTime:\t{(lease.Spec?.RenewTime is { } renew ? GoText.Rfc1123Z(renew, zone) : "<unset>")}\n");
        }

        if (status.Conditions is { Count: > 0 })
        {
            w.Write(Level0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
            w.Write(Level1, "----\t------\t-----------------\t------------------\t------\t-------\n");
            foreach (var c in status.Conditions)
                w.Write(Level1, $"{c.Type} \t{c.Status} \t{GoText.Rfc1123Z(c.LastHeartbeatTime, zone)} \t{GoText.Rfc1123Z(c.LastTransitionTime, zone)} \t{c.Reason} \t{c.Message}\n");
        }

        w.Write(Level0, "Addresses:\n");
        foreach (var address in status.Addresses ?? []) w.Write(Level1, $"{address.Type}:\t{address.Address}\n");
        if (status.Capacity is { Count: > 0 })
        {
            w.Write(Level0, "Capacity:\n");
            WriteResourceList(w, status.Capacity);
        }
        if (status.Allocatable is { Count: > 0 })
        {
            w.Write(Level0, "Allocatable:\n");
            WriteResourceList(w, status.Allocatable);
        }

        w.Write(Level0, "System Info:\n");
        w.Write(Level0, $"  Machine ID:\t{info.MachineID}\n");
        w.Write(Level0, $"  System UUID:\t{info.SystemUUID}\n");
        w.Write(Level0, $"  Boot ID:\t{info.BootID}\n");
        w.Write(Level0, $"  Kernel Version:\t{info.KernelVersion}\n");
        w.Write(Level0, $"  OS Image:\t{info.OsImage}\n");
        w.Write(Level0, $"  Operating System:\t{info.OperatingSystem}\n");
        w.Write(Level0, $"  Architecture:\t{info.Architecture}\n");
        w.Write(Level0, $"  Container Runtime Version:\t{info.ContainerRuntimeVersion}\n");
        w.Write(Level0, $"  Kubelet Version:\t{info.KubeletVersion}\n");
        w.Write(Level0, $"  Kube-Proxy Version:\t{info.KubeProxyVersion}\n");
        if (!string.IsNullOrEmpty(node.Spec?.PodCIDR)) w.Write(Level0, $"PodCIDR:\t{node.Spec.PodCIDR}\n");
        if (node.Spec?.PodCIDRs is { Count: > 0 } cidrs) w.Write(Level0, $"PodCIDRs:\t{string.Join(",", cidrs)}\n");
        if (!string.IsNullOrEmpty(node.Spec?.ProviderID)) w.Write(Level0, $"ProviderID:\t{node.Spec.ProviderID}\n");
        WriteNodeResources(w, node, nonTerminatedPods, now);
        if (events is not null) EventsDescriber.Write(w, events, now);
        return w.ToString();
    }

    /// <summary>v1.Taint.ToString: "key=value:Effect", "key:Effect", "key=value:", "key".</summary>
    public static string FormatTaint(Taint t)
    {
        var hasValue = !string.IsNullOrEmpty(t.Value);
        if (string.IsNullOrEmpty(t.Effect)) return hasValue ? $"{t.Key}={t.Value}:" : t.Key ?? "";
        return hasValue ? $"{t.Key}={t.Value}:{t.Effect}" : $"{t.Key}:{t.Effect}";
    }

    private static void WriteTaints(DescribeWriter w, IReadOnlyList<Taint>? taints)
    {
        w.Write(Level0, "Taints:\t");
        if (taints is null || taints.Count == 0)
        {
            w.WriteLine("<none>");
            return;
        }
        var first = true;
        foreach (var taint in taints.OrderBy(t => $"{t.Effect},{t.Key}", StringComparer.Ordinal))
        {
            if (!first) w.Write(Level0, "\t");
            first = false;
            w.Write(Level0, FormatTaint(taint) + "\n");
        }
    }

    private static void WriteResourceList(DescribeWriter w, Dictionary<string, Quantity> list)
    {
        foreach (var (name, quantity) in list.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.Write(Level0, $"  {name}:\t{quantity}\n");
    }

    // describeNodeResource
    private static void WriteNodeResources(DescribeWriter w, Node node, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        w.Write(Level0, $"Non-terminated Pods:\t({pods.Count} in total)\n");
        w.Write(Level1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
        w.Write(Level1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
        var allocatable = node.Status?.Allocatable is { Count: > 0 } a ? a : node.Status?.Capacity ?? [];
        var allocCpu = Get(allocatable, "cpu").MilliValue();
        var allocMemory = Get(allocatable, "memory").Value();

        var totalRequests = new Dictionary<string, Quantity>();
        var totalLimits = new Dictionary<string, Quantity>();
        foreach (var pod in pods)
        {
            var (requests, limits) = PodResources.RequestsAndLimits(pod);
            PodResources.Add(totalRequests, requests);
            PodResources.Add(totalLimits, limits);
            var cpuReq = Get(requests, "cpu");
            var cpuLimit = Get(limits, "cpu");
            var memReq = Get(requests, "memory");
            var memLimit = Get(limits, "memory");
            w.Write(Level1, $"{pod.Metadata?.Namespace}\t{pod.Metadata?.Name}\t\t" +
                            $"{cpuReq} ({Percent(cpuReq.MilliValue(), allocCpu)}%)\t{cpuLimit} ({Percent(cpuLimit.MilliValue(), allocCpu)}%)\t" +
                            $"{memReq} ({Percent(memReq.Value(), allocMemory)}%)\t{memLimit} ({Percent(memLimit.Value(), allocMemory)}%)\t" +
                            $"{HumanDuration.Since(pod.Metadata?.CreationTimestamp, now)}\n");
        }

        w.Write(Level0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
        w.Write(Level1, "Resource\tRequests\tLimits\n");
        w.Write(Level1, "--------\t--------\t------\n");
        WriteTotal(w, "cpu", Get(totalRequests, "cpu"), Get(totalLimits, "cpu"), q => q.MilliValue(), allocCpu);
        WriteTotal(w, "memory", Get(totalRequests, "memory"), Get(totalLimits, "memory"), q => q.Value(), allocMemory);
        WriteTotal(w, "ephemeral-storage", Get(totalRequests, "ephemeral-storage"), Get(totalLimits, "ephemeral-storage"), q => q.Value(),
            Get(allocatable, "ephemeral-storage").Value());

        var hugePages = allocatable.Keys.Where(k => k.StartsWith("hugepages-", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var resource in hugePages)
            WriteTotal(w, resource, Get(totalRequests, resource), Get(totalLimits, resource), q => q.Value(), Get(allocatable, resource).Value());
        var extended = allocatable.Keys
            .Where(k => !k.StartsWith("hugepages-", StringComparison.Ordinal) && k is not ("cpu" or "memory" or "ephemeral-storage" or "pods"))
            .OrderBy(k => k, StringComparer.Ordinal);
        foreach (var resource in extended) w.Write(Level1, $"{resource}\t{Get(totalRequests, resource)}\t{Get(totalLimits, resource)}\n");
    }

    private static void WriteTotal(DescribeWriter w, string name, Quantity requests, Quantity limits, Func<Quantity, long> value, long allocatable) =>
        w.Write(Level1, $"{name}\t{requests} ({Percent(value(requests), allocatable)}%)\t{limits} ({Percent(value(limits), allocatable)}%)\n");

    // int64(float64(x) / float64(total) * 100); a zero total (Go: 0 for the totals, undefined per pod) prints 0.
    private static long Percent(long x, long total) => total == 0 ? 0 : (long)((double)x / total * 100);

    private static Quantity Get(IReadOnlyDictionary<string, Quantity> list, string name) => list.TryGetValue(name, out var q) ? q : Quantity.Zero;
}
