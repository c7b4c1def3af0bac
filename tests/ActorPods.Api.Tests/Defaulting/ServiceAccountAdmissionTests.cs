using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;
using ActorPods.Api.Tests.Validation;
using ActorPods.Api.Validation;

namespace ActorPods.Api.Tests.Defaulting;

/// <summary>The ServiceAccount admission plug-in, opt-in through DefaultingOptions.</summary>
public class ServiceAccountAdmissionTests
{
    private static DefaultingOptions WithServiceAccounts(int seed = 1) => new() { ServiceAccountAdmission = true, NameRandom = new Random(seed) };

    [Fact]
    public void A_pod_gets_the_default_service_account_and_the_kube_api_access_volume_kubectl_shows()
    {
        var pod = ObjectDefaulter.Apply((Pod)Admit.Load(Admit.Pod()), WithServiceAccounts());
        var spec = pod.Spec!;
        Assert.Equal(("default", "default"), (spec.ServiceAccountName, spec.ServiceAccount));
        var volume = Assert.Single(spec.Volumes!);
        Assert.Matches("^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$", volume.Name);
        var expected = JsonNode.Parse($$$$"""
            {"name":"{{{{volume.Name}}}}","projected":{"sources":[
              {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
              {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
              {"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}
            ],"defaultMode":420}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonSerializer.SerializeToNode(volume, KubeJson.Options)));
        var mount = Assert.Single(spec.Containers![0].VolumeMounts!);
        Assert.Equal((volume.Name, true, "/var/run/secrets/kubernetes.io/serviceaccount"), (mount.Name, mount.ReadOnly ?? false, mount.MountPath));
        Assert.Null(ObjectValidator.ValidateToError(pod));
    }

    [Fact]
    public void Automount_false_keeps_the_service_account_but_mounts_nothing()
    {
        var pod = ObjectDefaulter.Apply((Pod)Admit.Load(Admit.Pod(specExtra: "automountServiceAccountToken: false")), WithServiceAccounts());
        Assert.Equal("default", pod.Spec!.ServiceAccountName);
        Assert.Null(pod.Spec.Volumes);
        Assert.Null(pod.Spec.Containers![0].VolumeMounts);
    }

    [Fact]
    public void Applying_twice_adds_nothing_more()
    {
        var pod = ObjectDefaulter.Apply((Pod)Admit.Load(Admit.Pod()), WithServiceAccounts(1));
        var once = KubeJson.Serialize(pod);
        Assert.Equal(once, KubeJson.Serialize(ObjectDefaulter.Apply(pod, WithServiceAccounts(2))));
    }

    [Fact]
    public void It_needs_injected_randomness() =>
        Assert.Throws<InvalidOperationException>(() => ObjectDefaulter.Apply((Pod)Admit.Load(Admit.Pod()), new DefaultingOptions { ServiceAccountAdmission = true }));

    public static TheoryData<string> LoadableExamples() => WorkloadDefaultingTests.LoadableExamples();

    [Theory]
    [MemberData(nameof(LoadableExamples))]
    public void Every_example_pod_with_its_token_volume_is_still_valid(string file)
    {
        foreach (var pod in ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file)).OfType<Pod>())
        {
            ObjectDefaulter.Apply(pod, WithServiceAccounts());
            Assert.Null(ObjectValidator.ValidateToError(pod)?.KubectlMessage);
        }
    }
}
