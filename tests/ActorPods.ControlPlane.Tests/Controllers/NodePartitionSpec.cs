using ActorPods.Api.Model;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

/// <summary>A node falls silent: node lifecycle, taint eviction and the ReplicaSet controller together, on the 1.32 timeline.</summary>
public sealed class NodePartitionSpec : ControllerSpec
{
    public NodePartitionSpec()
    {
        StartControllers();
        StartBinder();
        AddNode("node-1");
        AddNode("node-2");
    }

    private Node Node(string name) => Find<Node>("nodes", name, null)!;

    private static NodeCondition Condition(Node n, string type) => n.Status!.Conditions!.Single(c => c.Type == type);

    private List<Pod> PodsOn(string node) => Pods().Where(p => p.Spec!.NodeName == node).ToList();

    private List<Taint> Taints(string node) => Node(node).Spec?.Taints ?? [];

    /// <summary>Starts 4 replicas (2 per node) and partitions node-1 just after its renewal at 30 s.</summary>
    private List<Pod> PartitionWithPods()
    {
        Create(NewReplicaSet("web", 4));
        RunSeconds(30.5);
        var onNode1 = PodsOn("node-1");
        Assert.Equal(2, onNode1.Count);
        Assert.All(Pods(), p => Assert.True(IsReady(p)));
        // DefaultTolerationSeconds admission gave every pod 300 s for both NoExecute taints.
        Assert.Contains(onNode1[0].Spec!.Tolerations!, t => t is { Key: "node.kubernetes.io/unreachable", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: 300 });
        Kubelet("node-1").Tell(new FakeKubelet.Partition());
        return onNode1;
    }

    [Fact]
    public void A_silent_node_goes_Unknown_after_the_grace_period_is_tainted_and_its_pods_evicted_after_300_seconds_then_stuck_Terminating_until_it_heals()
    {
        var victims = PartitionWithPods();
        var lastRenew = TimeSpan.FromSeconds(30);

        var unknownAt = RunUntil(() => Condition(Node("node-1"), "Ready").Status == "Unknown", TimeSpan.FromSeconds(90));
        Assert.InRange((unknownAt - lastRenew).TotalSeconds, 50, 55.1);
        var node = Node("node-1");
        foreach (var type in new[] { "Ready", "MemoryPressure", "DiskPressure", "PIDPressure" })
        {
            var c = Condition(node, type);
            Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (c.Status, c.Reason, c.Message));
        }
        Assert.Equal("True", Condition(Node("node-2"), "Ready").Status);
        Assert.Contains(Events("NodeNotReady"), e => e.InvolvedObject!.Kind == "Node" && e.Message == "Node node-1 status is now: NodeNotReady" && e.Source!.Component == "node-controller");

        RunSeconds(0.2);
        Assert.Contains(Taints("node-1"), t => t is { Key: "node.kubernetes.io/unreachable", Effect: "NoSchedule" });
        // Pods: Ready=False, phase untouched, a Warning each.
        foreach (var pod in PodsOn("node-1"))
        {
            Assert.False(IsReady(pod));
            Assert.Equal("Running", pod.Status!.Phase);
            Assert.Contains(Events("NodeNotReady"), e => e.InvolvedObject!.Name == pod.Metadata!.Name && e.Type == "Warning" && e.Message == "Node is not ready");
        }
        var taintedAt = RunUntil(() => Taints("node-1").Any(t => t is { Key: "node.kubernetes.io/unreachable", Effect: "NoExecute" }), TimeSpan.FromSeconds(10));
        Assert.InRange((taintedAt - unknownAt).TotalSeconds, 4.9, 5.2); // on the next monitor pass
        Assert.Empty(Events("TaintManagerEviction"));

