using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

/// <summary>The ReplicationController manager: the ReplicaSet logic over a map selector, as "replication-controller".</summary>
public sealed class ReplicationManagerSpec : ControllerSpec
{
    public ReplicationManagerSpec()
    {
        StartControllers("replicationcontroller-controller", "garbage-collector-controller");
    }

    private static string RepoRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "ActorPods.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("repository root not found");
        }
    }

    private static ReplicationController NewRc(string name, int replicas) => new()
    {
        ApiVersion = "v1",
        Kind = "ReplicationController",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new Api.Model.ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Template = Template(new Dictionary<string, string> { ["app"] = name, ["tier"] = "web" }),
        },
    };

    [Fact]
    public void The_tutorial_replication_controller_creates_its_six_pods_with_SuccessfulCreate_events_from_replication_controller()
    {
        var rc = ManifestLoader.Load(Path.Combine(RepoRoot, "config", "examples", "readiness-liveness-httpget-replicationcontroller.yaml"))
            .OfType<ReplicationController>().Single();
        rc = Create(rc);
        RunSeconds(1);

        var pods = Pods();
        Assert.Equal(6, pods.Count);
        foreach (var pod in pods)
        {
            Assert.StartsWith("inessprobe-", pod.Metadata!.Name);
            Assert.Equal("inessprobe-", pod.Metadata.GenerateName);
            var owner = Assert.Single(pod.Metadata.OwnerReferences!);
            Assert.Equal(("v1", "ReplicationController", "inessprobe", rc.Metadata!.Uid, true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.Equal("lykops", pod.Metadata.Labels!["project"]);
        }
        var events = Events("SuccessfulCreate");
        Assert.Equal(pods.Select(p => $"Created pod: {p.Metadata!.Name}").Order(), events.Select(e => e.Message).Order());
        Assert.All(events, e => Assert.Equal(("Normal", "replication-controller", "ReplicationController", "inessprobe", "v1"),
            (e.Type, e.Source!.Component, e.InvolvedObject!.Kind, e.InvolvedObject.Name, e.InvolvedObject.ApiVersion)));
        var status = Find<ReplicationController>("replicationcontrollers", "inessprobe")!.Status!;
        Assert.Equal((6, 6, 0, 0, 1L), (status.Replicas, status.FullyLabeledReplicas, status.ReadyReplicas, status.AvailableReplicas, status.ObservedGeneration));
    }

    [Fact]
    public void Ready_pods_are_counted_and_scaling_down_deletes_with_SuccessfulDelete()
    {
        AddNode("node-1", new FakeKubeletOptions { StartDelay = TimeSpan.FromSeconds(1) });
        StartBinder();
        Create(NewRc("web", 3));
        RunSeconds(5);
        Assert.Equal(3, Find<ReplicationController>("replicationcontrollers", "web")!.Status!.ReadyReplicas);

        Ok<ReplicationController>(new Patch("replicationcontrollers", "default", "web", """{"spec":{"replicas":1}}"""));
        RunSeconds(1);
        Assert.Single(Pods(), p => p.Metadata!.DeletionTimestamp is null);
        Assert.Equal(2, Events("SuccessfulDelete").Count);
        Assert.All(Events("SuccessfulDelete"), e => Assert.Equal("replication-controller", e.Source!.Component));
    }

    [Fact]
    public void A_matching_orphan_is_adopted_and_a_replicaset_owned_pod_is_left_alone()
    {
        var orphan = new Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new ObjectMeta { Name = "orphan", Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
        };
        Create(orphan);
        var rc = Create(NewRc("web", 2));
        RunSeconds(1);
        Assert.Equal(2, Pods().Count);
        var adopted = Find<Pod>("pods", "orphan")!;
        Assert.Equal(("ReplicationController", rc.Metadata!.Uid), (adopted.Metadata!.OwnerReferences!.Single().Kind, adopted.Metadata.OwnerReferences!.Single().Uid));
        Assert.Single(Events("SuccessfulCreate"));
    }

    [Fact]
    public void Deleting_the_replication_controller_removes_its_pods()
    {
        Create(NewRc("web", 2));
        RunSeconds(1);
        Assert.Equal(2, Pods().Count);
        Ok<ReplicationController>(new Delete("replicationcontrollers", "default", "web"));
        RunSeconds(2);
        Assert.Empty(Pods());
    }
}
