using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Scheduling;
using ActorPods.ControlPlane.Tests.ApiServer;

namespace ActorPods.ControlPlane.Tests.Scheduling;

/// <summary>The scheduler against a real api-server with admission, in virtual time.</summary>
public sealed class SchedulerSpec : ApiServerSpec
{
    public SchedulerSpec() : base(new ApiServerOptions { Admission = new PodBindingAdmission(KubeAdmission.Instance) })
    {
        Sys.ActorOf(SchedulerActor.CreateProps(Api), "scheduler");
    }

    [Fact]
    public void A_pod_is_bound_to_the_least_allocated_node_with_ties_broken_by_name()
    {
        AddNode("node-2");
        AddNode("node-1");
        AddNode("node-3");
        Ok<Pod>(new Create(PodRequesting("a", "1")));
        Settle();
        Assert.Equal("node-1", NodeOf("a"));
        Ok<Pod>(new Create(PodRequesting("b", "1")));
        Settle();
        Assert.Equal("node-2", NodeOf("b"));
        Ok<Pod>(new Create(PodRequesting("c", "500m")));
        Settle();
        Assert.Equal("node-3", NodeOf("c"));
    }

    [Fact]
    public void Binding_sets_PodScheduled_true_and_records_the_Scheduled_event_from_default_scheduler()
    {
        AddNode("node-1");
        Ok<Pod>(new Create(NewPod("web")));
        Settle();
        var pod = Ok<Pod>(new Get("pods", "default", "web"));
        var condition = Assert.Single(pod.Status!.Conditions!, c => c.Type == "PodScheduled");
        Assert.Equal("True", condition.Status);
        var ev = Assert.Single(Events(), e => e.Reason == "Scheduled");
        Assert.Equal("Successfully assigned default/web to node-1", ev.Message);
        Assert.Equal("default-scheduler", ev.Source!.Component);
        Assert.Equal("Normal", ev.Type);
    }

