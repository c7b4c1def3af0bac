using System.Text.Json;
using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// One object of record: its JSON without metadata.resourceVersion (the truth; every private copy is a fresh decode,
/// and equal bytes mean "nothing changed"), its revision, and the decoded snapshot that watch events carry and the
/// store matches selectors against. The snapshot is shared and read-only by contract, as informer caches are.
/// A new object may be stored without its JSON (<paramref name="json"/> null, <paramref name="written"/> the object as
/// written, which nobody else holds or changes): the JSON is its encoding, made the first time it is read. Most Events
/// and the first version of most pods are never read back, and encoding one was a quarter of recording an Event. The
/// snapshot (handed to every watcher) is never what is encoded: a watcher that broke the read-only contract would
/// change the store's truth.
/// </summary>
internal sealed class StoredObject(KubeObject snapshot, byte[]? json, long resourceVersion, string resourceVersionText, KubeObject? written = null)
{
    /// <summary>The shared snapshot (metadata.resourceVersion set); never modify it.</summary>
    public KubeObject Object { get; } = snapshot;

    public KubeObject Snapshot => Object;

    private byte[]? _json = json ?? (written is null ? throw new ArgumentNullException(nameof(json)) : null);
    private KubeObject? _written = written;

    public byte[] Json => Volatile.Read(ref _json) ?? EncodeWritten();

    // Encoded as the write would have encoded it (without resourceVersion), from a copy of its shell and metadata: the
    // written object is not changed. The bytes are published before the object is let go, so a reader on another
    // thread finds one or the other (two readers at once both encode, to the same bytes).
    private byte[] EncodeWritten()
    {
        if (Volatile.Read(ref _written) is not { } written) return Volatile.Read(ref _json)!;
        var shell = SnapshotDecoder.Shallow(written);
        shell.Metadata = SnapshotDecoder.UnchangedMetadata(written.Meta, copy: false);
        var json = ObjectCodec.Encode(shell);
        Volatile.Write(ref _json, json);
        Volatile.Write(ref _written, null);
        return json;
    }

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

    /// <summary>The bytes of the top-level member object <paramref name="name"/> within <see cref="Json"/>: the status as
    /// <see cref="TryGetStatus"/> keeps it; one other member (a lease's spec, written every 10 s) kept the same way.</summary>
    public bool TryGetMember(string name, out int start, out int length)
    {
        if (name == "status") return TryGetStatus(out start, out length);
        if (!ReferenceEquals(name, _memberName) && name != _memberName)
        {
            _ = FindMember(Json, name, out _memberStart, out _memberLength);
            _memberName = name;
        }
        (start, length) = (_memberStart, _memberLength);
        return start >= 0;
    }

    // The other member TryGetMember keeps (null: none yet); a start of -1 when it is absent or not an object.
    private string? _memberName;
    private int _memberStart;
    private int _memberLength;

    /// <summary>Records where a member object lies, as the write that spliced it into these bytes knows it.</summary>
    public void KnowMemberAt(string name, int start, int length)
    {
        if (name == "status") KnowStatusAt(start, length);
        else (_memberName, _memberStart, _memberLength) = (name, start, length);
    }

    private void FindStatus()
    {
        // A member not found leaves the start at -1.
        _ = FindMember(Json, "status", out _statusStart, out _statusLength);
    }

    /// <summary>Where the top-level member <paramref name="name"/> lies when it is an object; false when it is absent or not an object.</summary>
    private static bool FindMember(byte[] json, string name, out int start, out int length)
    {
        (start, length) = (-1, 0);
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMember = reader.ValueTextEquals(name);
            reader.Read();
            var at = (int)reader.TokenStartIndex;
            var isObject = reader.TokenType == JsonTokenType.StartObject;
            reader.Skip();
            if (!isMember) continue;
            if (!isObject) return false;
            (start, length) = (at, (int)reader.BytesConsumed - at);
            return true;
        }
        return false;
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
