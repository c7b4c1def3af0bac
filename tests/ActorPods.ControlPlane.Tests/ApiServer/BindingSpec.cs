using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
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
