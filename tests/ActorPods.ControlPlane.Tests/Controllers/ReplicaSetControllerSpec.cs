using System.Text.RegularExpressions;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class ReplicaSetControllerSpec : ControllerSpec
{
    public ReplicaSetControllerSpec()
    {
        StartControllers("replicaset-controller");
    }

    [Fact]
    public void A_new_replicaset_creates_its_pods_with_generated_names_a_controller_reference_and_SuccessfulCreate_events()
    {
        var rs = Create(NewReplicaSet("web", 3));
        RunSeconds(1);
        var pods = Pods();
        Assert.Equal(3, pods.Count);
        foreach (var pod in pods)
        {
            Assert.Matches(new Regex("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$"), pod.Metadata!.Name!);
            Assert.Equal("web-", pod.Metadata.GenerateName);
            var owner = Assert.Single(pod.Metadata.OwnerReferences!);
            Assert.Equal(("apps/v1", "ReplicaSet", "web", rs.Metadata!.Uid, true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.Equal("web", pod.Metadata.Labels!["app"]);
        }
        var events = Events("SuccessfulCreate");
        Assert.Equal(pods.Select(p => $"Created pod: {p.Metadata!.Name}").Order(), events.Select(e => e.Message).Order());
        Assert.All(events, e => Assert.Equal(("Normal", "replicaset-controller", "ReplicaSet", "web"), (e.Type, e.Source!.Component, e.InvolvedObject!.Kind, e.InvolvedObject.Name)));
        var status = Find<ReplicaSet>("replicasets", "web")!.Status!;
        Assert.Equal((3, 3, 0, 0, 1L), (status.Replicas, status.FullyLabeledReplicas, status.ReadyReplicas, status.AvailableReplicas, status.ObservedGeneration));
    }

    [Fact]
    public void The_same_seed_gives_the_same_pod_names()
    {
        Create(NewReplicaSet("web", 2));
        RunSeconds(1);
        var first = Pods().Select(p => p.Metadata!.Name).ToList();
        using var again = new ReplicaSetControllerSpec();
        again.Create(NewReplicaSet("web", 2));
        again.RunSeconds(1);
        Assert.Equal(first, again.Pods().Select(p => p.Metadata!.Name).ToList());
    }

    [Fact]
    public void Status_counts_ready_pods_and_available_ones_only_after_minReadySeconds()
    {
        AddNode("node-1", new FakeKubeletOptions { StartDelay = TimeSpan.FromSeconds(1), ReadyDelay = TimeSpan.FromSeconds(2) });
        StartBinder();
        Create(NewReplicaSet("web", 2, minReadySeconds: 10));
        RunSeconds(2);
        Assert.Equal(0, Find<ReplicaSet>("replicasets", "web")!.Status!.ReadyReplicas);
        RunSeconds(2); // ready at ~3.x s
        var status = Find<ReplicaSet>("replicasets", "web")!.Status!;
        Assert.Equal((2, 0), (status.ReadyReplicas, status.AvailableReplicas));
        RunSeconds(8); // 12 s: ready for less than 10 s
        Assert.Equal(0, Find<ReplicaSet>("replicasets", "web")!.Status!.AvailableReplicas);
        RunSeconds(3); // 15 s: ready for more than 10 s, without any other change to wake the controller
        Assert.Equal(2, Find<ReplicaSet>("replicasets", "web")!.Status!.AvailableReplicas);
    }

    [Fact]
    public void Scaling_up_and_down_creates_and_deletes_with_events()
    {
        Create(NewReplicaSet("web", 2));
        RunSeconds(1);
        Ok<ReplicaSet>(new Patch("replicasets", "default", "web", """{"spec":{"replicas":5}}"""));
        RunSeconds(1);
        Assert.Equal(5, Pods().Count);
        Ok<ReplicaSet>(new Patch("replicasets", "default", "web", """{"spec":{"replicas":1}}"""));
        RunSeconds(1);
        // Unscheduled pods have no grace: they are gone at once.
        Assert.Single(Pods());
        Assert.Equal(4, Events("SuccessfulDelete").Count);
        Assert.All(Events("SuccessfulDelete"), e => Assert.StartsWith("Deleted pod: web-", e.Message));
        Assert.Equal(1, Find<ReplicaSet>("replicasets", "web")!.Status!.Replicas);
    }

    [Fact]
    public void Scaling_down_removes_unscheduled_pods_then_not_ready_ones_before_ready_ones()
    {
        AddNode("node-1", new FakeKubeletOptions { StartDelay = TimeSpan.FromSeconds(1) });
        StartBinder();
        var rs = Create(NewReplicaSet("web", 2));
        RunSeconds(5);
        var ready = Pods().Select(p => p.Metadata!.Name!).ToHashSet();
        Assert.All(Pods(), p => Assert.True(IsReady(p)));
        // A bound, never-ready pod matching the selector and without a controller: adopted, making three.
        var slow = NewPod("slow", new Dictionary<string, string> { ["app"] = "web" }, readyAfter: "never");
        slow.Spec!.NodeName = "node-1";
        Create(slow);
        RunSeconds(0.5);
        var adopted = Find<Pod>("pods", "slow")!;
        Assert.Equal(rs.Metadata!.Uid, adopted.Metadata!.OwnerReferences!.Single().Uid);
        Assert.NotNull(adopted.Metadata.DeletionTimestamp);
        Assert.Single(Events("SuccessfulDelete"), e => e.Message == "Deleted pod: slow");
        Assert.Equal(ready, Pods().Where(p => p.Metadata!.DeletionTimestamp is null).Select(p => p.Metadata!.Name!).ToHashSet());
    }

    [Fact]
    public void Deletion_order_is_unscheduled_then_pending_then_not_ready_then_doubled_up_then_newest()
    {
        var now = Epoch.AddHours(1);
        Pod P(string name, string? node, string phase, bool ready, int ageSeconds) => new()
        {
            Metadata = new ObjectMeta { Name = name, CreationTimestamp = now.AddSeconds(-ageSeconds) },
            Spec = new PodSpec { NodeName = node },
            Status = new PodStatus
            {
                Phase = phase,
                Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = now.AddSeconds(-ageSeconds) }],
            },
        };
        var pods = new[]
        {
            P("old-ready", "n1", "Running", true, 4000),
            P("new-ready", "n2", "Running", true, 10),
            P("doubled-a", "n3", "Running", true, 4000),
            P("doubled-b", "n3", "Running", true, 4000),
            P("not-ready", "n4", "Running", false, 4000),
            P("pending", "n5", "Pending", false, 4000),
            P("unscheduled", null, "Pending", false, 4000),
        };
        var order = ActorPods.ControlPlane.Controllers.ReplicaSets.PodDeletionRanking.Order(pods, now).Select(p => p.Metadata!.Name).ToList();
        Assert.Equal(["unscheduled", "pending", "not-ready", "doubled-a", "doubled-b", "new-ready", "old-ready"], order);
    }

    [Fact]
    public void A_pod_being_deleted_is_replaced_at_once_and_a_failed_pod_too()
    {
        AddNode("node-1", new FakeKubeletOptions { TerminationDelay = TimeSpan.FromSeconds(20) });
        StartBinder();
        Create(NewReplicaSet("web", 2));
        RunSeconds(5);
        var victim = Pods()[0];
        Ok<Pod>(new Delete("pods", "default", victim.Metadata!.Name!));
        RunSeconds(1);
        var pods = Pods();
        Assert.Equal(3, pods.Count);
        Assert.Single(pods, p => p.Metadata!.DeletionTimestamp is not null);
        Assert.Equal(2, Find<ReplicaSet>("replicasets", "web")!.Status!.Replicas);

        var failing = pods.First(p => p.Metadata!.DeletionTimestamp is null).Metadata!.Name!;
        Ok<Pod>(new Patch("pods", "default", failing, """{"status":{"phase":"Failed"}}""", "status"));
        RunSeconds(1);
        Assert.Equal(2, Pods().Count(p => p.Metadata!.DeletionTimestamp is null && p.Status?.Phase != "Failed"));
        // The failed pod stays (the pod GC's job, not the ReplicaSet's).
        Assert.NotNull(Find<Pod>("pods", failing));
    }

    [Fact]
    public void A_pod_relabelled_out_of_the_selector_is_released_and_replaced()
    {
        Create(NewReplicaSet("web", 1));
        RunSeconds(1);
        var pod = Pods().Single().Metadata!.Name!;
        Ok<Pod>(new Patch("pods", "default", pod, """{"metadata":{"labels":{"app":"debug"}}}"""));
        RunSeconds(1);
        Assert.Null(Find<Pod>("pods", pod)!.Metadata!.OwnerReferences);
        Assert.Equal(2, Pods().Count);
        Assert.Equal(1, Find<ReplicaSet>("replicasets", "web")!.Status!.Replicas);
    }

    private static Pod NewPod(string name, Dictionary<string, string> labels, string? readyAfter = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta
        {
            Name = name, Namespace = "default", Labels = labels,
            Annotations = readyAfter is null ? null : new Dictionary<string, string> { [FakeKubelet.ReadyAfterAnnotation] = readyAfter },
        },
        Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx" }] },
    };
}
