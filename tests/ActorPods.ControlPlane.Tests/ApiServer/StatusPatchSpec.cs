using System.Text;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>
/// Status writes naming only the status (and a Lease's writes naming only its spec) are merged, decoded and encoded on
/// that member alone, its new bytes spliced into the stored ones: what is stored and what watchers see must be what the general merge of the whole
/// object gives, patch after patch (each one splicing at the place the previous one left).
/// </summary>
public sealed class StatusPatchSpec : ApiServerSpec
{
    /// <summary>Status-only patches, applied in turn: new members (which the merge puts behind the untouched ones),
    /// removals, replaced lists, an unknown member (dropped as a decode drops it), and a repeat that changes nothing.</summary>
    internal static readonly string[] PodPatches =
    [
        """{"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2024-05-06T05:08:09Z"}]}}""",
        """{"status":{"hostIP":"10.0.0.1","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"}],"startTime":"2024-05-06T05:08:10Z","unknownField":1}}""",
        """{"status":{"conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2024-05-06T05:08:09Z"},{"type":"Ready","status":"False","reason":"ContainersNotReady","message":"containers with unready status: [app]","lastTransitionTime":"2024-05-06T05:08:10Z"}],"containerStatuses":[{"name":"app","ready":false,"restartCount":0,"image":"nginx","imageID":"","started":true,"state":{"running":{"startedAt":"2024-05-06T05:08:11Z"}}}],"phase":"Running"}}""",
        """{"status":{"containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"nginx","imageID":"","started":true,"state":{"running":{"startedAt":"2024-05-06T05:08:11Z"}}}],"conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2024-05-06T05:08:09Z"},{"type":"Ready","status":"True","lastTransitionTime":"2024-05-06T05:08:20Z"}]}}""",
        """{"status":{"conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2024-05-06T05:08:09Z"},{"type":"Ready","status":"True","lastTransitionTime":"2024-05-06T05:08:20Z"}]}}""",
        """{"status":{"podIPs":null,"message":"the node was low on resource: memory","reason":"Evicted","phase":"Failed"}}""",
    ];

    [Fact]
    public void Status_only_patches_store_and_show_what_merging_the_whole_object_gives()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", ResourceVersion: "0"));
        Ok<Pod>(new Create(NewPod("web", node: "node-1", labels: new Dictionary<string, string> { ["app"] = "web" })));
        var seen = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;

        foreach (var patch in PodPatches)
        {
            var before = Ok<Pod>(new Get("pods", "default", "web"));
            var expected = Merged(before, patch);

            var reply = Call(new Patch("pods", "default", "web", patch, "status"));

            Assert.True(reply.IsSuccess, reply.Error?.Message);
            var got = Ok<Pod>(new Get("pods", "default", "web"));
            Assert.Equal(Encode(expected), Encode(got));
            var changed = Encode(expected) != Encode(before);
            if (!changed)
            {
                Assert.Equal(before.Metadata!.ResourceVersion, got.Metadata!.ResourceVersion);
                continue;
            }
            // The watchers' snapshot is the stored bytes' decode, at the new revision, and shares the unchanged spec.
            var next = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
            Assert.Equal(got.Metadata!.ResourceVersion, next.Metadata!.ResourceVersion);
            DeepState.AssertSame(got, next);
            Assert.Same(seen.Spec, next.Spec);
            seen = next;
        }
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    /// <summary>The encoding of a status as the kubelet's status manager writes it (and the api-server stores it).</summary>
    private static byte[] StatusBytes(PodStatus? status) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(status ?? new PodStatus(), KubeJson.Options);

    [Fact]
    public void Status_patches_with_their_senders_edit_store_and_show_what_merging_the_whole_object_gives()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", ResourceVersion: "0"));
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var seen = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;

