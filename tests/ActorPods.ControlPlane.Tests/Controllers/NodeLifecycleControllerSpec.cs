using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class NodeLifecycleControllerSpec : ControllerSpec
{
    public NodeLifecycleControllerSpec()
    {
        StartControllers("node-lifecycle-controller", "taint-eviction-controller");
    }

    private Node Node(string name) => Find<Node>("nodes", name, null)!;

    private List<Taint> Taints(string node) => Node(node).Spec?.Taints ?? [];

    private void SetCondition(string node, string type, string status, string reason)
    {
        var n = Node(node);
        var c = n.Status!.Conditions!.Single(x => x.Type == type);
        c.Status = status;
        c.Reason = reason;
        c.LastHeartbeatTime = Now;
        c.LastTransitionTime = Now;
        Ok<Node>(new Update(n, "status"));
    }

    private DateTimeOffset Now => Epoch + T;

    [Fact]
    public void A_node_that_never_posts_status_goes_Unknown_with_NodeStatusNeverUpdated_after_the_startup_grace_period()
    {
        Create(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "ghost" } });
        RunSeconds(59);
        Assert.Null(Node("ghost").Status?.Conditions);
        RunSeconds(6);
        var conditions = Node("ghost").Status!.Conditions!;
        Assert.Equal(["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"], conditions.Select(c => c.Type));
        Assert.All(conditions, c => Assert.Equal(("Unknown", "NodeStatusNeverUpdated", "Kubelet never posted node status."), (c.Status, c.Reason, c.Message)));
        RunSeconds(6);
        Assert.Contains(Taints("ghost"), t => t is { Key: "node.kubernetes.io/unreachable", Effect: "NoExecute" });
        Assert.Contains(Taints("ghost"), t => t is { Key: "node.kubernetes.io/unreachable", Effect: "NoSchedule" });
    }

    [Fact]
    public void Nodes_that_come_and_go_after_the_first_monitor_passes_are_watched_from_the_next_pass()
    {
        AddNode("node-1");
        // Two passes over node-1 alone: the pass's order of nodes is settled.
        RunSeconds(12);
        Create(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "ghost-a" } });
        Create(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "ghost-b" } });
        Ok<Node>(new Delete("nodes", null, "ghost-a"));
        RunSeconds(65);
        Assert.Null(Find<Node>("nodes", "ghost-a", null));
        Assert.Equal("Unknown", Node("ghost-b").Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", Node("node-1").Status!.Conditions!.Single(c => c.Type == "Ready").Status);
    }

    [Fact]
    public void A_node_reporting_Ready_False_gets_the_not_ready_taints_and_loses_them_when_Ready_again()
    {
        AddNode("node-1");
        RunSeconds(12);
        Assert.Empty(Taints("node-1"));
        SetCondition("node-1", "Ready", "False", "KubeletNotReady");
        RunSeconds(0.1);
        Assert.Equal(["node.kubernetes.io/not-ready:NoSchedule"], Taints("node-1").Select(t => $"{t.Key}:{t.Effect}"));
        Assert.NotNull(Taints("node-1")[0].TimeAdded);
        RunSeconds(5);
        Assert.Contains(Taints("node-1"), t => t is { Key: "node.kubernetes.io/not-ready", Effect: "NoExecute" });
        // The kubelet is alive (the lease is renewed): no Unknown.
        RunSeconds(60);
        Assert.Equal("False", Node("node-1").Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        SetCondition("node-1", "Ready", "True", "KubeletReady");
        RunSeconds(5.1);
        Assert.Empty(Taints("node-1"));
    }

    [Fact]
    public void Pressure_conditions_and_unschedulable_map_to_NoSchedule_taints()
    {
        AddNode("node-1");
        RunSeconds(1);
        SetCondition("node-1", "MemoryPressure", "True", "KubeletHasInsufficientMemory");
        Ok<Node>(new Patch("nodes", null, "node-1", """{"spec":{"unschedulable":true}}"""));
        RunSeconds(0.1);
        Assert.Equal(["node.kubernetes.io/memory-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"],
            Taints("node-1").Select(t => $"{t.Key}:{t.Effect}").Order());
        Ok<Node>(new Patch("nodes", null, "node-1", """{"spec":{"unschedulable":false}}"""));
        RunSeconds(0.1);
        Assert.Equal(["node.kubernetes.io/memory-pressure:NoSchedule"], Taints("node-1").Select(t => $"{t.Key}:{t.Effect}"));
    }

    [Fact]
    public void A_pod_that_does_not_tolerate_a_NoExecute_taint_is_evicted_at_once()
    {
        AddNode("node-1");
        Create(new Pod
        {
            ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
            Spec = new PodSpec { NodeName = "node-1", Containers = [new Container { Name = "app", Image = "nginx" }] },
        });
        RunSeconds(2);
        Ok<Node>(new Patch("nodes", null, "node-1", """{"spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoExecute"}]}}"""));
        RunSeconds(0.1);
        Assert.Equal(["Marking for deletion Pod default/p"], Events("TaintManagerEviction").Select(e => e.Message));
        Assert.NotNull(Find<Pod>("pods", "p")!.Metadata!.DeletionTimestamp);
    }
}
