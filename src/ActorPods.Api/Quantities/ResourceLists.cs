namespace ActorPods.Api.Quantities;

/// <summary>
/// Accessors for v1.ResourceList maps (resource name to quantity), after the Go methods
/// ResourceList.Cpu(), Memory(), StorageEphemeral(), Pods() and Name() in k8s.io/api/core/v1/resource.go:
/// a missing entry reads as zero in the format Kubernetes uses for that resource.
/// </summary>
public static class ResourceLists
{
    public static Quantity Cpu(this IReadOnlyDictionary<string, Quantity>? list) => Name(list, ContainerResources.Cpu, QuantityFormat.DecimalSI);
    public static Quantity Memory(this IReadOnlyDictionary<string, Quantity>? list) => Name(list, ContainerResources.Memory, QuantityFormat.BinarySI);
    public static Quantity StorageEphemeral(this IReadOnlyDictionary<string, Quantity>? list) => Name(list, ContainerResources.EphemeralStorage, QuantityFormat.BinarySI);
    public static Quantity Pods(this IReadOnlyDictionary<string, Quantity>? list) => Name(list, "pods", QuantityFormat.DecimalSI);

    /// <summary>The quantity for <paramref name="name"/>, or zero in <paramref name="defaultFormat"/>.</summary>
    public static Quantity Name(this IReadOnlyDictionary<string, Quantity>? list, string name, QuantityFormat defaultFormat) =>
        list is not null && list.TryGetValue(name, out var q) ? q : Quantity.Zero.WithFormat(defaultFormat);

    /// <summary>Adds every entry of <paramref name="other"/> into <paramref name="into"/> (resource sums for the scheduler).</summary>
    public static Dictionary<string, Quantity> AddInto(this Dictionary<string, Quantity> into, IReadOnlyDictionary<string, Quantity>? other)
    {
        if (other is null) return into;
        foreach (var (name, q) in other)
            into[name] = into.TryGetValue(name, out var existing) ? existing + q : q;
        return into;
    }
}
