using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class GarbageCollectorSpec : ControllerSpec
{
    public GarbageCollectorSpec()
    {
        StartControllers("replicaset-controller", "deployment-controller", "garbage-collector-controller");
        StartBinder();
        AddNode("node-1", new FakeKubeletOptions { TerminationDelay = TimeSpan.FromSeconds(5) });
    }

    [Fact]
    public void Deleting_a_deployment_removes_its_replicasets_and_their_pods_in_the_background()
    {
        Create(NewDeployment("web", 3));
        RunSeconds(5);
        Assert.Single(ListOf<ReplicaSet>("replicasets"));
        Assert.Equal(3, Pods().Count);
        Ok<Deployment>(new Delete("deployments", "default", "web"));
        RunSeconds(0.5);
        Assert.Empty(ListOf<ReplicaSet>("replicasets"));
        // Pods are deleted gracefully: Terminating until their kubelet is done.
        Assert.All(Pods(), p => Assert.NotNull(p.Metadata!.DeletionTimestamp));
        RunSeconds(6);
        Assert.Empty(Pods());
    }

    [Fact]
    public void Deleting_a_replicaset_removes_its_pods_and_leaves_other_pods_alone()
    {
        Create(NewReplicaSet("web", 2));
        var bystander = new Pod
        {
            ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "bystander", Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = "other" } },
            Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
        };
        Create(bystander);
        RunSeconds(3);
        Ok<ReplicaSet>(new Delete("replicasets", "default", "web"));
        RunSeconds(7);
        Assert.Equal(["bystander"], Pods().Select(p => p.Metadata!.Name));
    }

    [Fact]
    public void A_dependent_with_another_live_owner_only_loses_the_dangling_reference()
    {
        var a = Create(NewReplicaSet("a", 0));
        var b = Create(NewReplicaSet("b", 0));
        OwnerReference Ref(ReplicaSet rs) => new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = rs.Metadata!.Name, Uid = rs.Metadata.Uid };
        Create(new Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new ObjectMeta { Name = "shared", Namespace = "default", OwnerReferences = [Ref(a), Ref(b)] },
            Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
        });
        RunSeconds(1);
        Ok<ReplicaSet>(new Delete("replicasets", "default", "a"));
        RunSeconds(1);
        var pod = Find<Pod>("pods", "shared")!;
        Assert.Null(pod.Metadata!.DeletionTimestamp);
        Assert.Equal(["b"], pod.Metadata.OwnerReferences!.Select(r => r.Name));
    }

    [Fact]
    public void A_node_lease_goes_with_its_node()
    {
        // What the kubelet's SetNodeOwnerFunc makes of the lease it keeps in kube-node-lease: owned by the
        // (cluster-scoped) Node.
        var node = Find<Api.Model.Node>("nodes", "node-1", ns: null)!;
        var lease = Find<Lease>("leases", "node-1", "kube-node-lease")!;
        lease.Metadata!.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = "node-1", Uid = node.Metadata!.Uid }];
        Ok<Lease>(new Update(lease));
        RunSeconds(1);
        Assert.NotNull(Find<Lease>("leases", "node-1", "kube-node-lease"));
        Ok<Api.Model.Node>(new Delete("nodes", null, "node-1"));
        RunSeconds(1);
        Assert.Null(Find<Lease>("leases", "node-1", "kube-node-lease"));
    }

    [Fact]
    public void An_update_that_changes_the_owner_references_is_looked_at_again()
    {
        var owner = Create(NewReplicaSet("owner", 0));
        var pod = Create(new Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new ObjectMeta
            {
                Name = "adopted", Namespace = "default",
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "owner", Uid = owner.Metadata!.Uid }],
            },
            Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
        });
        RunSeconds(1);
        // A status write keeps the references: nothing to look at, and the pod stays.
        pod = Find<Pod>("pods", "adopted")!;
        pod.Status = new PodStatus { Phase = "Running" };
        Ok<Pod>(new Update(pod, "status"));
        RunSeconds(1);
        Assert.Null(Find<Pod>("pods", "adopted")!.Metadata!.DeletionTimestamp);
        // Now an owner that does not exist: the next look deletes it.
        pod = Find<Pod>("pods", "adopted")!;
        pod.Metadata!.OwnerReferences![0].Uid = "no-such-uid";
        Ok<Pod>(new Update(pod));
        RunSeconds(1);
        var after = Find<Pod>("pods", "adopted");
        Assert.True(after is null || after.Metadata!.DeletionTimestamp is not null);
    }
}
