using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ActorPods.Api.Serialization;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>
/// CreateMergePatch (RFC 7386, evanphx/json-patch): what turns <c>from</c> into <c>to</c>; removed keys become null.
/// Works on the two documents as parsed (no node trees) and writes the patch straight to a writer, compact and with
/// System.Text.Json's default escaping — the bytes <c>JsonNode.ToJsonString()</c> gave for the same patch.
/// </summary>
public static class MergePatchDiff
{
    /// <summary>
    /// Writes the properties of the patch from one object to another (the caller has started the object); how many.
    /// Keys in <paramref name="to"/>'s order, then the removed ones in <paramref name="from"/>'s.
    /// </summary>
    public static int WriteProperties(Utf8JsonWriter writer, JsonElement from, JsonElement to)
    {
        var written = 0;
        // Both sides are usually serialised from the same type, so the same key tends to sit at the same position.
        var cursor = from.EnumerateObject();
        foreach (var prop in to.EnumerateObject())
        {
            var value = prop.Value;
            if (!TryFind(from, ref cursor, prop, out var old))
            {
                WriteName(writer, prop);
                value.WriteTo(writer);
                written++;
                continue;
            }
            if (Same(old, value)) continue;
            WriteName(writer, prop);
            if (value.ValueKind == JsonValueKind.Object && old.ValueKind == JsonValueKind.Object)
            {
                // Objects that are not equal have a non-empty patch (equal key sets and values is what DeepEquals means).
                writer.WriteStartObject();
                WriteProperties(writer, old, value);
                writer.WriteEndObject();
            }
            else
            {
                value.WriteTo(writer);
            }
            written++;
        }
        var back = to.EnumerateObject();
        foreach (var prop in from.EnumerateObject())
        {
            if (TryFind(to, ref back, prop, out _)) continue;
            WriteName(writer, prop);
            writer.WriteNullValue();
            written++;
        }
        return written;
    }

    /// <summary>JsonNode.DeepEquals for two parsed values: identical text first, which is the usual answer.</summary>
    public static bool Same(JsonElement a, JsonElement b) =>
        (a.ValueKind == b.ValueKind && JsonMarshal.GetRawUtf8Value(a).SequenceEqual(JsonMarshal.GetRawUtf8Value(b)))
        || JsonElement.DeepEquals(a, b);

