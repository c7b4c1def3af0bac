using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>
/// A status-only patch (or a Lease's spec-only patch) is merged and decoded on that member alone and its bytes spliced
/// into the stored ones: each version must be what merging, decoding and encoding the whole object gives, and a status
/// must know where it lies, as the next patch splices there without looking again.
/// </summary>
public sealed class MemberSpliceSpec
{
    private static readonly System.Text.Json.Serialization.Metadata.JsonPropertyInfo StatusMember =
        KubeJson.Options.GetTypeInfo(typeof(Pod)).Properties.Single(p => p.Name == "status");

    private static StoredObject Stored(KubeObject obj, long rv)
    {
        obj.Meta.ResourceVersion = null;
        var json = ObjectCodec.Encode(obj);
        var snapshot = ObjectCodec.Decode(json, obj.GetType());
        snapshot.Meta.ResourceVersion = rv.ToString();
        return new StoredObject(snapshot, json, rv, rv.ToString());
    }

    [Fact]
    public void Each_spliced_version_is_what_the_whole_object_merge_gives_and_knows_where_its_status_is()
    {
        var stored = Stored(WireCopySpec.RunningPod(), 41);
        var merged = new ArrayBufferWriter<byte>();
        foreach (var patch in StatusPatchSpec.PodPatches)
        {
            var (next, at) = SpliceChecked(stored, StatusMember, patch, merged);

            // The unchanged spec is the stored snapshot's own.
            Assert.Same(((Pod)stored.Snapshot).Spec, ((Pod)next.Snapshot).Spec);
            next.KnowStatusAt(at.Start, at.Length);
            var lookedFor = new StoredObject(next.Snapshot, next.Json, next.ResourceVersion, next.ResourceVersionText);
            Assert.True(lookedFor.TryGetStatus(out var start, out var length));
            Assert.Equal((start, length), at);
            stored = next;
        }
    }