        foreach (var patch in PodPatches)
        {
            var before = Ok<Pod>(new Get("pods", "default", "web"));
            var expected = Merged(before, patch);
            // The sender's own status: finer times than the wire keeps, which the stored copy must cut as a decode does.
            var value = ModelCloner.Clone(expected.Status!);
            if (value.StartTime is { } started) value.StartTime = started.AddMilliseconds(250);
            var edit = new MemberEdit("status", StatusBytes(before.Status), StatusBytes(value), value);

            var reply = Call(new Patch("pods", "default", "web", patch, "status") { Edit = edit });

            Assert.True(reply.IsSuccess, reply.Error?.Message);
            var got = Ok<Pod>(new Get("pods", "default", "web"));
            Assert.Equal(Encode(expected), Encode(got));
            if (Encode(expected) == Encode(before)) continue;
            var next = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
            DeepState.AssertSame(got, next);
            Assert.Same(seen.Spec, next.Spec);
            Assert.NotSame(value, next.Status);
            seen = next;
        }
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_senders_edit_is_taken_only_against_the_bytes_it_was_diffed_from()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var stored = Ok<Pod>(new Get("pods", "default", "web")).Status;
        const string patch = """{"status":{"phase":"Running"}}""";
        // An edit whose result is not the patch's, so the stored phase tells which one was applied.
        var claimed = new PodStatus { Phase = "Succeeded" };
        string PhaseAfter(MemberEdit edit)
        {
            Assert.True(Call(new Patch("pods", "default", "web", patch, "status") { Edit = edit }).IsSuccess);
            var phase = Ok<Pod>(new Get("pods", "default", "web")).Status!.Phase!;
            // Back to where it was for the next case.
            Assert.True(Call(new Patch("pods", "default", "web", """{"status":{"phase":"Pending"}}""", "status")).IsSuccess);
            stored = Ok<Pod>(new Get("pods", "default", "web")).Status;
            return phase;
        }

