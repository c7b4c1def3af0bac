using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// A write that names nothing but one top-level member object, done on that member's bytes alone: a status write (what
/// kubelets and controllers send, three times per pod as it starts) or a lease's spec (a patch of it, or the Update of a
/// lease whose metadata is the stored one's: every kubelet's renewal, every 10 s).
/// The same merge patch, shared decode and encode as for the whole object, while the metadata and the other members
/// stay the stored snapshot's and are neither read, decoded nor encoded again.
/// </summary>
internal static class MemberSplice
{
    /// <summary>
    /// The next snapshot for <paramref name="patchJson"/> when its only member is <paramref name="member"/>'s, an object:
    /// the stored snapshot with its own metadata (without resourceVersion, as a decode of the bytes gives it) and the
    /// merged member, decoded sharing its unchanged parts (<see cref="SnapshotDecoder.DecodeSharedPart"/>). Null for any
    /// other patch, or anything unusual: the general path then takes it, errors included.
    /// </summary>
    /// <param name="member">The kind's status member (<see cref="KindBehavior.StatusMember"/>) or spec member
    /// (<see cref="KindBehavior.SpecMember"/>).</param>
    /// <param name="merged">Scratch for the merged member's bytes.</param>
    public static KubeObject? Patch(StoredObject old, JsonPropertyInfo member, string patchJson, ArrayBufferWriter<byte> merged)
    {
        if (!old.TryGetMember(member.Name, out var start, out var length) || member.Get!(old.Snapshot) is not { } oldValue) return null;
        try
        {
            using var patch = JsonDocument.Parse(patchJson);
            if (OnlyMember(patch.RootElement, member.Name) is not { } memberPatch) return null;
            var oldBytes = old.Json.AsMemory(start, length);
            merged.ResetWrittenCount();
            if (!MergePatch.TryApply(oldBytes, memberPatch, merged)) return null;
            if (SnapshotDecoder.DecodeSharedPart(merged.WrittenSpan, oldBytes.Span, oldValue, member.PropertyType) is not { } value) return null;

            return WithMember(old.Snapshot, member, value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The next snapshot for a patch whose sender accounted for it (<see cref="MemberEdit"/>) when the stored member's
    /// bytes are the ones it diffed against: the stored snapshot with its own metadata (as <see cref="Patch"/> makes it)
    /// and a wire copy of the edit's value, which is what decoding its bytes gives. Null otherwise (another member, other
    /// stored bytes, a value the copy cannot take): the patch is then applied as usual.
    /// </summary>
    public static KubeObject? Edited(StoredObject old, JsonPropertyInfo member, MemberEdit edit)
    {
        if (edit.Member != member.Name || !old.TryGetMember(member.Name, out var start, out var length)
            || !old.Json.AsSpan(start, length).SequenceEqual(edit.From)
            || WireCopy.TryCopy(edit.Value, member.PropertyType) is not { } value) return null;
        return WithMember(old.Snapshot, member, value);
    }

    /// <summary>
    /// The next snapshot for an Update whose object differs from the stored one in <paramref name="member"/> alone (a
    /// kubelet renewing the lease it wrote last): the same apiVersion and kind, and the stored metadata but for the
    /// resourceVersion (<see cref="ObjectMetaComparer"/>). The stored snapshot with its own metadata and a copy of the
    /// new member as its encoding decodes (<see cref="WireCopy"/>, or that decode where it gives up). Null for
    /// any other object: the general path then takes it (a changed label, a wrong uid, a missing member).
    /// </summary>
    /// <param name="scratch">Where the member is encoded when it has to be decoded.</param>
    public static KubeObject? Update(StoredObject old, JsonPropertyInfo member, KubeObject incoming, JsonScratch scratch)
    {
        var stored = old.Snapshot;
        if (incoming.GetType() != stored.GetType() || incoming.Metadata is not { } incomingMeta
            || (incoming.ApiVersion is not null && incoming.ApiVersion != stored.ApiVersion)
            || (incoming.Kind is not null && incoming.Kind != stored.Kind)
            || !old.TryGetMember(member.Name, out var start, out var length) || member.Get!(stored) is not { } oldValue
            || member.Get!(incoming) is not { } newValue
            // The snapshot is the decode of the stored bytes: the same metadata encodes to the same bytes.
            || !ObjectMetaComparer.SameExceptResourceVersion(incomingMeta, stored.Meta)) return null;
        // The caller's member as a round trip through its encoding gives it (WireCopy), else that round trip itself.
        if ((WireCopy.TryCopy(newValue, member.PropertyType)
             ?? SnapshotDecoder.DecodeSharedPart(scratch.Serialize(newValue, member.PropertyType), old.Json.AsSpan(start, length), oldValue, member.PropertyType))
            is not { } value) return null;

        return WithMember(stored, member, value);
    }

    /// <summary>The next snapshot: the stored one with its own metadata (without resourceVersion, as a decode of the bytes
    /// gives it), no origins, and <paramref name="value"/> as <paramref name="member"/>; every other part shared.</summary>
    private static KubeObject WithMember(KubeObject stored, JsonPropertyInfo member, object value)
    {
        var next = SnapshotDecoder.Shallow(stored);
        next.Metadata = SnapshotDecoder.UnchangedMetadata(stored.Meta, copy: false);
        next.Origin = null;
        next.FieldOrigins = null;
        member.Set!(next, value);
        return next;
    }

    /// <summary>The value of a patch's only member when that member is <paramref name="name"/> and an object, else null.</summary>
    private static JsonElement? OnlyMember(JsonElement patch, string name)
    {
        if (patch.ValueKind != JsonValueKind.Object) return null;
        JsonElement? value = null;
        foreach (var member in patch.EnumerateObject())
        {
            if (value is not null || !member.NameEquals(name) || member.Value.ValueKind != JsonValueKind.Object) return null;
            value = member.Value;
        }
        return value;
    }

    /// <summary>
    /// The bytes of <paramref name="next"/>, whose members other than <paramref name="member"/>'s are <paramref name="old"/>'s
    /// (as <see cref="Patch"/> makes them and the write keeps them): the stored bytes with the new member encoded in place
    /// of the old one, which is what encoding the whole object gives, as the member keeps its place.
    /// <paramref name="at"/> is where the new member lies in them. Null when the member is missing on either side.
    /// </summary>
    /// <param name="scratch">Where the member is encoded before it is copied into the new bytes (no array of its own).</param>
    /// <param name="encoding">The member's encoding when the caller already has it (<see cref="MemberEdit.To"/>).</param>
    public static byte[]? Encode(StoredObject old, JsonPropertyInfo member, KubeObject next, JsonScratch scratch, out (int Start, int Length) at,
        byte[]? encoding = null)
    {
        at = default;
        if (!old.TryGetMember(member.Name, out var start, out var length) || member.Get!(next) is not { } value) return null;
        var stored = old.Json;
        var encoded = encoding is not null ? encoding : scratch.Serialize(value, member.PropertyType);
        var json = new byte[stored.Length - length + encoded.Length];
        stored.AsSpan(0, start).CopyTo(json);
        encoded.CopyTo(json.AsSpan(start));
        stored.AsSpan(start + length).CopyTo(json.AsSpan(start + encoded.Length));
        at = (start, encoded.Length);
        return json;
    }
}
