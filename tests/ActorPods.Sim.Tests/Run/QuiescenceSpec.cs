using ActorPods.Sim.Run;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Run;

public sealed class QuiescenceSpec
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static TraceRecord Pod(double t, string name, string node, string status, string phase = "Running") =>
        new(TimeSpan.FromSeconds(t), "pod", new TraceFields().Add("ns", "default").Add("name", name).Add("node", node)
            .Add("phase", phase).Add("ready", "1/1").Add("status", status).Add("restarts", 0L).Build());

    private static TraceRecord Node(double t, string name, string ready) =>
        new(TimeSpan.FromSeconds(t), "node", new TraceFields().Add("name", name).Add("ready", ready).Add("unschedulable", false)
            .Add("taints", new List<string>()).Build());

    [Fact]
    public void A_cluster_whose_pods_run_on_Ready_nodes_is_quiet_after_the_settle_window()
    {
        var q = new Quiescence(Settle);
        q.Observe(Node(0, "node-1", "True"));
        q.Observe(Pod(3, "web", "node-1", "Running"));
        Assert.False(q.IsQuiet(TimeSpan.FromSeconds(62), 0, TimeSpan.Zero));
        Assert.True(q.IsQuiet(TimeSpan.FromSeconds(63), 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_live_pod_on_a_node_that_is_not_Ready_keeps_the_run_going_until_it_is_evicted()
    {
        var q = new Quiescence(Settle);
        q.Observe(Node(0, "node-1", "True"));
        q.Observe(Pod(3, "web", "node-1", "Running"));
        q.Observe(Node(105, "node-1", "Unknown"));
        // Long after the last change the taint manager still has the pod's 300 s toleration running.
        Assert.False(q.IsQuiet(TimeSpan.FromSeconds(300), 0, TimeSpan.Zero));
        // Evicted: Terminating is transient as well; once gone, nothing more can happen.
        q.Observe(Pod(410, "web", "node-1", "Terminating"));
        Assert.False(q.IsQuiet(TimeSpan.FromSeconds(500), 0, TimeSpan.Zero));
        q.Observe(new TraceRecord(TimeSpan.FromSeconds(420), "pod", new TraceFields().Add("ns", "default").Add("name", "web").Add("deleted", true).Build()));
        Assert.True(q.IsQuiet(TimeSpan.FromSeconds(480), 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_finished_pod_on_a_lost_node_does_not_hold_the_run()
    {
        var q = new Quiescence(Settle);
        q.Observe(Pod(3, "job", "node-1", "Completed", phase: "Succeeded"));
        q.Observe(Node(105, "node-1", "Unknown"));
        Assert.True(q.IsQuiet(TimeSpan.FromSeconds(165), 0, TimeSpan.Zero));
    }
}