    [Theory]
    [InlineData("""{"metadata":{"labels":{"a":"b"}},"status":{"phase":"Running"}}""")]
    [InlineData("""{"spec":{"activeDeadlineSeconds":5}}""")]
    [InlineData("""{"status":null}""")]
    [InlineData("""{"status":"Running"}""")]
    [InlineData("""[{"status":{}}]""")]
    [InlineData("""{"status":{"phase":"Running"},"status":{"phase":"Failed"}}""")]
    [InlineData("""{not json""")]
    public void Any_other_patch_is_left_to_the_general_path(string patch)
    {
        var stored = Stored(WireCopySpec.RunningPod(), 41);

        Assert.Null(MemberSplice.Patch(stored, StatusMember, patch, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void An_object_stored_without_a_status_is_left_to_the_general_path()
    {
        var pod = WireCopySpec.RunningPod();
        pod.Status = null;
        var stored = Stored(pod, 41);

        Assert.False(stored.TryGetStatus(out _, out _));
        Assert.Null(MemberSplice.Patch(stored, StatusMember, """{"status":{"phase":"Running"}}""", new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Only_a_lease_has_a_spec_member_to_splice()
    {
        var withSpec = KindRegistry.Default.Kinds.Where(k => KindBehavior.For(k).SpecMember is not null).Select(k => k.Kind).ToList();

        Assert.Equal(["Lease"], withSpec);
    }

    private static readonly System.Text.Json.Serialization.Metadata.JsonPropertyInfo LeaseSpecMember =
        KindBehavior.For(KindRegistry.Default.Find(typeof(Lease))!).SpecMember!;

    /// <summary>A kubelet's lease as stored at revision 7, with <paramref name="owners"/> if given.</summary>
    private static StoredObject StoredLease(List<OwnerReference>? owners = null) => Stored(new Lease
    {
        ApiVersion = "coordination.k8s.io/v1", Kind = "Lease",
        Metadata = new ObjectMeta { Name = "node-1", Namespace = "kube-node-lease", Uid = "u-1", OwnerReferences = owners },
        Spec = new LeaseSpec { HolderIdentity = "node-1", LeaseDurationSeconds = 40, RenewTime = DateTimeOffset.UnixEpoch },
    }, 7);

    [Fact]
    public void Each_spliced_lease_spec_is_what_the_whole_object_merge_gives()
    {
        var specMember = LeaseSpecMember;
        var stored = StoredLease();
        var merged = new ArrayBufferWriter<byte>();
        foreach (var patch in StatusPatchSpec.LeasePatches) stored = SpliceChecked(stored, specMember, patch, merged).Next;
        // Anything but the spec alone is the general path's.
        Assert.Null(MemberSplice.Patch(stored, specMember, """{"metadata":{"labels":{"a":"b"}},"spec":{"leaseDurationSeconds":1}}""", merged));
        Assert.Null(MemberSplice.Patch(stored, specMember, """{"spec":null}""", merged));
    }

    [Fact]
    public void A_lease_update_that_changes_only_the_spec_is_spliced_as_the_whole_object_encodes()
    {
        var specMember = LeaseSpecMember;
        var stored = StoredLease([new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = "node-1", Uid = "n-1" }]);
        // What a kubelet sends: a copy of the lease it read, with a new renewTime (and the resourceVersion it read).
        var renewal = ModelCloner.Clone((Lease)stored.Snapshot);
        // Finer than the wire's microseconds: the stored spec keeps what the encoding keeps.
        renewal.Spec!.RenewTime = DateTimeOffset.UnixEpoch.AddSeconds(10.5).AddTicks(3);
        var scratch = new JsonScratch();

        var next = MemberSplice.Update(stored, specMember, renewal, scratch);

        Assert.NotNull(next);
        var expected = ObjectCodec.Decode(ObjectCodec.Encode(renewal), typeof(Lease));
        expected.Meta.ResourceVersion = null;
        DeepState.AssertSame(expected, next);
        Assert.Same(stored.Snapshot.Metadata!.OwnerReferences, next.Metadata!.OwnerReferences);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(10.5), ((Lease)next).Spec!.RenewTime);
        Assert.NotSame(renewal.Spec, ((Lease)next).Spec);
        Assert.Equal("7", renewal.Metadata!.ResourceVersion);
        var json = MemberSplice.Encode(stored, specMember, next, scratch, out var at);
        Assert.Equal(Encoding.UTF8.GetString(ObjectCodec.Encode(expected)), Encoding.UTF8.GetString(json!));

        // The next version knows where its spec is, and still finds any other member.
        var written = new StoredObject(next, json!, 8, "8");
        written.KnowMemberAt("spec", at.Start, at.Length);
        var looked = new StoredObject(next, json!, 8, "8");
        foreach (var name in new[] { "spec", "metadata", "spec", "status" })
        {
            Assert.Equal(looked.TryGetMember(name, out var s1, out var l1), written.TryGetMember(name, out var s2, out var l2));
            Assert.Equal((s1, l1), (s2, l2));
        }
        Assert.True(written.TryGetMember("spec", out var start, out var length));
        Assert.Equal(at, (start, length));
        Assert.StartsWith("{\"holderIdentity\"", Encoding.UTF8.GetString(json!, start, length));
        Assert.True(written.TryGetMember("metadata", out start, out length));
        Assert.StartsWith("{\"name\":\"node-1\"", Encoding.UTF8.GetString(json!, start, length));
    }

    [Fact]
    public void A_lease_update_that_changes_more_than_the_spec_is_left_to_the_general_path()
    {
        var specMember = LeaseSpecMember;
        var stored = StoredLease();
        Lease Changed(Action<Lease> change)
        {
            var lease = ModelCloner.Clone((Lease)stored.Snapshot);
            lease.Spec!.LeaseDurationSeconds = 15;
            change(lease);
            return lease;
        }

        Assert.NotNull(MemberSplice.Update(stored, specMember, Changed(_ => { }), new JsonScratch()));
        foreach (var other in new[]
                 {
                     Changed(l => l.Metadata!.Labels = new Dictionary<string, string> { ["a"] = "b" }),
                     Changed(l => l.Metadata!.Uid = "u-2"),
                     Changed(l => l.Metadata!.OwnerReferences = [new OwnerReference { Kind = "Node", Name = "node-1", Uid = "n-1" }]),
                     Changed(l => l.ApiVersion = "coordination.k8s.io/v1beta1"),
                     Changed(l => l.Spec = null),
                 })
        {
            Assert.Null(MemberSplice.Update(stored, specMember, other, new JsonScratch()));
        }
    }

    /// <summary>
    /// <paramref name="patch"/> spliced into <paramref name="stored"/>, checked against the whole-object merge (object and
    /// bytes), with metadata of its own and without a resourceVersion, the stored snapshot's left alone; the next version
    /// (at the next revision) and where its member lies.
    /// </summary>
    private static (StoredObject Next, (int Start, int Length) At) SpliceChecked(StoredObject stored,
        System.Text.Json.Serialization.Metadata.JsonPropertyInfo member, string patch, ArrayBufferWriter<byte> merged)
    {
        var next = MemberSplice.Patch(stored, member, patch, merged);

        Assert.NotNull(next);
        var expected = WholeMerge(stored, patch);
        DeepState.AssertSame(expected, next);
        var json = MemberSplice.Encode(stored, member, next, new JsonScratch(), out var at);
        Assert.NotNull(json);
        Assert.Equal(Encoding.UTF8.GetString(ObjectCodec.Encode(expected)), Encoding.UTF8.GetString(json));
        Assert.NotSame(stored.Snapshot.Metadata, next.Metadata);
        Assert.Null(next.Metadata!.ResourceVersion);
        Assert.Equal(stored.ResourceVersionText, stored.Snapshot.Metadata!.ResourceVersion);

        var rv = stored.ResourceVersion + 1;
        next.Meta.ResourceVersion = rv.ToString();
        return (new StoredObject(next, json, rv, rv.ToString()), at);
    }

    /// <summary>The general merge: the whole object's bytes patched as a document, then decoded.</summary>
    private static KubeObject WholeMerge(StoredObject stored, string patch)
    {
        var merged = MergePatch.Apply(JsonNode.Parse(stored.Json), JsonNode.Parse(patch));
        return ObjectCodec.Decode(Encoding.UTF8.GetBytes(merged!.ToJsonString()), stored.Snapshot.GetType());
    }
}
