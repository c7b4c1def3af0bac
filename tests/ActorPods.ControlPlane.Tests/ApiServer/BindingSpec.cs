using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>The scheduler's pods/binding: once per pod, never for a pod being deleted.</summary>
public sealed class BindingSpec : ApiServerSpec
{
    [Fact]
    public void Binding_sets_the_node_and_a_true_PodScheduled_condition_and_the_kubelet_sees_the_pod()
    {
        var kubelet = CreateTestProbe();
        StartWatch(kubelet, new Watch("pods", FieldSelector: "spec.nodeName=node-1"));
        var pod = NewPod("web");
        Ok<Pod>(new Create(pod));
        Ok<Pod>(new Patch("pods", "default", "web",
            """{"status":{"conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/1 nodes are available"}]}}""", "status"));
        Sys.Advance(TimeSpan.FromSeconds(4));
        var bound = Ok<Pod>(new Bind("default", "web", "node-1"));
        Assert.Equal("node-1", bound.Spec!.NodeName);
        var condition = Assert.Single(bound.Status!.Conditions!);
        Assert.Equal("True", condition.Status);
        Assert.Null(condition.Reason);
        Assert.Equal(Epoch.AddSeconds(4), condition.LastTransitionTime);
        var added = kubelet.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal("node-1", ((Pod)added.Object!).Spec!.NodeName);
    }

    [Fact]
    public void The_bound_pod_is_the_next_snapshot_sharing_what_did_not_change_and_the_previous_one_reads_as_before()
    {
        Ok<Pod>(new Create(NewPod("web")));
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", ResourceVersion: "0"));
        var before = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
        var beforeRv = before.Metadata!.ResourceVersion;
        // A sub-second instant: the stored condition has whole seconds, as the wire gives it.
        Sys.Advance(TimeSpan.FromMilliseconds(4_250));

        var reply = Call(new Bind("default", "web", "node-1"));

        Assert.True(reply.IsSuccess, reply.Error?.Message);
        var after = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
        Assert.Same(after, reply.ReadOnlyObject);
        Assert.Same(before.Spec!.Containers, after.Spec!.Containers);
        Assert.Equal("node-1", after.Spec.NodeName);
        Assert.Equal(Epoch.AddSeconds(4), Assert.Single(after.Status!.Conditions!).LastTransitionTime);
        // The previous snapshot is untouched.
        Assert.Null(before.Spec.NodeName);
        Assert.Empty(before.Status?.Conditions ?? []);
        Assert.Equal(beforeRv, before.Metadata.ResourceVersion);
        // The snapshot equals a decode of the stored bytes, and a reader of Object gets a private copy of them.
        var got = Ok<Pod>(new Get("pods", "default", "web"));
        DeepState.AssertSame(got, ObjectCodec.Decode(ObjectCodec.Encode(after), typeof(Pod)));
        var copy = (Pod)reply.Object!;
        Assert.NotSame(after.Spec, copy.Spec);
        DeepState.AssertSame(got, copy);
    }

    [Fact]
    public void A_bound_pod_cannot_be_bound_again()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var e = Fails(new Bind("default", "web", "node-2"));
        Assert.Equal(409, e.Code);
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-1\"", e.Message);
    }

    [Fact]
    public void A_pod_being_deleted_or_with_another_uid_cannot_be_bound()
    {
        var pod = NewPod("web");
        pod.Metadata!.Finalizers = ["example.com/hold"];
        var created = Ok<Pod>(new Create(pod));
        var wrong = Fails(new Bind("default", "web", "node-1", Uid: "other"));
        Assert.Equal($"Operation cannot be fulfilled on pods \"web\": Precondition failed: UID in precondition: other, UID in object meta: {created.Metadata!.Uid}", wrong.Message);
        Ok<Pod>(new Delete("pods", "default", "web"));
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"web\": pod web is being deleted, cannot be assigned to a host",
            Fails(new Bind("default", "web", "node-1")).Message);
        Assert.Equal(404, Fails(new Bind("default", "ghost", "node-1")).Code);
    }
}
