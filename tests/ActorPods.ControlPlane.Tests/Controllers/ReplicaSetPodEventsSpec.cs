using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.Controllers;

/// <summary>
/// Which pod events make the ReplicaSet logic sync a set (pkg/controller/replicaset/replica_set.go addPod / updatePod):
/// a pod with a controller reference concerns only its controller, and only if that controller is of the logic's own
/// kind (resolveControllerRef); an orphan makes the sets that select it sync when it appears or when its labels change,
/// not on every status write. A sync that changes nothing is invisible in the store, so these tests count deliveries:
/// the same status write must cost the same whether or not a selecting set of the other kind (or a selecting set, for
/// an orphan) exists.
/// </summary>
public sealed class ReplicaSetPodEventsSpec : ControllerSpec
{
    public ReplicaSetPodEventsSpec()
    {
        StartControllers("replicationcontroller-controller", "replicaset-controller");
        RunSeconds(1);
    }

    private static Pod NewPod(string name, Dictionary<string, string> labels, OwnerReference? owner = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = labels, OwnerReferences = owner is null ? null : [owner] },
        Spec = Template(labels).Spec,
    };

    private static ReplicationController SelectingRc(string name, int replicas) => new()
    {
        ApiVersion = "v1",
        Kind = "ReplicationController",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new Api.Model.ReplicationControllerSpec
        {
            Replicas = replicas,
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Template = Template(new Dictionary<string, string> { ["app"] = "web" }),
        },
    };

    /// <summary>Deliveries caused by one status write to <paramref name="pod"/> (its reply and watch events included).</summary>
    private long StatusWriteCost(string pod, int attempt)
    {
        RunSeconds(1);
        var before = Sys.VirtualTime.ProcessedCount;
        var patch = "{\"status\":{\"message\":\"write " + attempt + "\"}}";
        Assert.True(Call(new Patch("pods", "default", pod, patch, "status")).IsSuccess);
        RunSeconds(1);
        return Sys.VirtualTime.ProcessedCount - before;
    }

    [Fact]
    public void A_status_write_to_a_replicaset_pod_syncs_no_replication_controller_that_selects_it()
    {
        Create(NewReplicaSet("web", 1));
        RunSeconds(1);
        var pod = Assert.Single(Pods()).Metadata!.Name!;
        var alone = StatusWriteCost(pod, 1);

        // A ReplicationController with the same selector and no replicas of its own: the pod is not its orphan.
        Create(SelectingRc("legacy", 0));
        RunSeconds(1);
        Assert.Equal(alone, StatusWriteCost(pod, 2));
        Assert.Single(Pods());
    }

    [Fact]
    public void An_orphan_syncs_the_sets_that_select_it_when_it_appears_and_when_its_labels_change_but_not_on_a_status_write()
    {
        // A set that selects app=web but cannot adopt: it is being deleted (a finalizer keeps it), so its syncs only count.
        var rs = NewReplicaSet("web", 0);
        rs.Metadata!.Finalizers = ["example.com/hold"];
        Create(rs);
        RunSeconds(1);
        Ok<ReplicaSet>(new Delete("replicasets", "default", "web"));
        RunSeconds(1);

        Create(NewPod("orphan", new Dictionary<string, string> { ["app"] = "other" }));
        RunSeconds(1);
        var unselected = StatusWriteCost("orphan", 1);
        Ok<Pod>(new Patch("pods", "default", "orphan", """{"metadata":{"labels":{"app":"web"}}}"""));
        RunSeconds(1);
        Assert.Null(Assert.Single(Pods()).Metadata!.OwnerReferences);
        Assert.Equal(unselected, StatusWriteCost("orphan", 2));
    }
}
