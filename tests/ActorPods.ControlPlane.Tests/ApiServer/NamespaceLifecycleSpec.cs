using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>Namespace deletion: Terminating, content deleted (pods gracefully), then the namespace goes.</summary>
public sealed class NamespaceLifecycleSpec : ApiServerSpec
{
    private void CreateNamespace(string name) => Ok<Namespace>(new Create(new Namespace { Metadata = new ObjectMeta { Name = name } }));

    [Fact]
    public void Deleting_a_namespace_deletes_its_content_and_then_the_namespace()
    {
        CreateNamespace("dev");
        Ok<Pod>(new Create(NewPod("pending", "dev")));
        var running = Ok<Pod>(new Create(NewPod("running", "dev", node: "node-1")));
        Ok<ConfigMap>(new Create(new ConfigMap { Metadata = new ObjectMeta { Name = "cfg", Namespace = "dev" } }));
        Ok<Pod>(new Create(NewPod("elsewhere", node: "node-1")));
        var nsWatch = CreateTestProbe();
        StartWatch(nsWatch, new Watch("namespaces", FieldSelector: "metadata.name=dev", ResourceVersion: ListOf("pods").ResourceVersion));

        var terminating = Ok<Namespace>(new Delete("namespaces", null, "dev"));
        Assert.Equal("Terminating", terminating.Status!.Phase);
        Assert.NotNull(terminating.Metadata!.DeletionTimestamp);
        Assert.Equal(WatchEventType.Modified, nsWatch.ExpectMsg<WatchEvent>().Type);

        // The running pod waits for its kubelet; the rest is gone.
        Assert.Equal(["running"], ListOf("pods", "dev").Items.Select(p => p.Metadata!.Name));
        Assert.NotNull(ListOf("pods", "dev").Items[0].Metadata!.DeletionTimestamp);
        Assert.Empty(ListOf("configmaps", "dev").Items);
        Assert.Single(ListOf("pods", "default").Items);
        var status = Ok<Namespace>(new Get("namespaces", null, "dev")).Status!;
        Assert.Equal("Terminating", status.Phase);
        var remaining = status.Conditions!.Single(c => c.Type == "NamespaceContentRemaining");
        Assert.Equal(("True", "SomeResourcesRemain", "Some resources are remaining: pods. has 1 resource instances"),
            (remaining.Status, remaining.Reason, remaining.Message));
        var discovery = status.Conditions!.Single(c => c.Type == "NamespaceDeletionDiscoveryFailure");
        Assert.Equal(("False", "ResourcesDiscovered"), (discovery.Status, discovery.Reason));
        Assert.Equal(5, status.Conditions!.Count);
        Assert.Equal(WatchEventType.Modified, nsWatch.ExpectMsg<WatchEvent>().Type);

        var refused = Fails(new Create(NewPod("late", "dev")));
        Assert.Equal(403, refused.Code);
        Assert.Equal("pods \"late\" is forbidden: unable to create new content in namespace dev because it is being terminated", refused.Message);

        Ok<Pod>(new Delete("pods", "dev", "running", 0, new Preconditions(Uid: running.Metadata!.Uid)));
        var finalized = nsWatch.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Modified, finalized.Type);
        Assert.Null(((Namespace)finalized.Object!).Spec!.Finalizers);
        Assert.Equal(WatchEventType.Deleted, nsWatch.ExpectMsg<WatchEvent>().Type);
        Assert.Equal("namespaces \"dev\" not found", Fails(new Get("namespaces", null, "dev")).Message);
    }

    [Fact]
    public void An_empty_namespace_disappears_right_after_the_delete()
    {
        CreateNamespace("empty");
        Ok<Namespace>(new Delete("ns", null, "empty"));
        AwaitAssert(() => Assert.Equal(404, Fails(new Get("ns", null, "empty")).Code));
    }

    [Fact]
    public void The_system_namespaces_may_not_be_deleted()
    {
        var e = Fails(new Delete("namespaces", null, "default"));
        Assert.Equal(403, e.Code);
        Assert.Equal("namespaces \"default\" is forbidden: this namespace may not be deleted", e.Message);
    }

    [Fact]
    public void Deleting_a_terminating_namespace_again_is_a_Conflict()
    {
        CreateNamespace("dev");
        Ok<Pod>(new Create(NewPod("running", "dev", node: "node-1")));
        Ok<Namespace>(new Delete("namespaces", null, "dev"));
        var e = Fails(new Delete("namespaces", null, "dev"));
        Assert.Equal(409, e.Code);
        Assert.Equal("Operation cannot be fulfilled on namespaces \"dev\": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.", e.Message);
    }

    [Fact]
    public void A_new_namespace_gets_the_kubernetes_finalizer_and_phase_Active()
    {
        CreateNamespace("dev");
        var ns = Ok<Namespace>(new Get("namespaces", null, "dev"));
        Assert.Equal(["kubernetes"], ns.Spec!.Finalizers!);
        Assert.Equal("Active", ns.Status!.Phase);
    }
}
