using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>
/// The kubelet across a network partition between its node and the api-server: what is lost meanwhile (watch
/// events, status writes, lease renewals) is recovered after the heal by re-watching from the last resourceVersion
/// (or relisting on 410) and by the status manager's reconcile.
/// </summary>
public sealed class KubeletConnectivitySpec : PartitionedNodeSpec
{
    private string? ReadyStatus(string pod) => Get(pod)!.Status!.Conditions!.Single(c => c.Type == "Ready").Status;

    /// <summary>What the node lifecycle controller does to the pods of an unreachable node (MarkPodsNotReady).</summary>
    private void MarkNotReady(string name)
    {
        var pod = Get(name)!;
        var ready = pod.Status!.Conditions!.Single(c => c.Type == "Ready");
        ready.Status = "False";
        ready.LastTransitionTime = Sys.Now;
        Assert.True(Call(new Update(pod, "status")).IsSuccess);
    }

    private DateTimeOffset? LeaseRenewed()
    {
        var r = Call(new Get("Lease", "kube-node-lease", NodeName));
        return ((Lease)r.Object!).Spec!.RenewTime;
    }

    [Fact]
    public void A_running_pods_status_is_not_rewritten_by_the_periodic_reconcile()
    {
        Run(Sleeper("quiet"));
        RunUntil(20);
        var versions = Log.Pods.Count(p => p.Pod.Meta.Name == "quiet");
        RunUntil(200);
        Assert.Equal(versions, Log.Pods.Count(p => p.Pod.Meta.Name == "quiet"));
    }

    [Fact]
    public void After_a_partition_the_kubelet_replays_what_it_missed_and_restores_the_status_it_owns()
    {
        Run(Sleeper("web"));
        Run(Sleeper("doomed"));
        RunUntil(20);
        Assert.Equal("True", ReadyStatus("web"));

        Network.Partitioned = true;
        RunUntil(25);
        MarkNotReady("web");
        Delete("doomed");
        RunUntil(79);
        // Nothing crossed: the kubelet neither renewed its lease nor heard of the deletion.
        Assert.True(LeaseRenewed() < Sys.Now - TimeSpan.FromSeconds(40));
        Assert.Equal("False", ReadyStatus("web"));
        Assert.NotNull(Get("doomed"));
        Assert.Empty(EventsWith("Killing"));
        Assert.True(Network.Dropped > 0);

        Network.Partitioned = false;
        RunUntil(80 + 30);
        Assert.Equal("True", ReadyStatus("web"));
        Assert.Null(Get("doomed"));
        var killing = Assert.Single(EventsWith("Killing"));
        // The lease's retry chain notices the heal: renewals from 30 s on are Updates that time out after 10 s each;
        // the fifth, sent at 70 s, times out at 80 s, the GET of backoffEnsureLease that follows is answered, and the
        // watches reopen from where they were.
        Assert.Equal(TimeSpan.FromSeconds(80), killing.At);
        Assert.True(LeaseRenewed() > Sys.Now - TimeSpan.FromSeconds(11));
        Assert.Equal(0, Get("web")!.Status!.ContainerStatuses!.Single().RestartCount);
    }

    [Fact]
    public void A_status_change_made_during_the_partition_reaches_the_api_server_after_the_heal()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: short
            spec:
              restartPolicy: Never
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 30"]
            """));
        RunUntil(10);
        Assert.Equal("Running", Get("short")!.Status!.Phase);
        Network.Partitioned = true;
        RunUntil(60);
        Assert.Equal("Running", Get("short")!.Status!.Phase);
        Network.Partitioned = false;
        RunUntil(90);
        var pod = Get("short")!;
        Assert.Equal("Succeeded", pod.Status!.Phase);
        Assert.Equal("Completed", pod.Status.ContainerStatuses!.Single().State!.Terminated!.Reason);
    }
}

/// <summary>The same partition with a short watch history: the kubelet's version is compacted away, so it relists.</summary>
public sealed class KubeletRelistSpec() : PartitionedNodeSpec(watchHistory: 5)
{
    [Fact]
    public void A_pod_deleted_for_good_while_the_node_was_cut_off_is_stopped_after_the_relist()
    {
        Run(Sleeper("web"));
        Run(Sleeper("doomed"));
        RunUntil(20);

        Network.Partitioned = true;
        RunUntil(25);
        Delete("doomed", grace: 0);
        // Enough changes to push the kubelet's last resourceVersion out of the history.
        for (var i = 0; i < 8; i++)
        {
            var other = Sleeper($"elsewhere-{i}");
            other.Spec!.NodeName = "node-2";
            Assert.True(Call(new Create(other)).IsSuccess);
        }
        RunUntil(79);

        Network.Partitioned = false;
        RunUntil(80 + 30);
        var exec = Exec("doomed", "app", "true");
        Assert.Equal(-1, exec.ExitCode);
        Assert.Contains("not found", exec.Error);
        Assert.Equal(0, Exec("web", "app", "true").ExitCode);
        Assert.Single(EventsWith("Killing"));
    }
}

/// <summary>The node's own status after a partition during which the node lifecycle controller gave up on it.</summary>
public sealed class KubeletNodeStatusAfterPartitionSpec : PartitionedNodeSpec
{
    [Fact]
    public void The_kubelet_sets_Ready_back_to_True_with_a_new_transition_time_and_keeps_the_others()
    {
        RunUntil(20);
        Network.Partitioned = true;
        RunUntil(70);
        // What the node lifecycle controller writes when the lease expired.
        var node = (Api.Model.Node)Call(new Get("Node", null, NodeName)).Object!;
        var ready = node.Status!.Conditions!.Single(c => c.Type == "Ready");
        var bootTransition = ready.LastTransitionTime;
        var markedAt = Sys.Now;
        (ready.Status, ready.Reason, ready.Message, ready.LastTransitionTime) = ("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", markedAt);
        Assert.True(Call(new Update(node, "status")).IsSuccess);

        Network.Partitioned = false;
        RunUntil(100);
        node = (Api.Model.Node)Call(new Get("Node", null, NodeName)).Object!;
        ready = node.Status!.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady"), (ready.Status, ready.Reason));
        Assert.True(ready.LastTransitionTime > markedAt, $"{ready.LastTransitionTime}");
        Assert.Equal(bootTransition, node.Status.Conditions!.Single(c => c.Type == "MemoryPressure").LastTransitionTime);
        Assert.True(node.Status.Conditions!.Single(c => c.Type == "MemoryPressure").LastHeartbeatTime > markedAt);
    }
}
