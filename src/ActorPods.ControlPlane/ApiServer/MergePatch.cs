using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>JSON merge patch, RFC 7386 §2: objects merge recursively, null removes a member, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            var current = result[name];
            if (current is not null) result.Remove(name);
            result[name] = Apply(current, value);
        }
        return result;
    }

    /// <summary>
    /// The same merge, streamed from the target's bytes to new bytes without building either document: what the
    /// api-server does to every PATCH. The members come out in the order <see cref="Apply(JsonNode?, JsonNode?)"/> leaves
    /// them (untouched members in place, patched ones moved to the end in patch order), so maps decode in the same order.
    /// Returns false, writing nothing useful, for a patch that is not an object or repeats a member name; the caller
    /// then takes the document path, which also words any error.
    /// </summary>
    /// <param name="omit">A top-level member of the target the patch does not name and the caller will replace anyway
    /// (the spec of a status write): left out of the output, so nobody decodes it for nothing.</param>
    public static bool TryApply(ReadOnlyMemory<byte> target, JsonElement patch, IBufferWriter<byte> output, string? omit = null)
    {
        if (patch.ValueKind != JsonValueKind.Object) return false;
        if (omit is not null && patch.TryGetProperty(omit, out _)) return false;
        using var document = JsonDocument.Parse(target);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return false;
        // One writer per thread, pointed at each call's output: the api-server patches on every status write.
        var writer = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        writer.Reset(output);
        try
        {
            if (!MergeObject(writer, root, patch, omit)) return false;
            writer.Flush();
            return true;
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    private static readonly JsonWriterOptions WriterOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static bool MergeObject(Utf8JsonWriter writer, JsonElement? target, JsonElement patch, string? omit = null)
    {
        // The patch's members, compared by name without making strings of them (patches are small: a few members a level).
        var count = 0;
        foreach (var _ in patch.EnumerateObject()) count++;
        var members = ArrayPool<JsonProperty>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var n = 0;
            foreach (var p in patch.EnumerateObject())
            {
                for (var i = 0; i < n; i++)
                    if (SameName(p, members[i])) return false;
                members[n++] = p;
            }
            return MergeObject(writer, target, members.AsSpan(0, n), omit);
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(members, clearArray: true);
        }
    }

    private static bool MergeObject(Utf8JsonWriter writer, JsonElement? target, ReadOnlySpan<JsonProperty> patch, string? omit)
    {
        writer.WriteStartObject();
        if (target is { } t)
        {
            foreach (var member in t.EnumerateObject())
            {
                var index = IndexOf(patch, member);
                if (index < 0)
                {
                    if (omit is null || !member.NameEquals(omit)) member.WriteTo(writer);
                    continue;
                }
                // A member whose value is JSON null reads as absent to the document merge, which then sets it in place.
                if (member.Value.ValueKind == JsonValueKind.Null && patch[index].Value is { ValueKind: not JsonValueKind.Null } value)
                {
                    writer.WritePropertyName(member.Name);
                    if (!WriteMerged(writer, null, value)) return false;
                }
            }
        }
        foreach (var p in patch)
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            JsonElement? current = null;
            if (target is { } tt && TryGetMember(tt, p, out var existing))
            {
                if (existing.ValueKind == JsonValueKind.Null) continue; // written in place above
                current = existing;
            }
            WriteName(writer, p);
            if (!WriteMerged(writer, current, p.Value)) return false;
        }
        writer.WriteEndObject();
        return true;
    }

    private static bool WriteMerged(Utf8JsonWriter writer, JsonElement? current, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            patch.WriteTo(writer);
            return true;
        }
        return MergeObject(writer, current is { ValueKind: JsonValueKind.Object } c ? c : null, patch);
    }

    private static int IndexOf(ReadOnlySpan<JsonProperty> patch, JsonProperty member)
    {
        for (var i = 0; i < patch.Length; i++)
            if (SameName(member, patch[i])) return i;
        return -1;
    }

    // A member name as its UTF-8 bytes when the document holds it unescaped (NameEquals and the span overloads take
    // unescaped text); escaped names, which patches hardly ever have, go through strings as before.
    private static bool SameName(JsonProperty a, JsonProperty b)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(b);
        return raw.IndexOf((byte)'\\') < 0 ? a.NameEquals(raw) : a.NameEquals(b.Name);
    }

    private static bool TryGetMember(JsonElement target, JsonProperty p, out JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(p);
        return raw.IndexOf((byte)'\\') < 0 ? target.TryGetProperty(raw, out value) : target.TryGetProperty(p.Name, out value);
    }

    private static void WriteName(Utf8JsonWriter writer, JsonProperty p)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(p);
        if (raw.IndexOf((byte)'\\') < 0) writer.WritePropertyName(raw);
        else writer.WritePropertyName(p.Name);
    }
}
