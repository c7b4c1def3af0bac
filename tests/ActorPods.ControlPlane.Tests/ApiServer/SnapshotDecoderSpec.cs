using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>A patched object is decoded from the merged bytes with its unchanged parts copied from the stored snapshot:
/// it must be what decoding all of the bytes gives, and share nothing with the snapshot.</summary>
public sealed class SnapshotDecoderSpec
{
    private static StoredObject Stored(Pod pod)
    {
        pod.Meta.ResourceVersion = null;
        var json = ObjectCodec.Encode(pod);
        var snapshot = ObjectCodec.Decode(json, typeof(Pod));
        snapshot.Meta.ResourceVersion = "41";
        return new StoredObject(snapshot, json, 41, "41");
    }

    private static byte[] Merge(StoredObject old, string patch, string? omit)
    {
        using var doc = JsonDocument.Parse(patch);
        var output = new ArrayBufferWriter<byte>();
        Assert.True(MergePatch.TryApply(old.Json, doc.RootElement, output, omit));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A stored running pod and its edit by <paramref name="patch"/>, checked to be what decoding all of the
    /// merged bytes gives.</summary>
    private static (StoredObject Old, Pod Pod) Edit(string patch, string? omit, bool shared)
    {
        var old = Stored(WireCopySpec.RunningPod());
        var merged = Merge(old, patch, omit);
        var edit = shared ? SnapshotDecoder.DecodeShared(merged, old, typeof(Pod)) : SnapshotDecoder.DecodeCopy(merged, old, typeof(Pod));
        Assert.NotNull(edit);
        DeepState.AssertSame(JsonSerializer.Deserialize(merged, typeof(Pod), KubeJson.Options), edit);
        return (old, (Pod)edit);
    }

    /// <summary>Merge patches and the top-level member the merge leaves out (the spec of a status write).</summary>
    public static TheoryData<string, string?> Patches => new()
    {
        { """{"status":{"conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2024-05-06T05:08:09Z"},{"type":"Ready","status":"True","lastTransitionTime":"2024-05-06T05:09:00Z"}],"phase":"Running"}}""", "spec" },
        { """{"metadata":{"labels":{"tier":"front"},"resourceVersion":"41"},"status":{"podIP":"10.1.0.9"}}""", "spec" },
        { """{"status":{"containerStatuses":[{"name":"app","ready":false,"restartCount":2,"image":"nginx:1.27","state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}""", "spec" },
        { """{"spec":{"activeDeadlineSeconds":30},"metadata":{"annotations":{"a":"b"}}}""", "status" },
        { """{"status":{"phase":"Running"}}""", null },
        { """{"status":{"conditions":[],"podIPs":[{"ip":"10.1.0.5"},{"ip":"fd00::5"}]}}""", "spec" },
    };

    [Theory]
    [MemberData(nameof(Patches))]
    public void A_patched_object_is_what_decoding_the_merged_bytes_gives_and_shares_nothing_with_the_snapshot(string patch, string? omit)
    {
        var (old, pod) = Edit(patch, omit, shared: false);

        var snapshot = (Pod)old.Snapshot;
        Assert.NotSame(snapshot.Metadata, pod.Metadata);
        Assert.NotSame(snapshot.Metadata!.Labels, pod.Metadata!.Labels);
        if (pod.Status is not null) Assert.NotSame(snapshot.Status, pod.Status);
        if (pod.Status?.Conditions is { } conditions) Assert.DoesNotContain(conditions, c => snapshot.Status!.Conditions!.Any(s => ReferenceEquals(s, c)));
        if (pod.Spec is not null) Assert.NotSame(snapshot.Spec, pod.Spec);
        Assert.Equal("41", snapshot.Metadata.ResourceVersion);
    }

    [Theory]
    [MemberData(nameof(Patches))]
    public void A_shared_decode_is_what_decoding_the_merged_bytes_gives_and_leaves_the_snapshot_as_it_was(string patch, string? omit)
    {
        var (old, pod) = Edit(patch, omit, shared: true);

        var before = ObjectCodec.Decode(old.Json, typeof(Pod));
        before.Meta.ResourceVersion = "41";
        var snapshot = (Pod)old.Snapshot;
        // The metadata is the one part always its own (the next snapshot gets its own resourceVersion)...
        Assert.NotSame(snapshot.Metadata, pod.Metadata);
        pod.Meta.ResourceVersion = "42";
        // ...unchanged parts are the snapshot's, and the snapshot is what it was.
        if (omit is null) Assert.Same(snapshot.Spec, pod.Spec);
        if (pod.Status is not null && !patch.Contains("containerStatuses")) Assert.Same(snapshot.Status!.ContainerStatuses, pod.Status.ContainerStatuses);
        DeepState.AssertSame(before, old.Snapshot);
    }

    [Fact]
    public void An_edit_of_a_stored_object_is_what_a_copy_decoded_from_its_bytes_is()
    {
        var old = Stored(WireCopySpec.RunningPod());
        var after = (Pod)old.Copy();
        after.Status!.Phase = "Succeeded";
        after.Meta.ResourceVersion = null;
        var json = ObjectCodec.Encode(after);
        after.Meta.ResourceVersion = "42";
        var next = SnapshotDecoder.Decode(json, after, old);
        next.Meta.ResourceVersion = "42";
        var stored = new StoredObject(next, json, 42, "42");

        DeepState.AssertSame(old.Copy(), old.Edit());
        DeepState.AssertSame(stored.Copy(), stored.Edit());
        Assert.NotSame(stored.Snapshot, stored.Edit());
    }
}
