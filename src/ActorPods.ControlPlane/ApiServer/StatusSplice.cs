using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// A status write that names nothing but the status (what kubelets and controllers send, three times per pod as it
/// starts), done on the status object's bytes alone: the same merge patch, shared decode and encode as for the whole
/// object, while the metadata and spec stay the stored snapshot's and are neither read, decoded nor encoded again.
/// </summary>
internal static class StatusSplice
{
    /// <summary>
    /// The next snapshot for <paramref name="patchJson"/> when its only member is "status", an object: the stored snapshot
    /// with its own metadata (without resourceVersion, as a decode of the bytes gives it) and the merged status, decoded
    /// sharing its unchanged parts (<see cref="SnapshotDecoder.DecodeSharedPart"/>). Null for any other patch, or anything
    /// unusual: the general path then takes it, errors included.
    /// </summary>
    /// <param name="member">The kind's status member (<see cref="KindBehavior.StatusMember"/>).</param>
    /// <param name="merged">Scratch for the merged status bytes.</param>
    public static KubeObject? Patch(StoredObject old, JsonPropertyInfo member, string patchJson, ArrayBufferWriter<byte> merged)
    {
        if (!old.TryGetStatus(out var start, out var length) || member.Get!(old.Snapshot) is not { } oldStatus) return null;
        try
        {
            using var patch = JsonDocument.Parse(patchJson);
            if (StatusOnly(patch.RootElement) is not { } statusPatch) return null;
            var oldBytes = old.Json.AsMemory(start, length);
            merged.ResetWrittenCount();
            if (!MergePatch.TryApply(oldBytes, statusPatch, merged)) return null;
            if (SnapshotDecoder.DecodeSharedPart(merged.WrittenSpan, oldBytes.Span, oldStatus, member.PropertyType) is not { } status) return null;

            var next = SnapshotDecoder.Shallow(old.Snapshot);
            next.Metadata = SnapshotDecoder.UnchangedMetadata(old.Snapshot.Meta, copy: false);
            next.Origin = null;
            next.FieldOrigins = null;
            member.Set!(next, status);
            return next;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The value of a patch's only member when that member is "status" and an object, else null.</summary>
    private static JsonElement? StatusOnly(JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object) return null;
        JsonElement? status = null;
        foreach (var member in patch.EnumerateObject())
        {
            if (status is not null || !member.NameEquals("status"u8) || member.Value.ValueKind != JsonValueKind.Object) return null;
            status = member.Value;
        }
        return status;
    }

    /// <summary>
    /// The bytes of <paramref name="next"/>, whose members other than the status are <paramref name="old"/>'s (as
    /// <see cref="Patch"/> makes them and a status write keeps them): the stored bytes with the new status encoded in place
    /// of the old one, which is what encoding the whole object gives, as the status member keeps its place.
    /// <paramref name="at"/> is where the new status lies in them. Null when there is no status on either side.
    /// </summary>
    public static byte[]? Encode(StoredObject old, JsonPropertyInfo member, KubeObject next, out (int Start, int Length) at)
    {
        at = default;
        if (!old.TryGetStatus(out var start, out var length) || member.Get!(next) is not { } status) return null;
        var stored = old.Json;
        var encoded = JsonSerializer.SerializeToUtf8Bytes(status, member.PropertyType, KubeJson.Options);
        var json = new byte[stored.Length - length + encoded.Length];
        stored.AsSpan(0, start).CopyTo(json);
        encoded.CopyTo(json.AsSpan(start));
        stored.AsSpan(start + length).CopyTo(json.AsSpan(start + encoded.Length));
        at = (start, encoded.Length);
        return json;
    }
}
