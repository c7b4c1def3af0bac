using System.Text.Json;
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

    // Where the top-level status object lies in Json: start -2 while not looked for, -1 when there is none.
    private int _statusStart = -2;
    private int _statusLength;

    /// <summary>The bytes of the top-level status object within <see cref="Json"/>: looked for once per version, or handed
    /// over by the status-only write that spliced them in (<see cref="KnowStatusAt"/>).</summary>
    public bool TryGetStatus(out int start, out int length)
    {
        if (_statusStart == -2) FindStatus();
        (start, length) = (_statusStart, _statusLength);
        return start >= 0;
    }

    /// <summary>Records where the status object lies, as the write that made these bytes knows it.</summary>
    public void KnowStatusAt(int start, int length) => (_statusStart, _statusLength) = (start, length);

    private void FindStatus()
    {
        _statusStart = -1;
        var reader = new Utf8JsonReader(Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStatus = reader.ValueTextEquals("status"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            reader.Skip();
            if (!isStatus) continue;
            if (isObject) (_statusStart, _statusLength) = (start, (int)reader.BytesConsumed - start);
            return;
        }
    }

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
