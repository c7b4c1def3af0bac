using ActorPods.Sim.Reports.Timeline;
using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Tests.Reports;

public class TimelineBuilderSpec
{
    private static TimelineModel Build(string text, double? end = null) => TimelineBuilder.Build(TraceReader.Read(text), end);

    [Fact]
    public void A_pod_pending_running_terminating_then_deleted_gives_three_closed_segments()
    {
        var t = Build("""
            {"t":0,"type":"pod","name":"web","phase":"Pending","status":"Pending","ready":"0/1"}
            {"t":1,"type":"pod","name":"web","phase":"Pending","status":"Pending","ready":"0/1"}
            {"t":3,"type":"pod","name":"web","phase":"Running","status":"Running","ready":"1/1"}
            {"t":10,"type":"pod","name":"web","phase":"Running","status":"Terminating","ready":"1/1"}
            {"t":12.5,"type":"pod","name":"web","deleted":true}
            {"t":20,"type":"action","action":"end"}
            """);
        var pod = Assert.Single(t.Pods);
        Assert.Equal("pod/web", pod.Id);
        Assert.Equal(
            [(0.0, 3.0, "Pending", "pending"), (3.0, 10.0, "Running", "running-ready"), (10.0, 12.5, "Terminating", "terminating")],
            pod.Status.Select(s => (s.Start, s.End, s.State, s.Kind)));
        Assert.All(pod.Status, s => Assert.False(s.Open));
        Assert.Equal(12.5, Assert.Single(pod.Markers, m => m.Kind == "deleted").T);
        Assert.Equal(20, t.End);
    }

    [Fact]
    public void The_last_state_stays_open_until_the_end_of_the_run()
    {
        var t = Build("""{"t":4,"type":"pod","ns":"prod","name":"db","status":"Running","ready":"0/1","conditions":{"Ready":false}}""", end: 60);
        var s = Assert.Single(Assert.Single(t.Pods).Status);
        Assert.Equal((4.0, 60.0, true, "running-notready", "Running 0/1"), (s.Start, s.End, s.Open, s.Kind, s.Label));
        Assert.Equal("pod/prod/db", t.Pods[0].Id);
    }

    [Fact]
    public void Container_states_hooks_probes_signals_and_restarts_land_on_the_container_lane()
    {
        var t = Build(SampleTrace.Text);
        var nginx = Assert.Single(t.Pods.Single(p => p.Name == "web").Containers);
        Assert.Equal(["waiting:ContainerCreating", "running", "running", "terminated:Completed"], nginx.States.Select(s => s.State));
        Assert.Equal(26.5, nginx.States[^1].End); // cut by the pod's deletion, not left open
        Assert.Equal([("postStart", 2.0, 2.5), ("preStop", 20.0, 25.0)], nginx.Hooks.Select(h => (h.State, h.Start, h.End)));
        Assert.Equal(3, nginx.Markers.Count(m => m.Kind == "probe-success"));
        Assert.Equal(25, Assert.Single(nginx.Markers, m => m.Kind == "signal-sigterm").T);

        var app = t.Pods.Single(p => p.Name == "crash").Containers.Single();
        Assert.Equal(5, Assert.Single(app.Markers, m => m.Kind == "restart").T);
        Assert.Equal(6, Assert.Single(app.Markers, m => m.Kind == "probe-failure").T);
        Assert.Equal(("waiting:CrashLoopBackOff", "error"), (app.States[^1].State, app.States[^1].Kind));
        Assert.Equal(["Running", "Error", "Running", "CrashLoopBackOff"], t.Pods.Single(p => p.Name == "crash").Status.Select(s => s.State));
    }

    [Fact]
    public void Endpoint_membership_follows_the_pod_ip_in_and_out_of_the_service()
    {
        var web = TimelineBuilder.Build(TraceReader.Read(SampleTrace.Text)).Pods.Single(p => p.Name == "web");
        var ep = Assert.Single(web.Endpoints);
        Assert.Equal("web-svc", ep.Service);
        Assert.Equal([("ready", 5.1, 20.1), ("notReady", 20.1, 26.5)], ep.Segments.Select(s => (s.State, s.Start, s.End)));
        Assert.Empty(TimelineBuilder.Build(TraceReader.Read(SampleTrace.Text)).Pods.Single(p => p.Name == "crash").Endpoints);
    }

