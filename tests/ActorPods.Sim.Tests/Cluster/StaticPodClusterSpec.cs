using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Config;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Cluster;

/// <summary>
/// Seed 000's static pod (/etc/kubernetes/manifests/static_pod.yaml on test-b-k8s-node01) in a whole cluster: the
/// scheduler and the controllers leave its mirror pod alone, an API delete only replaces it.
/// </summary>
public sealed class StaticPodClusterSpec : IDisposable
{
    private const string NodeName = "test-b-k8s-node01";
    private const string Mirror = "test-static-pod-" + NodeName;
    private readonly Sim.Cluster.Cluster _cluster;

    public StaticPodClusterSpec()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "ActorPods.sln"))) root = root.Parent;
        var seed = ManifestLoader.Load(Path.Combine(root.FullName, "config", "examples", "static-pod.yaml")).OfType<Pod>().Single();
        var crash = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: crash}
            spec:
              containers: [{name: app, image: busybox, command: ["sh", "-c", "sleep 2; exit 3"]}]
            """, "/etc/kubernetes/manifests/crash.yaml");
        var config = ClusterConfig.Default with
        {
            Nodes =
            [
                new NodeSpecConfig(NodeName, NodeCapacity.Default, new Dictionary<string, string>()) { StaticPods = [seed, crash] },
                new NodeSpecConfig("test-b-k8s-node02", NodeCapacity.Default, new Dictionary<string, string>()),
            ],
            ImageCatalogs = [Path.Combine(root.FullName, "config", "images.yaml")],
        };
        _cluster = new ClusterBuilder().WithConfig(config).WithSeed(3).Build();
    }

    public void Dispose() => _cluster.Dispose();

    private Pod? Get(string name) => _cluster.Call(new Get("Pod", "default", name)).Object as Pod;

    private string Row(string name)
    {
        var c = PodStatusColumn.Compute(Get(name)!);
        return $"{c.Ready} {c.Status} {c.Restarts}";
    }

    private List<Event> Events(string name) =>
        _cluster.List("events", "default").Items.Cast<Event>().Where(e => e.InvolvedObject?.Name == name).ToList();

    [Fact]
    public void The_mirror_pod_appears_as_the_tutorial_shows_and_nothing_schedules_or_adopts_it()
    {
        // A ReplicaSet whose selector would match the mirror's labels if it had any of its own: it must not adopt it.
        var rs = ManifestLoader.LoadText("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: grabby}
            spec:
              replicas: 1
              selector: {matchExpressions: [{key: app, operator: DoesNotExist}]}
              template:
                metadata: {labels: {role: grabby}}
                spec:
                  containers: [{name: app, image: busybox, command: ["sleep", "3600"]}]
            """, "rs.yaml");
        Assert.True(ManifestApplier.Apply(_cluster, rs).Success);
        _cluster.RunUntil(TimeSpan.FromSeconds(11));
        Assert.Equal("1/1 Running 0", Row(Mirror));
        var mirror = Get(Mirror)!;
        Assert.Equal(NodeName, mirror.Spec!.NodeName);
        Assert.Equal("file", mirror.Meta.Annotations![StaticPodSource.ConfigSourceAnnotationKey]);
        Assert.Equal(mirror.Meta.Annotations[StaticPodSource.ConfigHashAnnotationKey], mirror.Meta.Annotations[StaticPodSource.ConfigMirrorAnnotationKey]);
        Assert.Contains(StaticPodSource.ConfigFirstSeenAnnotationKey, mirror.Meta.Annotations.Keys);
        var uid = mirror.Meta.Uid;

        _cluster.RunUntil(TimeSpan.FromSeconds(60));
        mirror = Get(Mirror)!;
        Assert.Equal(uid, mirror.Meta.Uid); // the garbage collector finds its owner, the Node
        Assert.Equal("Node", Assert.Single(mirror.Meta.OwnerReferences!).Kind);
        Assert.DoesNotContain(Events(Mirror), e => e.Reason is "Scheduled" or "FailedScheduling");
        Assert.Contains(Events(Mirror), e => e is { Reason: "Started", Source.Host: NodeName });
        var owned = _cluster.List("pods", "default").Items.Cast<Pod>().Where(p => p.Meta.OwnerReferences?.Any(o => o.Kind == "ReplicaSet") == true).ToList();
        Assert.DoesNotContain(owned, p => p.Meta.Name == Mirror);
    }

    [Fact]
    public void Kubectl_delete_of_the_mirror_pod_brings_it_back_without_restarting_its_containers()
    {
        _cluster.RunUntil(TimeSpan.FromSeconds(20));
        var before = Get(Mirror)!;
        var containerId = before.Status!.ContainerStatuses!.Single().ContainerID;

        Assert.True(_cluster.Call(new Delete("Pod", "default", Mirror)).IsSuccess);
        _cluster.RunUntil(TimeSpan.FromSeconds(22));
        var after = Get(Mirror);
        Assert.NotNull(after);
        Assert.NotEqual(before.Meta.Uid, after.Meta.Uid);

        _cluster.RunUntil(TimeSpan.FromSeconds(40));
        Assert.Equal("1/1 Running 0", Row(Mirror));
        Assert.Equal(containerId, Get(Mirror)!.Status!.ContainerStatuses!.Single().ContainerID);
        Assert.DoesNotContain(Events(Mirror), e => e.Reason == "Killing");
    }

    [Fact]
    public void A_crash_looping_static_pod_is_restarted_by_its_kubelet()
    {
        _cluster.RunUntil(TimeSpan.FromSeconds(120));
        var name = "crash-" + NodeName;
        var pod = Get(name)!;
        Assert.True(pod.Status!.ContainerStatuses!.Single().RestartCount >= 3, Row(name));
        Assert.Contains(Events(name), e => e.Reason == "BackOff");
        Assert.Equal(3, pod.Status.ContainerStatuses!.Single().LastState!.Terminated!.ExitCode);
    }

    [Fact]
    public void After_a_node_reboot_the_kubelet_runs_its_static_pod_again_and_adopts_the_mirror_it_finds()
    {
        _cluster.RunUntil(TimeSpan.FromSeconds(20));
        var before = Get(Mirror)!;
        _cluster.Faults.CrashNode(NodeName);
        _cluster.RunUntil(TimeSpan.FromSeconds(120));
        Assert.Equal(before.Meta.Uid, Get(Mirror)!.Meta.Uid); // nothing deletes a mirror pod while its node is down
        Assert.Equal("False", Get(Mirror)!.Status!.Conditions!.Single(c => c.Type == "Ready").Status); // MarkPodsNotReady

        _cluster.Faults.RestartNode(NodeName);
        _cluster.RunUntil(TimeSpan.FromSeconds(140));
        var after = Get(Mirror)!;

        Assert.Equal(before.Meta.Uid, after.Meta.Uid);
        Assert.Equal("1/1 Running", Row(Mirror)[..11]);
        Assert.Equal("True", after.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.NotEqual(before.Status!.ContainerStatuses![0].ContainerID, after.Status!.ContainerStatuses![0].ContainerID);
    }
}
