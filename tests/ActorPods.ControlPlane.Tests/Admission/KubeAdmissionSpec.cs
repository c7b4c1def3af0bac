using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.Admission;

public class KubeAdmissionSpec
{
    private static AdmissionRequest Create(KubeObject obj) =>
        new(AdmissionOperation.Create, KindRegistry.Default.Find(obj.GetType())!, obj, null, null);

    [Fact]
    public void A_valid_pod_is_defaulted_in_place_and_accepted()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: app
                image: nginx
                livenessProbe: {httpGet: {port: 80}}
            """);
        Assert.Null(KubeAdmission.Instance.Admit(Create(pod)));
        Assert.Equal("Always", pod.Spec!.RestartPolicy);
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        Assert.Equal("Always", pod.Spec.Containers![0].ImagePullPolicy);
        Assert.Equal(10, pod.Spec.Containers[0].LivenessProbe!.PeriodSeconds);
        Assert.Contains(pod.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/unreachable" && t.TolerationSeconds == 300);
    }

    [Fact]
    public void An_invalid_pod_is_rejected_with_the_api_servers_message_and_causes()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: app
            """);
        var status = KubeAdmission.Instance.Admit(Create(pod));
        Assert.NotNull(status);
        Assert.Equal(422, status.Code);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Pod \"web\" is invalid: spec.containers[0].image: Required value", status.Message);
        var cause = Assert.Single(status.Details!.Causes!);
        Assert.Equal(("FieldValueRequired", "spec.containers[0].image"), (cause.Reason, cause.Field));
    }
}