    [Fact]
    public void Nodes_show_ready_condition_segments_and_partition_spans()
    {
        var t = Build(SampleTrace.Text);
        var node2 = t.Nodes.Single(n => n.Name == "node-2");
        Assert.Equal([("Ready", 0.0, 52.0), ("Unknown", 52.0, 71.0), ("Ready", 71.0, 90.0)],
            node2.Ready.Select(s => (s.Label, s.Start, s.End)));
        Assert.Equal((12.0, 70.0), (node2.Partitions.Single().Start, node2.Partitions.Single().End));
        Assert.Single(t.Nodes.Single(n => n.Name == "node-1").Partitions);
        Assert.Equal("partition #1 node-2 | control-plane, node-1", Assert.Single(t.Partitions).Label);
    }

    [Fact]
    public void A_partition_never_healed_stays_open_to_the_end_and_cordoned_nodes_say_SchedulingDisabled()
    {
        var t = Build("""
            {"t":0,"type":"node","name":"n1","ready":"True","unschedulable":true}
            {"t":5,"type":"network","change":"partition","id":1,"side":["n1"],"otherSide":null,"oneWay":false,"mode":"drop"}
            """, end: 30);
        Assert.Equal("Ready,SchedulingDisabled", t.Nodes[0].Ready[0].Label);
        var p = t.Nodes[0].Partitions.Single();
        Assert.Equal((5.0, 30.0, true), (p.Start, p.End, p.Open));
    }

    [Theory]
    [InlineData("Pending", "Pending", "0/1", "pending")]
    [InlineData("ContainerCreating", "Pending", "0/1", "creating")]
    [InlineData("Init:0/2", "Pending", "0/1", "creating")]
    [InlineData("PodInitializing", "Pending", "0/1", "creating")]
    [InlineData("Init:CrashLoopBackOff", "Pending", "0/1", "error")]
    [InlineData("Running", "Running", "1/2", "running-notready")]
    [InlineData("Running", "Running", "2/2", "running-ready")]
    [InlineData("CrashLoopBackOff", "Running", "0/1", "error")]
    [InlineData("ImagePullBackOff", "Pending", "0/1", "error")]
    [InlineData("Completed", "Succeeded", "0/1", "succeeded")]
    [InlineData("Evicted", "Failed", "0/1", "failed")]
    [InlineData("Terminating", "Running", "1/1", "terminating")]
    public void Pod_STATUS_strings_get_the_colour_of_their_state(string status, string phase, string ready, string kind)
    {
        var t = Build($$"""{"t":0,"type":"pod","name":"p","status":"{{status}}","phase":"{{phase}}","ready":"{{ready}}"}""");
        Assert.Equal(kind, t.Pods[0].Status[0].Kind);
    }

    [Fact]
    public void A_heal_closes_only_the_partition_with_its_id()
    {
        var t = Build("""
            {"t":0,"type":"node","name":"a","ready":"True"}
            {"t":0,"type":"node","name":"b","ready":"True"}
            {"t":1,"type":"network","change":"partition","id":1,"side":["a"],"otherSide":null,"oneWay":false,"mode":"drop"}
            {"t":2,"type":"network","change":"partition","id":2,"side":["b"],"otherSide":null,"oneWay":true,"mode":"hold"}
            {"t":3,"type":"network","change":"heal","id":1}
            {"t":9,"type":"action","action":"end"}
            """);
        Assert.Equal([(1.0, 3.0, false), (2.0, 9.0, true)], t.Partitions.Select(p => (p.Start, p.End, p.Open)));
        Assert.Equal(3, t.Nodes.Single(n => n.Name == "a").Partitions.Single().End);
    }

