using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Cluster.StandIn;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Apply;

public sealed class ManifestApplierSpec : IDisposable
{
    private readonly Sim.Cluster.Cluster _cluster =
        new ClusterBuilder().WithConfig(ClusterConfig.Default.WithNodeCount(1)).WithNodeFactory(new StandInNodeFactory()).Build();

    public void Dispose() => _cluster.Dispose();

    private static IReadOnlyList<KubeObject> Load(string yaml) => ManifestLoader.LoadText(yaml, "pod.yaml");

    private List<string> PodNames() => _cluster.List("pods").Items.Select(p => p.Metadata!.Name!).ToList();

    [Fact]
    public void One_invalid_object_means_nothing_is_created_and_the_error_is_kubectls()
    {
        var result = ManifestApplier.Apply(_cluster, Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: good}
            spec:
              containers: [{name: app, image: nginx}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: x}
            spec:
              containers: [{name: app}]
            """));
        Assert.False(result.Success);
        Assert.Equal(["The Pod \"x\" is invalid: spec.containers[0].image: Required value"], result.Errors);
        Assert.Empty(PodNames());
    }

    [Fact]
    public void A_name_already_taken_is_refused_with_the_source_file_as_kubectl_adds_it()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: app, image: nginx}]
            """;
        Assert.Equal(["pod/web created"], ManifestApplier.Apply(_cluster, Load(pod)).Created);
        var again = ManifestApplier.Apply(_cluster, Load(pod));
        Assert.Equal(["Error from server (AlreadyExists): error when creating \"pod.yaml\": pods \"web\" already exists"], again.Errors);
    }

    [Fact]
    public void A_missing_namespace_is_refused_but_one_created_by_the_same_files_is_created_first()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              containers: [{name: app, image: nginx}]
            """;
        Assert.Equal(["Error from server (NotFound): error when creating \"pod.yaml\": namespaces \"shop\" not found"],
            ManifestApplier.Apply(_cluster, Load(pod)).Errors);
        var result = ManifestApplier.Apply(_cluster, Load(pod + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"));
        Assert.Equal(["namespace/shop created", "pod/web created"], result.Created);
    }

    [Fact]
    public void Created_pods_are_defaulted_scheduled_and_run_on_the_stand_in_node()
    {
        ManifestApplier.Apply(_cluster, Load("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: app, image: nginx}]
            """));
        _cluster.RunUntil(TimeSpan.FromSeconds(5));
        var pod = (Pod)_cluster.Call(new ControlPlane.ApiServer.Get("pods", "default", "web")).Object!;
        Assert.Equal("node-1", pod.Spec!.NodeName);
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal("10.244.0.2", pod.Status.PodIP);
    }
}