    /// <summary>The value of <paramref name="obj"/>'s property named like <paramref name="prop"/>; tries the cursor's next property first.</summary>
    private static bool TryFind(JsonElement obj, ref JsonElement.ObjectEnumerator cursor, JsonProperty prop, out JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(prop);
        var plain = raw.IndexOf((byte)'\\') < 0;
        if (cursor.MoveNext() && (plain ? cursor.Current.NameEquals(raw) : cursor.Current.NameEquals(prop.Name)))
        {
            value = cursor.Current.Value;
            return true;
        }
        foreach (var candidate in obj.EnumerateObject())
        {
            if (plain ? candidate.NameEquals(raw) : candidate.NameEquals(prop.Name))
            {
                value = candidate.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Whether <paramref name="obj"/> has a property named like <paramref name="prop"/>.</summary>
    public static bool Has(JsonElement obj, JsonProperty prop)
    {
        var cursor = obj.EnumerateObject();
        return TryFind(obj, ref cursor, prop, out _);
    }

    /// <summary>The property's name as a JsonObject key is written: unescaped, then escaped by the writer's encoder.</summary>
    public static void WriteName(Utf8JsonWriter writer, JsonProperty prop)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(prop);
        if (raw.IndexOf((byte)'\\') < 0) writer.WritePropertyName(raw);
        else writer.WritePropertyName(prop.Name);
    }
}

/// <summary>
/// Writes <c>{"status": patch}</c> documents for one status manager into one reused buffer, so a patch costs its
/// string and nothing else.
/// </summary>
public sealed class StatusPatchWriter
{
    private static readonly byte[] StatusName = "status"u8.ToArray();
    // Default options: compact, default encoder — what JsonNode.ToJsonString() used.
    private readonly JsonScratch _scratch = new(new JsonWriterOptions());
    private int _changed;

    /// <summary>The merge patch from one status JSON to another as <c>{"status":…}</c>; null when nothing differs.</summary>
    public string? Diff(ReadOnlyMemory<byte> from, ReadOnlyMemory<byte> to)
    {
        using var f = JsonDocument.Parse(from);
        using var t = JsonDocument.Parse(to);
        return Diff(f.RootElement, t.RootElement);
    }

    public string? Diff(JsonElement from, JsonElement to)
    {
        var json = _scratch.Write((Self: this, From: from, To: to), static (w, s) =>
        {
            w.WriteStartObject();
            w.WritePropertyName(StatusName);
            w.WriteStartObject();
            s.Self._changed = MergePatchDiff.WriteProperties(w, s.From, s.To);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return _changed == 0 ? null : Encoding.UTF8.GetString(json);
    }

    /// <summary>
    /// <see cref="Diff(ReadOnlyMemory{byte}, ReadOnlyMemory{byte})"/> for two statuses as the api's serializer encodes them
    /// (<see cref="KubeJson.Options"/>: one member order, compact, canonical numbers, strings and times), without parsing
    /// either: their top-level members are located and compared as bytes, which for two such encodings tells a changed
    /// value from an unchanged one, and a value is copied as it is. Anything else it meets goes the parsed way: an
    /// escaped member name, a changed member that is an object on both sides (the patch recurses into those), a value
    /// whose text the patch's default escaping would write differently (a backslash, non-ASCII, or one of
    /// &lt; &gt; &amp; ' + `, which the serializer leaves as they are).
    /// </summary>
    public string? DiffEncodings(ReadOnlyMemory<byte> from, ReadOnlyMemory<byte> to)
    {
        var f = from.Span;
        var t = to.Span;
        if (!TryIndex(f, ref _fromMembers, out var fromCount) || !TryIndex(t, ref _toMembers, out var toCount)) return Diff(from, to);
        var fromMembers = _fromMembers.AsSpan(0, fromCount);
        var toMembers = _toMembers.AsSpan(0, toCount);
        // First pass: what changed, and whether each changed value may be copied as it is.
        _changed = 0;
        var cursor = 0;
        foreach (ref var m in toMembers)
        {
            m.Match = FindMember(fromMembers, f, t.Slice(m.NameStart, m.NameLength), ref cursor);
            var value = t.Slice(m.ValueStart, m.ValueLength);
            if (m.Match >= 0)
            {
                var old = f.Slice(fromMembers[m.Match].ValueStart, fromMembers[m.Match].ValueLength);
                if (value.SequenceEqual(old)) continue;
                if (value[0] == (byte)'{' && old[0] == (byte)'{') return Diff(from, to);
            }
            if (value.IndexOfAny(Unsafe) >= 0 || value.ContainsAnyInRange((byte)0x80, (byte)0xFF)) return Diff(from, to);
            _changed++;
        }
        var removed = fromCount;
        foreach (ref readonly var m in toMembers)
            if (m.Match >= 0) removed--;
        if (_changed == 0 && removed == 0) return null;
        var json = _scratch.Write((Self: this, From: from, To: to, FromCount: fromCount, ToCount: toCount), static (w, s) =>
        {
            var f = s.From.Span;
            var t = s.To.Span;
            var fromMembers = s.Self._fromMembers.AsSpan(0, s.FromCount);
            var toMembers = s.Self._toMembers.AsSpan(0, s.ToCount);
            w.WriteStartObject();
            w.WritePropertyName(StatusName);
            w.WriteStartObject();
            // Keys in the new document's order, then the removed ones in the old one's (as MergePatchDiff writes them).
            foreach (ref readonly var m in toMembers)
            {
                var value = t.Slice(m.ValueStart, m.ValueLength);
                if (m.Match >= 0 && value.SequenceEqual(f.Slice(fromMembers[m.Match].ValueStart, fromMembers[m.Match].ValueLength))) continue;
                w.WritePropertyName(t.Slice(m.NameStart, m.NameLength));
                w.WriteRawValue(value, skipInputValidation: true);
            }
            for (var i = 0; i < fromMembers.Length; i++)
            {
                if (Matched(toMembers, i)) continue;
                w.WritePropertyName(f.Slice(fromMembers[i].NameStart, fromMembers[i].NameLength));
                w.WriteNullValue();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return Encoding.UTF8.GetString(json);
    }

    // What the default encoder escapes and the serializer's relaxed one does not, and escapes themselves: such a value
    // is written the parsed way, whose text is the patch's reference.
    private static readonly System.Buffers.SearchValues<byte> Unsafe = System.Buffers.SearchValues.Create("\\<>&'+`"u8);

    /// <summary>A top-level member of an encoding: its unescaped name and its value, and (for the new document's) the
    /// index of the old document's member of that name, or -1.</summary>
    private struct Member
    {
        public int NameStart, NameLength, ValueStart, ValueLength, Match;
    }

    private Member[] _fromMembers = new Member[24];
    private Member[] _toMembers = new Member[24];

    /// <summary>The members of the object <paramref name="json"/>, in order; false for anything but an object whose
    /// names are all unescaped.</summary>
    private static bool TryIndex(ReadOnlySpan<byte> json, ref Member[] members, out int count)
    {
        count = 0;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return false;
            // A name token starts at its opening quote.
            var nameStart = (int)reader.TokenStartIndex + 1;
            var nameLength = reader.ValueSpan.Length;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (count == members.Length) Array.Resize(ref members, members.Length * 2);
            members[count++] = new Member { NameStart = nameStart, NameLength = nameLength, ValueStart = start, ValueLength = (int)reader.BytesConsumed - start, Match = -1 };
        }
        return true;
    }

    /// <summary>The old member named <paramref name="name"/>: the one after the previous match first (both documents keep
    /// one member order), then from the top; -1 if none.</summary>
    private static int FindMember(ReadOnlySpan<Member> members, ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, ref int cursor)
    {
        for (var n = 0; n < members.Length; n++)
        {
            var i = cursor + n < members.Length ? cursor + n : cursor + n - members.Length;
            if (!json.Slice(members[i].NameStart, members[i].NameLength).SequenceEqual(name)) continue;
            cursor = i + 1;
            return i;
        }
        return -1;
    }

    private static bool Matched(ReadOnlySpan<Member> toMembers, int fromIndex)
    {
        foreach (ref readonly var m in toMembers)
            if (m.Match == fromIndex) return true;
        return false;
    }

    /// <summary>The whole status as the patch.</summary>
    public string Whole(ReadOnlyMemory<byte> status)
    {
        using var doc = JsonDocument.Parse(status);
        return Encoding.UTF8.GetString(_scratch.Write(doc.RootElement, static (w, root) =>
        {
            w.WriteStartObject();
            w.WritePropertyName(StatusName);
            root.WriteTo(w);
            w.WriteEndObject();
        }));
    }
}
