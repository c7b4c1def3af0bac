using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// The store keeps each object's JSON bytes as the record (as etcd keeps serialized objects): every copy handed out is
/// a fresh decode, so no caller can reach the stored state, and "did this write change anything" is a byte comparison.
/// </summary>
internal static class ObjectCodec
{
    public static byte[] Encode(KubeObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), KubeJson.Options);

    public static KubeObject Decode(byte[] json, Type type) => (KubeObject)JsonSerializer.Deserialize(json, type, KubeJson.Options)!;

    public static KubeObject Copy(KubeObject obj) => Decode(Encode(obj), obj.GetType());

    /// <summary>
    /// Decodes <paramref name="json"/> without one top-level member (<paramref name="member"/>, e.g. "spec"), which the
    /// caller supplies from elsewhere; false when the member is absent.
    /// </summary>
    public static bool TryDecodeWithout(byte[] json, Type type, ReadOnlySpan<byte> member, out KubeObject decoded)
    {
        decoded = null!;
        if (!TryFindMember(json, member, out var start, out var end)) return false;
        // Drop the member with the comma before it (or after it, if it comes first).
        var cutStart = start;
        var cutEnd = end;
        var before = json.AsSpan(0, start).TrimEnd(" \t\r\n"u8);
        if (before.Length > 0 && before[^1] == (byte)',') cutStart = before.Length - 1;
        else
        {
            var after = json.AsSpan(end);
            var skip = after.Length - after.TrimStart(" \t\r\n"u8).Length;
            if (skip < after.Length && after[skip] == (byte)',') cutEnd = end + skip + 1;
        }
        var length = json.Length - (cutEnd - cutStart);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            json.AsSpan(0, cutStart).CopyTo(buffer);
            json.AsSpan(cutEnd).CopyTo(buffer.AsSpan(cutStart));
            decoded = (KubeObject)JsonSerializer.Deserialize(buffer.AsSpan(0, length), type, KubeJson.Options)!;
            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The raw bytes of a top-level member's value, or an empty span when there is none.</summary>
    public static ReadOnlySpan<byte> MemberValue(byte[] json, ReadOnlySpan<byte> member) =>
        TryFindMember(json, member, out var start, out var end, valueOnly: true) ? json.AsSpan(start, end - start) : default;

    /// <summary>Where a top-level member is: from its name's opening quote (or its value's first byte) to its value's end.</summary>
    private static bool TryFindMember(byte[] json, ReadOnlySpan<byte> member, out int start, out int end, bool valueOnly = false)
    {
        start = end = 0;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            var found = reader.ValueTextEquals(member);
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!found) continue;
            start = valueOnly ? valueStart : nameStart;
            end = (int)reader.BytesConsumed;
            return true;
        }
        return false;
    }
}
