using System.Text.Json;

namespace ActorPods.Api.Serialization;

/// <summary>Where one top-level member of an encoded JSON object lies: its unescaped name (start -1 for an escaped name,
/// which never matches a name looked for) and its value.</summary>
public readonly record struct JsonObjectMember(int NameStart, int NameLength, int ValueStart, int ValueLength)
{
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> json) => NameStart < 0 ? default : json.Slice(NameStart, NameLength);

    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> json) => json.Slice(ValueStart, ValueLength);
}

/// <summary>
/// The top-level members of an encoded JSON object, located with a reader and compared as bytes, without a document:
/// what the api-server's shared decode and the status manager's diff need of two encodings of one type.
/// </summary>
public static class JsonObjectMembers
{
    /// <summary>Indexes the members of the object <paramref name="json"/> in order, as many as fit; returns how many it
    /// has, or -1 when <paramref name="json"/> is not an object.</summary>
    public static int Index(ReadOnlySpan<byte> json, Span<JsonObjectMember> index)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return -1;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // A name token starts at its opening quote; unescaped, its bytes are the ones between the quotes.
            var nameStart = reader.ValueIsEscaped ? -1 : (int)reader.TokenStartIndex + 1;
            var nameLength = reader.ValueSpan.Length;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (count < index.Length) index[count] = new JsonObjectMember(nameStart, nameLength, start, (int)reader.BytesConsumed - start);
            count++;
        }
        return count;
    }

    /// <summary>The index of the member named <paramref name="name"/>, searching from after the previous match
    /// (<paramref name="cursor"/>) and then from the top: two encodings of one type keep one member order, so the match
    /// is usually the next one. -1 when there is none.</summary>
    public static int Find(ReadOnlySpan<JsonObjectMember> members, ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, ref int cursor)
    {
        for (var n = 0; n < members.Length; n++)
        {
            var i = cursor + n < members.Length ? cursor + n : cursor + n - members.Length;
            var m = members[i];
            if (m.NameStart < 0 || m.NameLength != name.Length || !json.Slice(m.NameStart, m.NameLength).SequenceEqual(name)) continue;
            cursor = i + 1;
            return i;
        }
        return -1;
    }
}
