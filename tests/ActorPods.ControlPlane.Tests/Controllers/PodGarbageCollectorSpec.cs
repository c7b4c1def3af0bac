using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class PodGarbageCollectorSpec : ControllerSpec
{
    public PodGarbageCollectorSpec()
    {
        StartControllers("pod-garbage-collector");
    }

    private void PodOn(string name, string? node) => Create(new Pod
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "app", Image = "nginx:1.25" }] },
    });

    [Fact]
    public void Pods_bound_to_a_missing_node_are_deleted_after_the_40_s_quarantine_and_the_others_stay()
    {
        Create(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "node-1" } });
        PodOn("on-ghost-b", "ghost");
        PodOn("on-ghost-a", "ghost");
        PodOn("on-node-1", "node-1");
        PodOn("pending", null);
        // Checks every 20 s: the node is first seen missing at 20 s, still missing 40 s later at 60 s.
        RunSeconds(59);
        Assert.Equal(["on-ghost-a", "on-ghost-b", "on-node-1", "pending"], Pods().Select(p => p.Metadata!.Name));
        RunSeconds(2);
        Assert.Equal(["on-node-1", "pending"], Pods().Select(p => p.Metadata!.Name));
    }
}
