using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// kubectl/pkg/util/qos GetPodQOS: status.qosClass when set, else computed from cpu/memory requests and
/// limits of all containers and init containers (Guaranteed, Burstable, BestEffort).
/// </summary>
public static class QosClass
{
    private static readonly string[] Supported = ["cpu", "memory"];

    public static string Get(Pod pod) => !string.IsNullOrEmpty(pod.Status?.QosClass) ? pod.Status.QosClass : Compute(pod);

    public static string Compute(Pod pod)
    {
        var requests = new Dictionary<string, Quantity>();
        var limits = new Dictionary<string, Quantity>();
        var guaranteed = true;
        foreach (var container in (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []))
        {
            Accumulate(requests, container.Resources?.Requests);
            Accumulate(limits, container.Resources?.Limits);
            var qosLimits = (container.Resources?.Limits ?? []).Where(kv => Supported.Contains(kv.Key) && kv.Value.Sign > 0).Select(kv => kv.Key).ToHashSet();
            if (!qosLimits.Contains("memory") || !qosLimits.Contains("cpu")) guaranteed = false;
        }
        if (requests.Count == 0 && limits.Count == 0) return "BestEffort";
        if (guaranteed && requests.Any(kv => !limits.TryGetValue(kv.Key, out var limit) || limit != kv.Value)) guaranteed = false;
        return guaranteed && requests.Count == limits.Count ? "Guaranteed" : "Burstable";
    }

    private static void Accumulate(Dictionary<string, Quantity> sum, Dictionary<string, Quantity>? list)
    {
        foreach (var (name, quantity) in list ?? [])
        {
            if (!Supported.Contains(name) || quantity.Sign <= 0) continue;
            sum[name] = sum.TryGetValue(name, out var existing) ? existing + quantity : quantity;
        }
    }
}
