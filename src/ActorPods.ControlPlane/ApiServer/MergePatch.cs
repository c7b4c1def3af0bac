using System.Buffers;
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
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        if (!MergeObject(writer, root, patch, omit)) return false;
        writer.Flush();
        return true;
    }

    private static bool MergeObject(Utf8JsonWriter writer, JsonElement? target, JsonElement patch, string? omit = null)
    {
        var names = new List<string>();
        foreach (var p in patch.EnumerateObject())
        {
            if (names.Contains(p.Name)) return false;
            names.Add(p.Name);
        }
        writer.WriteStartObject();
        if (target is { } t)
        {
            foreach (var member in t.EnumerateObject())
            {
                var index = IndexOf(names, member);
                if (index < 0)
                {
                    if (omit is null || !member.NameEquals(omit)) member.WriteTo(writer);
                    continue;
                }
                // A member whose value is JSON null reads as absent to the document merge, which then sets it in place.
                if (member.Value.ValueKind == JsonValueKind.Null && patch.GetProperty(names[index]) is { ValueKind: not JsonValueKind.Null } value)
                {
                    writer.WritePropertyName(member.Name);
                    if (!WriteMerged(writer, null, value)) return false;
                }
            }
        }
        foreach (var p in patch.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            JsonElement? current = null;
            if (target is { } tt && tt.TryGetProperty(p.Name, out var existing))
            {
                if (existing.ValueKind == JsonValueKind.Null) continue; // written in place above
                current = existing;
            }
            writer.WritePropertyName(p.Name);
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

    private static int IndexOf(List<string> names, JsonProperty member)
    {
        for (var i = 0; i < names.Count; i++)
            if (member.NameEquals(names[i])) return i;
        return -1;
    }
}
