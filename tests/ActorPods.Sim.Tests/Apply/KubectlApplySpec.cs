using ActorPods.Api.Serialization;
using ActorPods.Sim.Apply;

namespace ActorPods.Sim.Tests.Apply;

public sealed class KubectlApplySpec
{
    [Fact]
    public void The_last_applied_configuration_is_the_file_object_with_sorted_keys_its_namespace_and_empty_annotations()
    {
        var pod = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx
                ports: [{containerPort: 80}]
            """, "pod.yaml").Single();
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"app","ports":[{"containerPort":80}]}]}}""" + "\n",
            KubectlApply.LastAppliedOf(pod, "default"));
    }
}