        var evictedAt = RunUntil(() => Events("TaintManagerEviction").Count == 2, TimeSpan.FromSeconds(310));
        Assert.InRange((evictedAt - taintedAt).TotalSeconds, 299.9, 300.2);
        Assert.Equal(victims.Select(p => $"Marking for deletion Pod default/{p.Metadata!.Name}").Order(), Events("TaintManagerEviction").Select(e => e.Message).Order());
        Assert.All(Events("TaintManagerEviction"), e => Assert.Equal(("Normal", "taint-eviction-controller"), (e.Type, e.Source!.Component)));
        RunSeconds(1);
        foreach (var victim in victims)
        {
            var pod = Find<Pod>("pods", victim.Metadata!.Name!)!;
            Assert.NotNull(pod.Metadata!.DeletionTimestamp);
            var c = pod.Status!.Conditions!.Single(x => x.Type == "DisruptionTarget");
            Assert.Equal(("True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"), (c.Status, c.Reason, c.Message));
        }
        // Replacements came up on node-2 at once; the originals stay Terminating: nobody confirms their end.
        RunSeconds(10);
        Assert.Equal(4, PodsOn("node-2").Count(p => p.Metadata!.DeletionTimestamp is null && IsReady(p)));
        Assert.Equal(victims.Select(p => p.Metadata!.Name), PodsOn("node-1").Select(p => p.Metadata!.Name));
        RunSeconds(600);
        Assert.Equal(2, PodsOn("node-1").Count(p => p.Metadata!.DeletionTimestamp is not null));

        Kubelet("node-1").Tell(new FakeKubelet.Heal());
        RunSeconds(10);
        Assert.Empty(PodsOn("node-1"));
        Assert.Equal("True", Condition(Node("node-1"), "Ready").Status);
        Assert.Empty(Taints("node-1"));
        Assert.Equal(4, Pods().Count);
    }

    [Fact]
    public void A_node_that_returns_before_the_tolerations_run_out_keeps_its_pods_and_the_evictions_are_cancelled()
    {
        var pods = PartitionWithPods();
        RunUntil(() => Taints("node-1").Any(t => t.Effect == "NoExecute"), TimeSpan.FromSeconds(90));
        RunSeconds(120);
        Kubelet("node-1").Tell(new FakeKubelet.Heal());
        RunSeconds(10);
        Assert.Empty(Taints("node-1"));
        Assert.Equal(pods.Select(p => $"Cancelling deletion of Pod default/{p.Metadata!.Name}").Order(), Events("TaintManagerEviction").Select(e => e.Message).Order());
        RunSeconds(400);
        Assert.Equal(pods.Select(p => p.Metadata!.Name), PodsOn("node-1").Select(p => p.Metadata!.Name));
        Assert.All(Pods(), p => Assert.True(IsReady(p) && p.Metadata!.DeletionTimestamp is null));
        Assert.Equal(4, Pods().Count);
    }

    [Fact]
    public void Each_pod_is_evicted_when_its_own_shortest_toleration_runs_out()
    {
        Pod Bound(string name, params Toleration[] tolerations) => new()
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new PodSpec { NodeName = "node-1", Containers = [new Container { Name = "app", Image = "nginx" }], Tolerations = [.. tolerations] },
        };
        Create(Bound("short", new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 20 }));
        Create(Bound("forever", new Toleration { Operator = "Exists" }));
        Create(Bound("default"));
        RunSeconds(30.5);
        Kubelet("node-1").Tell(new FakeKubelet.Partition());
        var tainted = RunUntil(() => Taints("node-1").Any(t => t.Effect == "NoExecute"), TimeSpan.FromSeconds(90));
        var shortAt = RunUntil(() => Find<Pod>("pods", "short")!.Metadata!.DeletionTimestamp is not null, TimeSpan.FromSeconds(30));
        Assert.InRange((shortAt - tainted).TotalSeconds, 19.9, 20.3);
        var defaultAt = RunUntil(() => Find<Pod>("pods", "default")!.Metadata!.DeletionTimestamp is not null, TimeSpan.FromSeconds(300));
        Assert.InRange((defaultAt - tainted).TotalSeconds, 299.9, 300.3);
        RunSeconds(1000);
        Assert.Null(Find<Pod>("pods", "forever")!.Metadata!.DeletionTimestamp);
    }

    [Fact]
    public void Deleting_the_Node_of_a_lost_node_lets_the_pod_GC_force_delete_its_stuck_pods()
    {
        var victims = PartitionWithPods();
        RunUntil(() => victims.All(v => Find<Pod>("pods", v.Metadata!.Name!)!.Metadata!.DeletionTimestamp is not null), TimeSpan.FromSeconds(400));
        Ok<Node>(new ActorPods.ControlPlane.ApiServer.Delete("nodes", null, "node-1"));
        var start = T;
        var gone = RunUntil(() => PodsOn("node-1").Count == 0, TimeSpan.FromSeconds(90));
        // Seen missing on one 20 s pass, still missing after the 40 s quarantine on a later one.
        Assert.InRange((gone - start).TotalSeconds, 40, 80.2);
        Assert.Equal(4, Pods().Count(p => p.Spec!.NodeName == "node-2"));
    }
}
