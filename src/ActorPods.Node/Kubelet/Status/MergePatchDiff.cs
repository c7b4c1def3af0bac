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
        if (_matches.Length < toCount) _matches = new int[_toMembers.Length];
        var matches = _matches.AsSpan(0, toCount);
        // First pass: each new member's old one, what changed, and whether each changed value may be copied as it is.
        _changed = 0;
        var cursor = 0;
        var kept = 0;
        for (var i = 0; i < toMembers.Length; i++)
        {
            var match = matches[i] = JsonObjectMembers.Find(fromMembers, f, toMembers[i].Name(t), ref cursor);
            var value = toMembers[i].Value(t);
            if (match >= 0)
            {
                kept++;
                var old = fromMembers[match].Value(f);
                if (value.SequenceEqual(old)) continue;
                if (value[0] == (byte)'{' && old[0] == (byte)'{') return Diff(from, to);
            }
            if (value.IndexOfAny(Unsafe) >= 0 || value.ContainsAnyInRange((byte)0x80, (byte)0xFF)) return Diff(from, to);
            _changed++;
        }
        if (_changed == 0 && kept == fromCount) return null;
        var json = _scratch.Write((Self: this, From: from, To: to, FromCount: fromCount, ToCount: toCount), static (w, s) =>
        {
            var f = s.From.Span;
            var t = s.To.Span;
            var fromMembers = s.Self._fromMembers.AsSpan(0, s.FromCount);
            var toMembers = s.Self._toMembers.AsSpan(0, s.ToCount);
            var matches = s.Self._matches.AsSpan(0, s.ToCount);
            w.WriteStartObject();
            w.WritePropertyName(StatusName);
            w.WriteStartObject();
            // Keys in the new document's order, then the removed ones in the old one's (as MergePatchDiff writes them).
            for (var i = 0; i < toMembers.Length; i++)
            {
                var value = toMembers[i].Value(t);
                if (matches[i] >= 0 && value.SequenceEqual(fromMembers[matches[i]].Value(f))) continue;
                w.WritePropertyName(toMembers[i].Name(t));
                w.WriteRawValue(value, skipInputValidation: true);
            }
            for (var i = 0; i < fromMembers.Length; i++)
            {
                if (matches.Contains(i)) continue;
                w.WritePropertyName(fromMembers[i].Name(f));
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

    // The two encodings' members, and for each new member the index of the old one of that name (or -1).
    private JsonObjectMember[] _fromMembers = new JsonObjectMember[24];
    private JsonObjectMember[] _toMembers = new JsonObjectMember[24];
    private int[] _matches = new int[24];

    /// <summary>The members of the object <paramref name="json"/>, in order, into <paramref name="members"/> (grown as
    /// needed); false for anything but an object whose names are all unescaped.</summary>
    private static bool TryIndex(ReadOnlySpan<byte> json, ref JsonObjectMember[] members, out int count)
    {
        count = JsonObjectMembers.Index(json, members);
        if (count > members.Length) JsonObjectMembers.Index(json, members = new JsonObjectMember[count * 2]);
        if (count < 0) return false;
        foreach (var m in members.AsSpan(0, count))
            if (m.NameStart < 0) return false;
        return true;
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
