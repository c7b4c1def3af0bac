using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Cluster;

/// <summary>
/// Watch events and read-only lists hand every watcher the api-server's shared snapshot of an object, and the kubelet
/// gives its pod workers that snapshot's metadata and spec without copying them. Nobody may change a snapshot: after
/// pods have started, probed, restarted, been patched and been deleted with a grace period, every stored pod's shared
/// snapshot must still serialise exactly like a fresh decode of the stored bytes, and its spec, labels and annotations
/// must be what was created (only the binding's nodeName is added). A change made to a shared snapshot can reach the
/// stored bytes (the next write's unchanged parts are copied from the snapshot), so the second check matters.
/// </summary>
public sealed class SharedSnapshotSpec
{
    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    [Fact]
    public void No_component_changes_the_shared_snapshots_of_the_pods_it_runs()
    {
        var config = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")).WithNodeCount(3);
        using var cluster = new ClusterBuilder().WithConfig(config).WithSeed(5).Build();
        foreach (var example in new[]
                 {
                     "k8s-io-exec-liveness.yaml", "k8s-io-http-liveness.yaml", "k8s-io-lifecycle-events.yaml",
                     "init-containers-sequential-sleep.yaml", "emptydir-shared-volume.yaml", "lifecycle-order-hooks-and-probes-deployment.yaml",
                 })
        {
            var applied = ManifestApplier.Apply(cluster, ManifestLoader.Load(RepoFile(Path.Combine("config/examples", example))));
            Assert.True(applied.Success, example + ": " + string.Join("; ", applied.Errors));
        }
        // As created, before any node has seen the pods.
        var created = cluster.List("pods", "default").Items.Cast<Pod>().ToDictionary(p => p.Metadata!.Name!, Unchanging);
        Assert.True(created.Count >= 5, $"{created.Count} pods");

        cluster.RunUntil(TimeSpan.FromMinutes(2));
        var running = AssertSnapshotsIntact(cluster, created);
        Assert.True(running.Count >= 5, $"{running.Count} pods");
        Assert.Contains(running, p => p.Status?.ContainerStatuses?.Any(c => c.RestartCount > 0) == true);

        Assert.True(cluster.Call(new Delete("Pod", "default", "lifecycle-demo", GracePeriodSeconds: 20)).IsSuccess);
        cluster.RunUntil(cluster.Elapsed + TimeSpan.FromMilliseconds(1));
        Assert.Contains(AssertSnapshotsIntact(cluster, created), p => p.Metadata?.DeletionTimestamp is not null);
        cluster.RunUntil(cluster.Elapsed + TimeSpan.FromSeconds(30));
        AssertSnapshotsIntact(cluster, created);
    }

    /// <summary>What no kubelet may change: the spec (but nodeName, set by the binding), labels and annotations.</summary>
    private static string Unchanging(Pod pod)
    {
        var spec = JsonSerializer.SerializeToNode(pod.Spec, KubeJson.Options)!.AsObject();
        spec.Remove("nodeName");
        return JsonSerializer.Serialize(new
        {
            spec,
            labels = pod.Metadata?.Labels,
            annotations = pod.Metadata?.Annotations,
        });
    }

    private static List<Pod> AssertSnapshotsIntact(Sim.Cluster.Cluster cluster, Dictionary<string, string> created)
    {
        var pods = cluster.List("pods", "default");
        for (var i = 0; i < pods.Items.Count; i++)
        {
            var fresh = JsonSerializer.Serialize(pods.Items[i], pods.Items[i].GetType(), KubeJson.Options);
            var shared = JsonSerializer.Serialize(pods.ReadOnlyItems[i], pods.ReadOnlyItems[i].GetType(), KubeJson.Options);
            Assert.Equal(fresh, shared);
            var pod = (Pod)pods.Items[i];
            if (created.TryGetValue(pod.Metadata!.Name!, out var asCreated)) Assert.Equal(asCreated, Unchanging(pod));
        }
        return pods.Items.Cast<Pod>().ToList();
    }
}
