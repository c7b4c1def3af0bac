using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// One object of record: its JSON without metadata.resourceVersion (the truth; every private copy is a fresh decode,
/// and equal bytes mean "nothing changed"), its revision, and the decoded snapshot that watch events carry and the
/// store matches selectors against. The snapshot is shared and read-only by contract, as informer caches are.
/// </summary>
internal sealed class StoredObject(KubeObject snapshot, byte[] json, long resourceVersion, string resourceVersionText)
{
    /// <summary>The shared snapshot (metadata.resourceVersion set); never modify it.</summary>
    public KubeObject Object { get; } = snapshot;

    public KubeObject Snapshot => Object;

    public byte[] Json { get; } = json;

    public long ResourceVersion { get; } = resourceVersion;

    public string ResourceVersionText { get; } = resourceVersionText;

    public string Namespace => Object.Metadata?.Namespace ?? "";

    public string Name => Object.Metadata?.Name ?? "";

    /// <summary>spec.nodeName for pods (the index kubelets' watches and lists use), else null.</summary>
    public string? NodeName => (Object as Pod)?.Spec?.NodeName is { Length: > 0 } n ? n : null;

    /// <summary>
    /// A private copy to edit into the next version: a member-wise copy of the snapshot, which equals a decode of
    /// <see cref="Json"/> (snapshots are read-only by contract), as <see cref="KindBehavior.CopySpec"/> copies the spec.
    /// </summary>
    public KubeObject Edit() => ModelCloner.Clone(Object);

    /// <summary>A private copy for a caller, decoded from the bytes (whatever anyone did to a shared snapshot).</summary>
    public KubeObject Copy()
    {
        var copy = ObjectCodec.Decode(Json, Object.GetType());
        copy.Meta.ResourceVersion = ResourceVersionText;
        return copy;
    }
}
