using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// kubectl/pkg/util/resource PodRequestsAndLimits (v0.32): containers summed, sidecars added to the running
/// total, each init container maxed against it, pod overhead added (to limits only where set).
/// In-place resize (status resources) is not modelled by the simulator and is ignored.
/// </summary>
public static class PodResources
{
    public static (Dictionary<string, Quantity> Requests, Dictionary<string, Quantity> Limits) RequestsAndLimits(Pod pod) =>
        (Sum(pod, r => r?.Requests, overheadOnlyWhereSet: false), Sum(pod, r => r?.Limits, overheadOnlyWhereSet: true));

    private static Dictionary<string, Quantity> Sum(Pod pod, Func<ResourceRequirements?, Dictionary<string, Quantity>?> pick, bool overheadOnlyWhereSet)
    {
        var total = new Dictionary<string, Quantity>();
        foreach (var container in pod.Spec?.Containers ?? []) Add(total, pick(container.Resources));

        var sidecars = new Dictionary<string, Quantity>();
        var initMax = new Dictionary<string, Quantity>();
        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            Dictionary<string, Quantity> effective;
            if (PodStatusColumn.IsSidecar(container))
            {
                Add(total, pick(container.Resources));
                Add(sidecars, pick(container.Resources));
                effective = sidecars;
            }
            else
            {
                effective = new Dictionary<string, Quantity>();
                Add(effective, pick(container.Resources));
                Add(effective, sidecars);
            }
            Max(initMax, effective);
        }
        Max(total, initMax);

        foreach (var (name, quantity) in pod.Spec?.Overhead ?? [])
        {
            if (!overheadOnlyWhereSet) Add(total, new Dictionary<string, Quantity> { [name] = quantity });
            else if (total.TryGetValue(name, out var value) && !value.IsZero) total[name] = value + quantity;
        }
        return total;
    }

    public static void Add(Dictionary<string, Quantity> into, IReadOnlyDictionary<string, Quantity>? list)
    {
        foreach (var (name, quantity) in list ?? new Dictionary<string, Quantity>())
            into[name] = into.TryGetValue(name, out var value) ? value + quantity : quantity;
    }

    private static void Max(Dictionary<string, Quantity> into, IReadOnlyDictionary<string, Quantity> list)
    {
        foreach (var (name, quantity) in list)
            if (!into.TryGetValue(name, out var value) || quantity > value) into[name] = quantity;
    }
}