    [Fact]
    public void Host_records_give_crash_pause_and_kubelet_spans_and_a_mark_for_every_change()
    {
        var t = Build("""
            {"t":0,"type":"node","name":"n1","ready":"True"}
            {"t":2,"type":"host","name":"n1","change":"kubeletStopped"}
            {"t":4,"type":"host","name":"n1","change":"kubeletStarted"}
            {"t":5,"type":"host","name":"n1","change":"paused"}
            {"t":7,"type":"host","name":"n1","change":"crashed"}
            {"t":9,"type":"host","name":"n1","change":"restarted"}
            {"t":11,"type":"host","name":"n2","change":"crashed"}
            {"t":15,"type":"action","action":"end"}
            """);
        var n1 = t.Nodes.Single(n => n.Name == "n1");
        Assert.Equal([("kubeletStopped", 2.0, 4.0, false), ("paused", 5.0, 7.0, false), ("crashed", 7.0, 9.0, false)],
            n1.Host.Select(s => (s.State, s.Start, s.End, s.Open)));
        Assert.Equal(["host-kubeletStopped", "host-kubeletStarted", "host-paused", "host-crashed", "host-restarted"],
            n1.HostMarks.Select(m => m.Kind));
        var n2 = t.Nodes.Single(n => n.Name == "n2");
        Assert.Equal(("crashed", 11.0, 15.0, true), n2.Host.Select(s => (s.State, s.Start, s.End, s.Open)).Single());
    }

    [Fact]
    public void Link_changes_are_marks_on_the_network_lane_and_a_partition_of_the_control_plane_involves_every_node()
    {
        var t = Build("""
            {"t":0,"type":"node","name":"a","ready":"True"}
            {"t":0,"type":"node","name":"b","ready":"True"}
            {"t":1,"type":"network","change":"link","from":"a","to":"b","latency":"200ms","loss":0.1}
            {"t":2,"type":"network","change":"linkReset","from":"a","to":"b"}
            {"t":3,"type":"network","change":"partition","id":7,"side":["control-plane"],"otherSide":null,"oneWay":true,"mode":"hold"}
            {"t":6,"type":"network","change":"heal","id":7}
            """);
        Assert.Equal([("link", "link a → b: latency 200ms, loss 0.1"), ("link-reset", "link a → b reset to the default")],
            t.NetworkMarks.Select(m => (m.Kind, m.Detail)));
        Assert.Equal("partition #7 control-plane | rest (one-way) (hold)", Assert.Single(t.Partitions).Label);
        Assert.All(t.Nodes, n => Assert.Equal((3.0, 6.0), (n.Partitions.Single().Start, n.Partitions.Single().End)));
    }

    [Fact]
    public void A_running_init_container_is_just_running_not_a_container_that_is_not_ready()
    {
        var t = Build("""
            {"t":0,"type":"container","ns":"dev","pod":"p","container":"wait","init":true,"state":"running","ready":false}
            {"t":0,"type":"container","ns":"dev","pod":"p","container":"app","init":false,"state":"running","ready":false}
            """);
        var containers = t.Pods.Single().Containers;
        Assert.Equal([("wait", "running", "running-ready"), ("app", "running (not ready)", "running-notready")],
            containers.Select(c => (c.Name, c.States.Single().Label, c.States.Single().Kind)));
    }

    [Fact]
    public void Taints_added_while_a_node_stays_Unknown_are_marks_on_one_bar_and_its_pod_reads_not_Ready()
    {
        var t = Build("""
            {"t":0,"type":"node","name":"n1","ready":"True","unschedulable":false,"taints":[]}
            {"t":0,"type":"pod","name":"web","node":"n1","phase":"Running","ready":"1/1","status":"Running","conditions":{"Ready":true}}
            {"t":65,"type":"node","name":"n1","ready":"Unknown","unschedulable":false,"taints":[]}
            {"t":65,"type":"pod","name":"web","node":"n1","phase":"Running","ready":"1/1","status":"Running","conditions":{"Ready":false}}
            {"t":65,"type":"node","name":"n1","ready":"Unknown","unschedulable":false,"taints":["node.kubernetes.io/unreachable:NoSchedule"]}
            {"t":70,"type":"node","name":"n1","ready":"Unknown","unschedulable":false,"taints":["node.kubernetes.io/unreachable:NoSchedule","node.kubernetes.io/unreachable:NoExecute"]}
            {"t":90,"type":"action","action":"end"}
            """);
        var node = t.Nodes.Single();
        Assert.Equal([("Ready", 0.0, 65.0), ("Unknown", 65.0, 90.0)], node.Ready.Select(s => (s.Label, s.Start, s.End)));
        Assert.Equal([65.0, 70.0], node.Markers.Select(m => m.T));
        Assert.Contains("unreachable:NoExecute", node.Markers[1].Detail);
        Assert.Equal(["Running 1/1", "Running 1/1, pod not Ready"], t.Pods.Single().Status.Select(s => s.Label));
    }
}
