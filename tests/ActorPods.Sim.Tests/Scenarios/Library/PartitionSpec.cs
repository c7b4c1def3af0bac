using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>
/// config/scenarios/partition-*.yaml: node-2 cut off at 60s. What the trace must show beyond the scenario's own
/// expectations: the node's Ready condition as the node lifecycle controller sets it, and the pod's Ready condition
/// taken away while the node is unreachable and restored by the kubelet after the heal.
/// </summary>
public sealed class PartitionSpec
{
    private const string PodOnNode2 = "web-75c74d9796-tghlp";

    [Fact]
    public void A_partition_longer_than_the_toleration_gets_the_pod_replaced_on_a_reachable_node()
    {
        var outcome = RepoScenarios.RunPassing("partition-pods-rescheduled.yaml");
        var node2 = NodeReady(outcome, "node-2");
        // Unknown 50s after the last lease renewal (node-monitor-grace-period), checked every 5s.
        Assert.Contains(node2, r => r.Ready == "Unknown" && r.T >= 100 && r.T <= 115);
        Assert.Contains(node2, r => r.Ready == "True" && r.T >= 660 && r.T <= 675);

        var replacement = outcome.Of("pod", "web-75c74d9796-mqd67").First(r => r.String("node") is not null);
        Assert.NotEqual("node-2", replacement.String("node"));
        // The evicted pod is only gone after the heal: its kubelet had to confirm the containers stopped.
        var gone = outcome.Of("pod", PodOnNode2).Single(r => r.Bool("deleted") == true);
        Assert.InRange(gone.T.TotalSeconds, 660, 675);
    }

    [Fact]
    public void A_partition_healed_before_the_toleration_keeps_the_pod_and_restores_its_Ready_condition()
    {
        var outcome = RepoScenarios.RunPassing("partition-heals-before-eviction.yaml");
        var views = new PodViews();
        var ready = outcome.Of("pod", PodOnNode2).Select(r => (T: r.T.TotalSeconds, Ready: views.Apply(r)!.ReadyCondition)).ToList();
        Assert.Contains(ready, r => r.Ready == false && r.T is >= 100 and <= 115);
        var afterHeal = ready.Where(r => r.T >= 180).ToList();
        Assert.NotEmpty(afterHeal);
        Assert.True(afterHeal[^1].Ready, "the kubelet restores Ready=True once it reaches the api-server again");
        Assert.InRange(afterHeal.First(r => r.Ready == true).T, 180, 215);
        Assert.Contains(NodeReady(outcome, "node-2"), r => r.Ready == "True" && r.T is >= 180 and <= 195);
    }

    private static List<(double T, string? Ready)> NodeReady(RunOutcome outcome, string node) =>
        outcome.Trace.Where(r => r.Type == "node" && r.String("name") == node).Select(r => (r.T.TotalSeconds, r.String("ready"))).ToList();
}
