using System.Globalization;
using ActorPods.Api.Model;

namespace ActorPods.Api.Quantities;

/// <summary>
/// Resource values as the downward API exposes them (env valueFrom.resourceFieldRef, downwardAPI volumes),
/// after k8s.io/kubernetes/pkg/api/v1/resource/helpers.go: ExtractContainerResourceValue,
/// ExtractResourceValueByContainerNameAndNodeAllocatable, MergeContainerResourceLimits and the
/// convertResource*ToString helpers (results rounded up: 125m of CPU with divisor 1 is "1").
/// </summary>
public static class ContainerResources
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";

    /// <summary>
    /// The value for <paramref name="selector"/> in the named container of <paramref name="pod"/>, with limits
    /// that are unset (or zero) taken from the node's allocatable, as the kubelet does before it resolves
    /// downward-API values (kubelet_pods.go, defaultPodLimitsForDownwardAPI).
    /// </summary>
    public static string ExtractResourceValueByContainerNameAndNodeAllocatable(
        ResourceFieldSelector selector, Pod pod, string containerName, IReadOnlyDictionary<string, Quantity>? nodeAllocatable)
    {
        var container = FindContainer(pod, containerName);
        return ExtractContainerResourceValue(selector, WithLimitsFrom(container.Resources, nodeAllocatable));
    }

    /// <summary>The value for <paramref name="selector"/> in a known container's resources.</summary>
    public static string ExtractContainerResourceValue(ResourceFieldSelector selector, ResourceRequirements? resources)
    {
        // A zero (or missing) divisor means 1.
        var divisor = selector.Divisor is { IsZero: false } d ? d : Quantity.FromValue(1);
        var limits = resources?.Limits;
        var requests = resources?.Requests;
        var resource = selector.Resource ?? "";
        switch (resource)
        {
            case "limits.cpu": return CpuToString(Get(limits, Cpu), divisor);
            case "limits.memory": return BytesToString(Get(limits, Memory), divisor);
            case "limits.ephemeral-storage": return BytesToString(Get(limits, EphemeralStorage), divisor);
            case "requests.cpu": return CpuToString(Get(requests, Cpu), divisor);
            case "requests.memory": return BytesToString(Get(requests, Memory), divisor);
            case "requests.ephemeral-storage": return BytesToString(Get(requests, EphemeralStorage), divisor);
        }
        // requests.hugepages-<size> / limits.hugepages-<size>, converted like memory.
        if (resource.StartsWith("requests.hugepages-", StringComparison.Ordinal))
            return BytesToString(Get(requests, resource["requests.".Length..]), divisor);
        if (resource.StartsWith("limits.hugepages-", StringComparison.Ordinal))
            return BytesToString(Get(limits, resource["limits.".Length..]), divisor);
        throw new ArgumentException($"unsupported container resource : {resource}", nameof(selector));
    }

    /// <summary>MergeContainerResourceLimits: unset or zero cpu/memory/ephemeral-storage limits default to node allocatable.</summary>
    public static ResourceRequirements WithLimitsFrom(ResourceRequirements? resources, IReadOnlyDictionary<string, Quantity>? nodeAllocatable)
    {
        var limits = resources?.Limits is { } l ? new Dictionary<string, Quantity>(l) : new Dictionary<string, Quantity>();
        foreach (var name in new[] { Cpu, Memory, EphemeralStorage })
        {
            if ((!limits.TryGetValue(name, out var q) || q.IsZero) && nodeAllocatable is not null
                && nodeAllocatable.TryGetValue(name, out var cap))
                limits[name] = cap;
        }
        return new ResourceRequirements { Limits = limits, Requests = resources?.Requests, Claims = resources?.Claims };
    }

    // convertResourceCPUToString: ceil(milli / divisor milli).
    private static string CpuToString(Quantity cpu, Quantity divisor) =>
        CeilDiv(cpu.MilliValue(), divisor.MilliValue()).ToString(CultureInfo.InvariantCulture);

    // convertResourceMemoryToString (and ephemeral storage, hugepages): ceil(value / divisor value).
    private static string BytesToString(Quantity bytes, Quantity divisor) =>
        CeilDiv(bytes.Value(), divisor.Value()).ToString(CultureInfo.InvariantCulture);

    // Go computes int64(math.Ceil(float64(a) / float64(b))); doubles keep the same results for realistic sizes.
    private static long CeilDiv(long a, long b) => (long)Math.Ceiling((double)a / b);

    private static Quantity Get(Dictionary<string, Quantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) ? q : Quantity.Zero;

    private static Container FindContainer(Pod pod, string containerName) =>
        pod.Spec?.Containers?.FirstOrDefault(c => c.Name == containerName)
        ?? pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == containerName)
        ?? throw new ArgumentException($"container {containerName} not found", nameof(containerName));
}
