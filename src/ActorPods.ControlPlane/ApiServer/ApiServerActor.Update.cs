using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    private ObjectResult HandleUpdate(Update m)
    {
        if (m.Object is null) return Fail(ApiErrors.BadRequest("the object to update is missing"));
        var store = StoreFor(m.Object.GetType());
        if (store is null) return Fail(ApiErrors.BadRequest($"no kind \"{m.Object.Kind}\" is registered for version \"{m.Object.ApiVersion}\""));
        if (SubresourceRefusal(store, m.Subresource) is { } bad) return Fail(bad);
        var name = m.Object.Metadata?.Name;
        if (string.IsNullOrEmpty(name)) return Fail(ApiErrors.BadRequest("resource name may not be empty"));
        var old = store.Find(NamespaceKey(store, m.Object.Metadata?.Namespace), name);
        if (old is null) return Fail(ApiErrors.NotFound(store.Info, name));
        if (m.Subresource is null && TrySpecOnlyUpdate(store, old, m.Object) is { } specOnly) return specOnly;
        // The caller's object as a JSON round trip would give it (WireCopy: the same, without the encode and decode).
        return ApplyUpdate(store, old, WireCopy.TryCopy(m.Object) ?? ObjectCodec.Copy(m.Object), m.Subresource);
    }

    private ObjectResult HandlePatch(Patch m)
    {
        var store = StoreFor(m.Kind);
        if (store is null) return Fail(UnknownKind(m.Kind));
        if (SubresourceRefusal(store, m.Subresource) is { } bad) return Fail(bad);
        var old = store.Find(NamespaceKey(store, m.Namespace), m.Name);
        if (old is null) return Fail(ApiErrors.NotFound(store.Info, m.Name));
        // A status write's merged object can become the next snapshot as it is (see ApplyUpdate's shared), so it is
        // decoded sharing the stored snapshot's unchanged parts instead of copying them.
        var shared = m.Subresource == "status";
        if (shared && TryStatusOnlyPatch(store, old, m) is { } statusOnly) return statusOnly;
        if (m.Subresource is null && TrySpecOnlyPatch(store, old, m.PatchJson) is { } specOnly) return specOnly;
        if (StreamedPatch(store, old, m.PatchJson, m.Subresource, shared) is not { } patched)
        {
            if (DocumentPatch(store, old, m.PatchJson, out var error) is not { } viaDocument) return Fail(error!);
            patched = viaDocument;
            shared = false;
        }
        if (patched.Metadata?.Name != m.Name)
        {
            return Fail(ApiErrors.BadRequest($"the name of the object ({patched.Metadata?.Name}) does not match the name on the URL ({m.Name})"));
        }
        return ApplyUpdate(store, old, patched, m.Subresource, shared);
    }

    /// <summary>The merge streamed over the stored bytes (<see cref="MergePatch.TryApply"/>); null when anything is unusual,
    /// and the document path then decides, errors included.</summary>
    // The merged bytes of each patch, reused: they are decoded before the next message.
    private readonly ArrayBufferWriter<byte> _merged = new(16 * 1024);

    // A spliced member's encoding, copied into the new bytes at once.
    private readonly JsonScratch _encodeScratch = new();

    /// <param name="shared">Decode the result sharing the stored snapshot's unchanged parts (<see cref="SnapshotDecoder.DecodeShared"/>)
    /// instead of copying them; it then must never be handed out nor changed where it shares.</param>
    private KubeObject? StreamedPatch(KindStore store, StoredObject old, string patchJson, string? subresource, bool shared)
    {
        // ApplyUpdate puts the stored spec back on a status write, and the stored status on a main-resource write of a
        // kind with a status subresource: unless the patch names that part, its merged bytes need no decoding.
        var replaced = subresource == "status" ? "spec" : store.Behavior.HasStatusSubresource ? "status" : null;
        try
        {
            using var patch = JsonDocument.Parse(patchJson);
            var merged = Reset(_merged);
            if (!MergePatch.TryApply(old.Json, patch.RootElement, merged, replaced)
                && (replaced is null || !MergePatch.TryApply(old.Json, patch.RootElement, Reset(merged)))) return null;
            return shared
                ? SnapshotDecoder.DecodeShared(merged.WrittenSpan, old, store.Info.ClrType)
                : SnapshotDecoder.DecodeCopy(merged.WrittenSpan, old, store.Info.ClrType)
                  ?? (KubeObject?)JsonSerializer.Deserialize(merged.WrittenSpan, store.Info.ClrType, KubeJson.Options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static ArrayBufferWriter<byte> Reset(ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static KubeObject? DocumentPatch(KindStore store, StoredObject old, string patchJson, out ApiStatus? error)
    {
        error = null;
        KubeObject patched;
        try
        {
            var patch = JsonNode.Parse(patchJson);
            if (patch is not JsonObject)
            {
                error = ApiErrors.BadRequest("json: cannot unmarshal a merge patch that is not a JSON object into the object");
                return null;
            }
            var merged = MergePatch.Apply(JsonNode.Parse(old.Json), patch);
            patched = (KubeObject)merged.Deserialize(store.Info.ClrType, KubeJson.Options)!;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            error = ApiErrors.BadRequest(e.Message);
            return null;
        }
        return patched;
    }

    private static List<OwnerReference>? CopyOf(List<OwnerReference>? refs) =>
        refs?.Select(r => new OwnerReference
        {
            ApiVersion = r.ApiVersion, Kind = r.Kind, Name = r.Name, Uid = r.Uid, Controller = r.Controller, BlockOwnerDeletion = r.BlockOwnerDeletion,
        }).ToList();

    private static ApiStatus? SubresourceRefusal(KindStore store, string? subresource)
    {
        if (subresource is null || (subresource == "status" && store.Behavior.HasStatusSubresource)) return null;
        return new ApiStatus { Code = 404, Reason = "NotFound", Message = "the server could not find the requested resource" };
    }

    /// <summary>
    /// The generic registry's Update (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go) with
    /// rest.BeforeUpdate: optimistic concurrency, system fields kept from the stored object, status and spec split
    /// between the main resource and /status, generation bumped on spec changes, no-op writes skipped, and the object
    /// removed when its last finalizer goes after a zero-grace delete.
    /// </summary>
    /// <param name="shared">
    /// <paramref name="incoming"/> is a status write's (or a spliced spec write's) object that nobody else holds and whose
    /// unchanged parts are the stored snapshot's own: the stored spec and owners are put back shared instead of copied,
    /// admission leaves a subresource write's object alone (and changes nothing of a <see cref="KindBehavior.SpecMember"/>
    /// kind's), and the object itself becomes the next snapshot (it was decoded from the bytes it encodes to, so it equals
    /// their decode). The reply then copies it from the bytes only if the caller reads
    /// <see cref="ObjectResult.Object"/>; a caller that only reads <see cref="ObjectResult.ReadOnlyObject"/> gets the
    /// snapshot watchers see.
    /// </param>
    /// <param name="splicedMember">
    /// A write of this member alone (<see cref="TryStatusOnlyPatch"/>, <see cref="TrySpecOnlyPatch"/>): everything else is
    /// the stored snapshot's, so the new bytes are the stored ones with the new member spliced in
    /// (<see cref="MemberSplice.Encode"/>).
    /// </param>
    /// <param name="memberEncoding">That member's encoding, when known (<see cref="MemberEdit.To"/>).</param>
    private ObjectResult ApplyUpdate(KindStore store, StoredObject old, KubeObject incoming, string? subresource, bool shared = false,
        System.Text.Json.Serialization.Metadata.JsonPropertyInfo? splicedMember = null, byte[]? memberEncoding = null)
    {
        var info = store.Info;
        var behavior = store.Behavior;
        var name = old.Name;
        var oldMeta = old.Object.Meta;
        var wanted = incoming.Metadata?.ResourceVersion;
        if (!string.IsNullOrEmpty(wanted) && wanted != oldMeta.ResourceVersion) return Fail(ApiErrors.Conflict(info, name));

        var next = incoming;
        next.ApiVersion ??= info.ApiVersion;
        next.Kind ??= info.Kind;
        var meta = next.Meta;
        if (!string.IsNullOrEmpty(meta.Uid) && meta.Uid != oldMeta.Uid)
        {
            return Fail(ApiErrors.Invalid(info, name,
                [new StatusCause { Reason = "FieldValueInvalid", Message = $"Invalid value: \"{meta.Uid}\": field is immutable", Field = "metadata.uid" }]));
        }
        if (oldMeta.DeletionTimestamp is not null && meta.Finalizers is { Count: > 0 } finalizers)
        {
            var added = finalizers.Where(f => oldMeta.Finalizers is null || !oldMeta.Finalizers.Contains(f)).ToList();
            if (added.Count > 0)
            {
                return Fail(ApiErrors.Invalid(info, name,
                [
                    new StatusCause
                    {
                        Reason = "FieldValueForbidden", Field = "metadata.finalizers",
                        Message = $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}",
                    },
                ]));
            }
        }
        meta.Uid = oldMeta.Uid;
        meta.Namespace = oldMeta.Namespace;
        meta.CreationTimestamp = oldMeta.CreationTimestamp;
        meta.DeletionTimestamp = oldMeta.DeletionTimestamp;
        meta.DeletionGracePeriodSeconds = oldMeta.DeletionGracePeriodSeconds;
        meta.Generation = oldMeta.Generation;
        if (subresource == "status")
        {
            // Status strategies' PrepareForUpdate: the spec stays; pods keep their ownerReferences (old kubelets corrupted
            // them), workload controllers their labels. Other metadata changes go through, as upstream.
            if (shared)
            {
                behavior.SetSpec(next, behavior.GetSpec(old.Snapshot));
                if (next is Pod) meta.OwnerReferences = oldMeta.OwnerReferences;
                if (behavior.HasGeneration) meta.Labels = oldMeta.Labels;
            }
            else
            {
                behavior.SetSpec(next, behavior.CopySpec(old.Snapshot));
                if (next is Pod) meta.OwnerReferences = CopyOf(old.Snapshot.Metadata?.OwnerReferences);
                if (behavior.HasGeneration) meta.Labels = oldMeta.Labels is null ? null : new Dictionary<string, string>(oldMeta.Labels);
            }
        }
        else if (behavior.HasGeneration && behavior.SpecChanged(next, old.Object))
        {
            meta.Generation = (oldMeta.Generation ?? 0) + 1;
        }

        // The main resource never changes the status (PrepareForUpdate: newObj.Status = oldObj.Status).
        if (subresource is null && behavior.HasStatusSubresource) behavior.SetStatus(next, behavior.CopyStatus(old.Snapshot));

        // A spliced write's metadata is the stored snapshot's (MemberSplice keeps it).
        var request = new AdmissionRequest(AdmissionOperation.Update, info, next, old.Object, subresource) { MetadataUnchanged = splicedMember is not null };
        if (_options.Admission.Admit(request) is { } rejected) return Fail(rejected);

        // GuaranteedUpdate writes nothing when the new bytes equal the stored ones: no new revision, no event.
        next.Meta.ResourceVersion = null;
        (int Start, int Length) splicedAt = default;
        var spliced = splicedMember is not null ? MemberSplice.Encode(old, splicedMember, next, _encodeScratch, out splicedAt, memberEncoding) : null;
        var json = spliced ?? ObjectCodec.Encode(next);
        if (json.AsSpan().SequenceEqual(old.Json)) return shared ? new ObjectResult(old) : Ok(old.Copy());

        // ShouldDeleteDuringUpdate: the last finalizer removed from an object whose deletion has no grace left.
        if (next.Metadata?.DeletionTimestamp is not null && next.Metadata.Finalizers is not { Count: > 0 } && oldMeta.DeletionGracePeriodSeconds == 0)
        {
            return Ok(Remove(store, old));
        }
        if (shared)
        {
            var entry = Commit(store, next, old, WatchEventType.Modified, json, asSnapshot: true);
            if (spliced is not null) entry.KnowMemberAt(splicedMember!.Name, splicedAt.Start, splicedAt.Length);
            return new ObjectResult(entry);
        }
        Commit(store, next, old, WatchEventType.Modified, json);
        return Ok(next);
    }
}
