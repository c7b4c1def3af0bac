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
