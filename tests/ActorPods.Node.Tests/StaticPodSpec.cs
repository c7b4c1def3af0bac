using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet;
using ActorPods.Node.Kubelet.Config;

namespace ActorPods.Node.Tests;

/// <summary>
/// Static pods (kubelet-semantics §10): run from the node's own manifests, published as mirror pods, which an API
/// delete only replaces.
/// </summary>
public sealed class StaticPodSpec() : NodeSpec(new NodeConfig
{
    Name = "node-1",
    PodCidrIndex = 1,
    StaticPods = [Manifest("web", "sleep 3600"), Manifest("crash", "exit 1")],
})
{
    private const string Mirror = "web-node-1";

    private static Pod Manifest(string name, string script) => ManifestLoader.LoadOne<Pod>($"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          labels: {"{"}app: {name}{"}"}
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "{script}"]
        """, $"/etc/kubernetes/manifests/{name}.yaml");

    [Fact]
    public void The_kubelet_runs_the_manifest_and_publishes_a_mirror_pod_named_after_the_node()
    {
        RunUntil(20);
        var mirror = Get(Mirror);
        Assert.NotNull(mirror);
        var a = mirror.Meta.Annotations!;
        Assert.Equal("file", a[StaticPodSource.ConfigSourceAnnotationKey]);
        Assert.Matches("^[0-9a-f]{32}$", a[StaticPodSource.ConfigHashAnnotationKey]);
        Assert.Equal(a[StaticPodSource.ConfigHashAnnotationKey], a[StaticPodSource.ConfigMirrorAnnotationKey]);
        Assert.Equal(StaticPodSource.FirstSeen(Sys.Now - Sys.Elapsed), a[StaticPodSource.ConfigFirstSeenAnnotationKey]);
        Assert.NotEqual(a[StaticPodSource.ConfigHashAnnotationKey], mirror.Meta.Uid);

        var owner = Assert.Single(mirror.Meta.OwnerReferences!);
        var node = (Api.Model.Node)Call(new Get("Node", null, "node-1")).Object!;
        Assert.Equal(("v1", "Node", "node-1", node.Meta.Uid, true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Equal("node-1", mirror.Spec!.NodeName);
        Assert.Contains(mirror.Spec.Tolerations!, t => t is { Key: null, Operator: "Exists", Effect: "NoExecute" });
        Assert.DoesNotContain(mirror.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/not-ready");
        Assert.Null(mirror.Spec.ServiceAccountName);

        Assert.Equal("1/1 Running 0", $"{Column(Mirror).Ready} {Column(Mirror).Status} {Column(Mirror).Restarts}");
        Assert.Equal("10.244.1.2", mirror.Status!.PodIP);

        // A running static pod's status is stable: later resyncs write nothing (PodScheduled keeps its transition time).
        RunUntil(200);
        Assert.DoesNotContain(Log.Pods, p => p.Pod.Meta.Name == Mirror && p.At > TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void The_first_seen_annotation_is_go_rfc3339nano()
    {
        var t = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Assert.Equal("2024-05-06T07:08:09Z", StaticPodSource.FirstSeen(t));
        Assert.Equal("2024-05-06T07:08:09.5Z", StaticPodSource.FirstSeen(t.AddMilliseconds(500)));
        Assert.Equal("2024-05-06T07:08:09.0000001Z", StaticPodSource.FirstSeen(t.AddTicks(1)));
    }

    [Fact]
    public void Deleting_the_mirror_pod_through_the_api_only_replaces_it_and_the_containers_keep_running()
    {
        RunUntil(20);
        var before = Get(Mirror)!;
        var containerId = before.Status!.ContainerStatuses![0].ContainerID;
        Assert.NotNull(containerId);

        Delete(Mirror);
        RunUntil(40);

        var after = Get(Mirror);
        Assert.NotNull(after);
        Assert.NotEqual(before.Meta.Uid, after.Meta.Uid);
        Assert.Null(after.Meta.DeletionTimestamp);
        var c = after.Status!.ContainerStatuses!.Single();
        Assert.Equal(containerId, c.ContainerID);
        Assert.Equal(0, c.RestartCount);
        Assert.Equal("1/1 Running 0", $"{Column(Mirror).Ready} {Column(Mirror).Status} {Column(Mirror).Restarts}");
        Assert.DoesNotContain(EventReasons(), r => r == "Killing");
        // The old mirror went away at once (grace 0), no 30 s Terminating.
        var gone = Log.Pods.First(p => p.Type == WatchEventType.Deleted && p.Pod.Meta.Uid == before.Meta.Uid).At;
        Assert.True(gone < TimeSpan.FromSeconds(21), $"old mirror deleted at {gone}");
    }

    [Fact]
    public void A_force_deleted_mirror_pod_is_created_again()
    {
        RunUntil(20);
        var before = Get(Mirror)!;
        Delete(Mirror, grace: 0);
        RunUntil(25);
        var after = Get(Mirror);
        Assert.NotNull(after);
        Assert.NotEqual(before.Meta.Uid, after.Meta.Uid);
        Assert.Equal("1/1 Running 0", $"{Column(Mirror).Ready} {Column(Mirror).Status} {Column(Mirror).Restarts}");
    }

    [Fact]
    public void A_mirror_pod_without_a_static_pod_on_this_node_is_deleted_by_housekeeping()
    {
        RunUntil(5);
        var orphan = PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gone-node-1
              annotations: {kubernetes.io/config.mirror: 0123456789abcdef0123456789abcdef, kubernetes.io/config.source: file}
            spec:
              nodeName: node-1
              containers: [{name: app, image: busybox:1.36}]
            """);
        Assert.True(Call(new Create(orphan)).IsSuccess);
        RunUntil(8);
        Assert.Null(Get("gone-node-1"));
        Assert.DoesNotContain(Log.Events, e => e.Reason == "Pulling" && e.At > TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_mirror_deleted_while_the_kubelet_is_stopped_is_replaced_when_it_starts_and_the_containers_keep_running()
    {
        RunUntil(20);
        var before = Get(Mirror)!;
        var containerId = before.Status!.ContainerStatuses![0].ContainerID;
        Probe.Send(Node, new StopKubelet());
        Assert.True(ExpectMsg<NodeFaultResult>().Ok);
        Delete(Mirror);
        RunUntil(40);
        Assert.NotNull(Get(Mirror)!.Meta.DeletionTimestamp); // nobody acts on it while the kubelet is down

        Probe.Send(Node, new StartKubelet());
        Assert.True(ExpectMsg<NodeFaultResult>().Ok);
        RunUntil(60);
        var after = Get(Mirror)!;
        Assert.NotEqual(before.Meta.Uid, after.Meta.Uid);
        Assert.Null(after.Meta.DeletionTimestamp);
        Assert.Equal(containerId, after.Status!.ContainerStatuses![0].ContainerID);
        Assert.Equal("1/1 Running 0", $"{Column(Mirror).Ready} {Column(Mirror).Status} {Column(Mirror).Restarts}");
    }

    [Fact]
    public void A_crashing_static_pod_is_restarted_with_back_off_and_its_mirror_shows_it()
    {
        RunUntil(90);
        var history = StatusHistory("crash-node-1");
        Assert.Contains("CrashLoopBackOff", history);
        var c = Get("crash-node-1")!.Status!.ContainerStatuses!.Single();
        Assert.True(c.RestartCount >= 3, $"restarts {c.RestartCount}");
        Assert.Equal("Running", Get("crash-node-1")!.Status!.Phase);
    }

    [Fact]
    public void Removing_the_manifest_stops_the_pod_then_deletes_its_mirror_and_adding_one_starts_it()
    {
        RunUntil(20);
        Probe.Send(Node, new RemoveStaticPod("web"));
        Assert.True(ExpectMsg<StaticPodResult>().Ok);
        RunUntil(60);
        Assert.Null(Get(Mirror));
        Assert.Contains("Killing", EventReasons());
        Assert.False(Exec(Mirror, "app", "true").ExitCode == 0);

        Probe.Send(Node, new AddStaticPod(Manifest("extra", "sleep 3600")));
        var added = ExpectMsg<StaticPodResult>();
        Assert.True(added.Ok, added.Message);
        RunUntil(80);
        Assert.Equal("Running", Column("extra-node-1").Status);
    }

    [Fact]
    public void A_manifest_that_references_api_objects_is_refused()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: cfg}
            spec:
              containers: [{name: app, image: busybox:1.36}]
              volumes: [{name: c, configMap: {name: settings}}]
            """);
        Probe.Send(Node, new AddStaticPod(pod));
        var result = ExpectMsg<StaticPodResult>();
        Assert.False(result.Ok);
        Assert.Equal("pod \"cfg-node-1\" has forbidden references to API objects: ConfigMap volume \"c\"", result.Message);
    }

    [Fact]
    public void The_uid_is_a_hash_of_the_manifest_node_and_file()
    {
        var a = StaticPodSource.Prepare(Manifest("web", "sleep 1"), "n1");
        Assert.Equal(a.Meta.Uid, StaticPodSource.Prepare(Manifest("web", "sleep 1"), "n1").Meta.Uid);
        Assert.NotEqual(a.Meta.Uid, StaticPodSource.Prepare(Manifest("web", "sleep 2"), "n1").Meta.Uid);
        Assert.NotEqual(a.Meta.Uid, StaticPodSource.Prepare(Manifest("web", "sleep 1"), "n2").Meta.Uid);
        Assert.Equal("web-n1", a.Meta.Name);
        Assert.Equal("default", a.Meta.Namespace);
        Assert.Equal("Always", a.Spec!.RestartPolicy);
    }
}