        Assert.Equal("Running", PhaseAfter(new MemberEdit("status", StatusBytes(new PodStatus { Phase = "Unknown" }), StatusBytes(claimed), claimed)));
        Assert.Equal("Running", PhaseAfter(new MemberEdit("spec", StatusBytes(stored), StatusBytes(claimed), claimed)));
        // Against the stored bytes themselves the sender's account is taken as it is: it vouches for it.
        Assert.Equal("Succeeded", PhaseAfter(new MemberEdit("status", StatusBytes(stored), StatusBytes(claimed), claimed)));
    }

    [Fact]
    public void A_status_only_patch_of_a_deployment_keeps_its_spec_generation_and_labels()
    {
        var created = Ok<Deployment>(new Create(new Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new DeploymentSpec
            {
                Replicas = 2,
                Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
                },
            },
        }));
        const string patch = """{"status":{"observedGeneration":1,"replicas":2,"readyReplicas":1,"conditions":[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"}]}}""";
        var expected = Merged(created, patch);

        Ok<Deployment>(new Patch("deployments", "default", "web", patch, "status"));

        var got = Ok<Deployment>(new Get("deployments", "default", "web"));
        Assert.Equal(Encode(expected), Encode(got));
        Assert.Equal(1, got.Metadata!.Generation);
        Assert.Equal(2, got.Spec!.Replicas);
        Assert.Equal(1, got.Status!.ReadyReplicas);
    }

    /// <summary>A kubelet's lease renewals and what else a spec-only patch may do to a Lease (a new holder, a member
    /// removed, an unknown member), then a repeat that changes nothing.</summary>
    internal static readonly string[] LeasePatches =
    [
        """{"spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2024-05-06T05:08:19.000000Z"}}""",
        """{"spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2024-05-06T05:08:29.123456Z"}}""",
        """{"spec":{"holderIdentity":"node-2","acquireTime":"2024-05-06T05:09:00.000000Z","leaseTransitions":1,"unknownField":true}}""",
        """{"spec":{"acquireTime":null,"leaseDurationSeconds":15}}""",
        """{"spec":{"acquireTime":null,"leaseDurationSeconds":15}}""",
    ];

    private static Lease NewLease() => new()
    {
        ApiVersion = "coordination.k8s.io/v1", Kind = "Lease",
        Metadata = new ObjectMeta { Name = "node-1", Namespace = "kube-node-lease", Labels = new Dictionary<string, string> { ["k"] = "v" } },
        Spec = new LeaseSpec { HolderIdentity = "node-1", LeaseDurationSeconds = 40, RenewTime = Epoch },
    };

    /// <summary>A watch on leases, then NewLease created: the watch and what it saw.</summary>
    private (Actors.TestKit.TestProbe Watcher, Lease Seen) CreateWatchedLease()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("leases", ResourceVersion: "0"));
        Ok<Lease>(new Create(NewLease()));
        return (watcher, (Lease)watcher.ExpectMsg<WatchEvent>().Object!);
    }

    /// <summary>The watchers' next snapshot: the stored bytes' decode at <paramref name="got"/>'s revision, sharing the
    /// labels of the one <paramref name="seen"/> before it (unchanged).</summary>
    private static Lease NextSeen(Actors.TestKit.TestProbe watcher, Lease got, Lease seen)
    {
        var next = (Lease)watcher.ExpectMsg<WatchEvent>().Object!;
        Assert.Equal(got.Metadata!.ResourceVersion, next.Metadata!.ResourceVersion);
        DeepState.AssertSame(got, next);
        Assert.Same(seen.Metadata!.Labels, next.Metadata!.Labels);
        return next;
    }

    [Fact]
    public void Spec_only_lease_patches_store_show_and_answer_what_merging_the_whole_object_gives()
    {
        var (watcher, seen) = CreateWatchedLease();

        foreach (var patch in LeasePatches)
        {
            var before = Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"));
            var expected = Merged(before, patch);

            var reply = Ok<Lease>(new Patch("leases", "kube-node-lease", "node-1", patch));

            var got = Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"));
            Assert.Equal(Encode(expected), Encode(got));
            Assert.Equal(Encode(got), Encode(reply));
            Assert.Equal(got.Metadata!.ResourceVersion, reply.Metadata!.ResourceVersion);
            if (Encode(expected) == Encode(before))
            {
                Assert.Equal(before.Metadata!.ResourceVersion, got.Metadata!.ResourceVersion);
                continue;
            }
            Assert.True(Rv(got) > Rv(before));
            seen = NextSeen(watcher, got, seen);
        }
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Lease_renewals_by_update_store_show_and_answer_the_object_sent()
    {
        var (watcher, seen) = CreateWatchedLease();

        for (var i = 1; i <= 3; i++)
        {
            var before = Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"));
            var renewal = ModelCloner.Clone(before);
            renewal.Spec!.RenewTime = Epoch.AddSeconds(10 * i);

            var reply = Ok<Lease>(new Update(renewal));

            var got = Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"));
            Assert.Equal(Encode(renewal), Encode(got));
            Assert.Equal(Encode(got), Encode(reply));
            Assert.Equal(got.Metadata!.ResourceVersion, reply.Metadata!.ResourceVersion);
            Assert.True(Rv(got) > Rv(before));
            seen = NextSeen(watcher, got, seen);

            // The same update again names a resourceVersion that is gone now.
            Assert.Equal(409, Fails(new Update(renewal)).Code);
        }
        // One that also changes the metadata goes the general way, and keeps the change.
        var relabelled = Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"));
        relabelled.Metadata!.Labels!["k"] = "w";
        relabelled.Spec!.RenewTime = Epoch.AddSeconds(40);
        Ok<Lease>(new Update(relabelled));
        Assert.Equal(Encode(relabelled), Encode(Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"))));
        watcher.ExpectMsg<WatchEvent>();
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Theory]
    [InlineData("""{"spec":{"leaseDurationSeconds":"forty"}}""")]
    [InlineData("""{"spec":{"renewTime":"yesterday"}}""")]
    public void A_spec_only_lease_patch_that_cannot_be_decoded_fails_as_the_general_path_fails_it(string patch)
    {
        Ok<Lease>(new Create(NewLease()));
        var before = Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"));

        var error = Fails(new Patch("leases", "kube-node-lease", "node-1", patch));

        Assert.Equal(400, error.Code);
        Assert.Equal(Encode(before), Encode(Ok<Lease>(new Get("leases", "kube-node-lease", "node-1"))));
    }

    /// <summary>The general merge: the whole object's JSON patched as a document, then read back (the resourceVersion is
    /// the server's to set, so it is left out of the comparison).</summary>
    private static T Merged<T>(T before, string patch) where T : KubeObject
    {
        var copy = ObjectCodec.Decode(ObjectCodec.Encode(before), typeof(T));
        copy.Meta.ResourceVersion = null;
        var merged = MergePatch.Apply(JsonNode.Parse(ObjectCodec.Encode(copy)), JsonNode.Parse(patch));
        return (T)ObjectCodec.Decode(Encoding.UTF8.GetBytes(merged!.ToJsonString()), typeof(T));
    }

    private static string Encode(KubeObject obj)
    {
        var rv = obj.Metadata?.ResourceVersion;
        obj.Meta.ResourceVersion = null;
        var json = Encoding.UTF8.GetString(ObjectCodec.Encode(obj));
        obj.Meta.ResourceVersion = rv;
        return json;
    }
}
