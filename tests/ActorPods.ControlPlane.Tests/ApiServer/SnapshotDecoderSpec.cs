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

    /// <summary>More members than the decoder indexes on the stack (none of the model's types has that many today).</summary>
    public sealed class WideObject
    {
        public string? P00 { get; set; }
        public string? P01 { get; set; }
        public string? P02 { get; set; }
        public string? P03 { get; set; }
        public string? P04 { get; set; }
        public string? P05 { get; set; }
        public string? P06 { get; set; }
        public string? P07 { get; set; }
        public string? P08 { get; set; }
        public string? P09 { get; set; }
        public string? P10 { get; set; }
        public string? P11 { get; set; }
        public string? P12 { get; set; }
        public string? P13 { get; set; }
        public string? P14 { get; set; }
        public string? P15 { get; set; }
        public string? P16 { get; set; }
        public string? P17 { get; set; }
        public string? P18 { get; set; }
        public string? P19 { get; set; }
        public string? P20 { get; set; }
        public string? P21 { get; set; }
        public string? P22 { get; set; }
        public string? P23 { get; set; }
        public string? P24 { get; set; }
        public string? P25 { get; set; }
        public string? P26 { get; set; }
        public string? P27 { get; set; }
        public string? P28 { get; set; }
        public string? P29 { get; set; }
        public string? P30 { get; set; }
        public string? P31 { get; set; }
        public string? P32 { get; set; }
        public string? P33 { get; set; }
        public string? P34 { get; set; }
        public string? P35 { get; set; }
        public string? P36 { get; set; }
        public string? P37 { get; set; }
        public string? P38 { get; set; }
        public string? P39 { get; set; }
        public string? P40 { get; set; }
        public string? P41 { get; set; }
        public string? P42 { get; set; }
        public string? P43 { get; set; }
        public string? P44 { get; set; }
        public string? P45 { get; set; }
        public string? P46 { get; set; }
        public string? P47 { get; set; }
        public string? P48 { get; set; }
        public string? P49 { get; set; }
        public string? P50 { get; set; }
        public string? P51 { get; set; }
    }

    [Fact]
    public void An_object_with_more_members_than_fit_on_the_stack_shares_its_unchanged_parts_too()
    {
        var old = new WideObject();
        foreach (var p in typeof(WideObject).GetProperties()) p.SetValue(old, "v" + p.Name);
        var oldJson = JsonSerializer.SerializeToUtf8Bytes(old, KubeJson.Options);
        var oldValue = JsonSerializer.Deserialize<WideObject>(oldJson, KubeJson.Options)!;
        // The merge puts a patched member last: the lookup must find the old one behind the cursor.
        var json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(oldJson).Replace("\"p00\":\"vP00\",", "").TrimEnd('}') + ",\"p00\":\"changed\"}");

        var decoded = (WideObject)SnapshotDecoder.DecodeSharedPart(json, oldJson, oldValue, typeof(WideObject))!;

        Assert.Equal("changed", decoded.P00);
        Assert.NotSame(oldValue, decoded);
        Assert.All(typeof(WideObject).GetProperties().Skip(1), p => Assert.Same(p.GetValue(oldValue), p.GetValue(decoded)));
    }
}
