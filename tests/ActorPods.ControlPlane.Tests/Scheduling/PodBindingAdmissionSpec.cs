using ActorPods.Api.Model;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Scheduling;
using ActorPods.ControlPlane.Tests.ApiServer;

namespace ActorPods.ControlPlane.Tests.Scheduling;

public sealed class PodBindingAdmissionSpec : ApiServerSpec
{
    public PodBindingAdmissionSpec() : base(new ApiServerOptions { Admission = new PodBindingAdmission(KubeAdmission.Instance) }) { }

    [Fact]
    public void An_unbound_pod_may_be_given_a_node_once()
    {
        Ok<Pod>(new Create(NewPod("web")));
        var bound = Ok<Pod>(new Patch("pods", "default", "web", """{"spec":{"nodeName":"node-1"}}"""));
        Assert.Equal("node-1", bound.Spec!.NodeName);
        var moved = Fails(new Patch("pods", "default", "web", """{"spec":{"nodeName":"node-2"}}"""));
        Assert.Equal("Invalid", moved.Reason);
    }

    [Fact]
    public void Binding_does_not_let_other_spec_changes_through()
    {
        Ok<Pod>(new Create(NewPod("web")));
        var status = Fails(new Patch("pods", "default", "web", """{"spec":{"nodeName":"node-1","containers":[{"name":"app","image":"nginx","command":["sh"]}]}}"""));
        Assert.Equal(422, status.Code);
        Assert.Contains("pod updates may not change fields other than", status.Message);
    }
}
