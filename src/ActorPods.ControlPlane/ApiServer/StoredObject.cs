using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>One object of record: its JSON (the truth), a private decoded copy for matching, and the shared read-only
/// snapshot that watch events carry.</summary>
internal sealed class StoredObject(KubeObject obj, KubeObject snapshot, byte[] json, long resourceVersion)
{
    /// <summary>Private decoded state; never leaves the actor.</summary>
    public KubeObject Object { get; } = obj;

    /// <summary>Shared with watchers (read-only by contract, as informer caches are).</summary>
    public KubeObject Snapshot { get; } = snapshot;

    public byte[] Json { get; } = json;

    public long ResourceVersion { get; } = resourceVersion;

    public string Namespace => Object.Metadata?.Namespace ?? "";

    public string Name => Object.Metadata?.Name ?? "";

    /// <summary>spec.nodeName for pods (the index kubelets' watches and lists use), else null.</summary>
    public string? NodeName => (Object as Pod)?.Spec?.NodeName is { Length: > 0 } n ? n : null;

    public KubeObject Copy() => ObjectCodec.Decode(Json, Object.GetType());
}
