namespace ActorPods.Api.Model;

/// <summary>
/// v1 List: a heterogeneous list of objects (what `kubectl get -o yaml` prints for several objects).
/// Not a <see cref="KubeObject"/> itself: it is never stored, only read and written.
/// Each item is (de)serialized by its own apiVersion/kind through the kind registry.
/// </summary>
public sealed class KubeList
{
    public string? ApiVersion { get; set; } = "v1";
    public string? Kind { get; set; } = "List";
    public ListMeta? Metadata { get; set; }
    public List<KubeObject>? Items { get; set; }
}
