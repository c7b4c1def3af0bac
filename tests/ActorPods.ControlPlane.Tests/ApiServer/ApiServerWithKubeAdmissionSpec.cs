using ActorPods.Api.Model;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>The api-server with the real defaulter and validator wired in through IAdmission.</summary>
public sealed class ApiServerWithKubeAdmissionSpec() : ApiServerSpec(new ApiServerOptions { Admission = KubeAdmission.Instance })
{
    [Fact]
    public void A_defaulted_pod_is_deleted_with_the_default_thirty_second_grace()
    {
        var pod = NewPod("web", node: "node-1");
        pod.Spec!.TerminationGracePeriodSeconds = null;
        var created = Ok<Pod>(new Create(pod));
        Assert.Equal(30, created.Spec!.TerminationGracePeriodSeconds);
        Assert.Equal("Always", created.Spec.RestartPolicy);
        Sys.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(Epoch.AddSeconds(32), Ok<Pod>(new Delete("pods", "default", "web")).Metadata!.DeletionTimestamp);
    }

    [Fact]
    public void An_invalid_pod_is_refused_with_the_validators_status_and_nothing_is_stored()
    {
        var pod = NewPod("web");
        pod.Spec!.Containers![0].Image = null;
        var e = Fails(new Create(pod));
        Assert.Equal(422, e.Code);
        Assert.Equal("Pod \"web\" is invalid: spec.containers[0].image: Required value", e.Message);
        Assert.Equal(404, Fails(new Get("pods", "default", "web")).Code);
    }

    [Fact]
    public void Status_writes_pass_admission_and_keep_the_spec()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var running = Ok<Pod>(new Patch("pods", "default", "web", """{"status":{"phase":"Running"}}""", "status"));
        Assert.Equal("Running", running.Status!.Phase);
        Assert.Equal("node-1", running.Spec!.NodeName);
    }
}