    [Fact]
    public void A_pod_too_big_for_every_node_gets_FailedScheduling_with_kube_schedulers_words()
    {
        AddNode("node-1");
        AddNode("node-2");
        AddNode("node-3");
        Ok<Pod>(new Create(PodRequesting("big", "64")));
        Settle();
        Assert.Null(NodeOf("big"));
        const string expected = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..";
        var ev = Assert.Single(Events(), e => e.Reason == "FailedScheduling");
        Assert.Equal(expected, ev.Message);
        Assert.Equal("Warning", ev.Type);
        var condition = Assert.Single(Ok<Pod>(new Get("pods", "default", "big")).Status!.Conditions!, c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable", expected), (condition.Status, condition.Reason, condition.Message));
    }

    [Fact]
    public void Node_selector_mismatches_and_resource_shortages_are_counted_separately()
    {
        AddNode("node-1", labels: new() { ["disk"] = "ssd" });
        AddNode("node-2");
        var pod = PodRequesting("p", "64");
        pod.Spec!.NodeSelector = new() { ["disk"] = "ssd" };
        Ok<Pod>(new Create(pod));
        Settle();
        var ev = Assert.Single(Events(), e => e.Reason == "FailedScheduling");
        Assert.Equal("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. " +
                     "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling..",
            ev.Message);
    }

    [Fact]
    public void A_node_selector_picks_the_matching_node()
    {
        AddNode("node-1");
        AddNode("node-2", labels: new() { ["zone"] = "b" });
        var pod = NewPod("z");
        pod.Spec!.NodeSelector = new() { ["zone"] = "b" };
        Ok<Pod>(new Create(pod));
        Settle();
        Assert.Equal("node-2", NodeOf("z"));
    }

    [Fact]
    public void Not_ready_and_unschedulable_nodes_are_filtered()
    {
        AddNode("node-1", ready: false);
        AddNode("node-2", unschedulable: true);
        Ok<Pod>(new Create(NewPod("w")));
        Settle();
        Assert.Null(NodeOf("w"));
        var ev = Assert.Single(Events(), e => e.Reason == "FailedScheduling");
        Assert.Equal("0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. " +
                     "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..", ev.Message);
    }

    [Fact]
    public void An_unschedulable_pod_is_retried_when_a_node_appears()
    {
        AddNode("node-1");
        Ok<Pod>(new Create(PodRequesting("big", "8")));
        Settle();
        Assert.Null(NodeOf("big"));
        AddNode("node-2", cpu: "16");
        Settle();
        Assert.Equal("node-2", NodeOf("big"));
    }

    [Fact]
    public void Deleting_a_pod_frees_its_requests_for_a_waiting_one()
    {
        AddNode("node-1", cpu: "2");
        Ok<Pod>(new Create(PodRequesting("first", "2")));
        Settle();
        Ok<Pod>(new Create(PodRequesting("second", "2")));
        Settle();
        Assert.Null(NodeOf("second"));
        Ok<Pod>(new Delete("pods", "default", "first", GracePeriodSeconds: 0));
        Settle();
        Assert.Equal("node-1", NodeOf("second"));
    }

    [Fact]
    public void A_new_pod_is_scheduled_at_once_while_another_waits_out_its_backoff()
    {
        AddNode("node-1", cpu: "2");
        Ok<Pod>(new Create(PodRequesting("big", "8")));
        Sys.Advance(TimeSpan.FromSeconds(5));
        AddNode("node-2", cpu: "2");
        Sys.Advance(TimeSpan.FromMilliseconds(1));
        // big has just failed again (backoff 2 s); another node change now only schedules its retry.
        AddNode("node-3", cpu: "1");
        Sys.Advance(TimeSpan.FromMilliseconds(1));
        Ok<Pod>(new Create(PodRequesting("small", "1")));
        Sys.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("node-1", NodeOf("small"));
        Assert.Null(NodeOf("big"));
        Assert.StartsWith("0/2 nodes are available: 2 Insufficient cpu.", Events().Where(e => e.Reason == "FailedScheduling").Last().Message);
        Sys.Advance(TimeSpan.FromSeconds(3));
        Assert.StartsWith("0/3 nodes are available: 3 Insufficient cpu.", Events().Where(e => e.Reason == "FailedScheduling").Last().Message);
    }

    [Fact]
    public void A_pod_created_with_nodeName_is_left_alone()
    {
        AddNode("node-1");
        Ok<Pod>(new Create(NewPod("pinned", node: "node-9")));
        Settle();
        Assert.Equal("node-9", NodeOf("pinned"));
        Assert.DoesNotContain(Events(), e => e.InvolvedObject!.Name == "pinned");
    }

    [Fact]
    public void Without_nodes_the_pod_waits_with_no_nodes_available()
    {
        Ok<Pod>(new Create(NewPod("lonely")));
        Settle();
        Assert.Equal("no nodes available to schedule pods", Assert.Single(Events()).Message);
    }

    private void Settle() => Sys.Advance(TimeSpan.FromSeconds(2));

    private string? NodeOf(string name) => Ok<Pod>(new Get("pods", "default", name)).Spec!.NodeName;

    private List<Event> Events() => ListOf("events", "default").Items.Cast<Event>().ToList();

    private static Pod PodRequesting(string name, string cpu)
    {
        var pod = NewPod(name);
        pod.Spec!.Containers![0].Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse(cpu) } };
        return pod;
    }

    private void AddNode(string name, string cpu = "4", bool ready = true, bool unschedulable = false, Dictionary<string, string>? labels = null)
    {
        var capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse(cpu), ["memory"] = Quantity.Parse("8Gi"), ["pods"] = Quantity.Parse("110") };
        var node = new Node
        {
            ApiVersion = "v1", Kind = "Node",
            Metadata = new ObjectMeta { Name = name, Labels = labels },
            Spec = new NodeSpec { Unschedulable = unschedulable ? true : null },
            Status = new NodeStatus
            {
                Capacity = capacity, Allocatable = new(capacity),
                Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            },
        };
        Ok<Node>(new Create(node));
    }
}
