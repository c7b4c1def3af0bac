using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>Graceful deletion on the node: Killing, preStop, SIGTERM, grace, SIGKILL, the kubelet's final delete.</summary>
public sealed class TerminationSpec : NodeSpec
{
    private static Pod Sleeper(string name, long grace, string script = "sleep 3600", string? preStop = null, string image = "busybox:1.36")
    {
        var yaml = $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
            spec:
              terminationGracePeriodSeconds: {grace}
              containers:
              - name: app
                image: {image}
                command: ["sh", "-c", "{script}"]

            """;
        if (preStop is not null)
            yaml += $"""
                    lifecycle:
                      preStop:
                        exec:
                          command: ["sh", "-c", "{preStop}"]

                """;
        return PodOf(yaml);
    }

    private TimeSpan Signal(string signal) => Observations.Single(o => o.What is SignalObserved s && s.Signal == signal).At;

    [Fact]
    public void A_process_that_ignores_SIGTERM_is_SIGKILLed_exactly_when_the_grace_period_ends_and_the_pod_disappears()
    {
        Run(Sleeper("web", 10));
        RunUntil(10);
        Delete("web");
        Assert.Equal("Terminating", Column("web").Status);

        RunUntil(19.9);
        Assert.NotNull(Get("web"));
        RunUntil(25);
        Assert.Null(Get("web"));

        var killing = EventsWith("Killing").Single();
        Assert.Equal("Stopping container app", killing.Message);
        Assert.Equal(TimeSpan.FromSeconds(10), Signal("SIGTERM"));
        Assert.Equal(TimeSpan.FromSeconds(20), Signal("SIGKILL"));
        var last = Log.Pods.Last(p => p.Pod.Meta.Name == "web" && p.Type != ControlPlane.ApiServer.WatchEventType.Deleted).Pod;
        var terminated = last.Status!.ContainerStatuses!.Single().State!.Terminated!;
        Assert.Equal((137, "Error"), (terminated.ExitCode, terminated.Reason));
        Assert.Equal("Failed", last.Status.Phase);
        var deleted = Log.Pods.Last(p => p.Pod.Meta.Name == "web");
        Assert.Equal(ControlPlane.ApiServer.WatchEventType.Deleted, deleted.Type);
        Assert.Equal(TimeSpan.FromSeconds(20), deleted.At);
    }

    [Fact]
    public void PreStop_runs_before_SIGTERM_and_the_grace_countdown_includes_it()
    {
        Run(Sleeper("web", 30, "trap 'exit 0' TERM; sleep 3600 & wait", preStop: "sleep 5"));
        RunUntil(10);
        Delete("web");
        RunUntil(40);
        var hooks = Observations.Where(o => o.What is HookObserved { Hook: "preStop" }).ToList();
        Assert.Equal(TimeSpan.FromSeconds(10), hooks[0].At);
        Assert.Equal(TimeSpan.FromSeconds(15), hooks[1].At);
        Assert.Equal(TimeSpan.FromSeconds(15), Signal("SIGTERM"));
        Assert.DoesNotContain(Observations, o => o.What is SignalObserved { Signal: "SIGKILL" });
        Assert.Null(Get("web"));
        var last = Log.Pods.Last(p => p.Pod.Meta.Name == "web" && p.Type != ControlPlane.ApiServer.WatchEventType.Deleted).Pod;
        Assert.Equal("Succeeded", last.Status!.Phase);
        Assert.Equal("Completed", last.Status.ContainerStatuses!.Single().State!.Terminated!.Reason);
    }

    [Fact]
    public void A_preStop_hook_that_overruns_the_grace_period_gets_the_2_second_minimum_before_SIGKILL()
    {
        Run(Sleeper("web", 10, preStop: "sleep 100"));
        RunUntil(10);
        Delete("web");
        RunUntil(30);
        Assert.Equal(TimeSpan.FromSeconds(20), Signal("SIGTERM"));
        Assert.Equal(TimeSpan.FromSeconds(22), Signal("SIGKILL"));
        Assert.Null(Get("web"));
    }

    [Fact]
    public void An_image_whose_process_dies_on_SIGTERM_exits_143()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
            spec:
              containers:
              - name: main
                image: my-app-image
            """));
        RunUntil(10);
        Delete("app");
        RunUntil(12);
        var last = Log.Pods.Last(p => p.Pod.Meta.Name == "app" && p.Type != ControlPlane.ApiServer.WatchEventType.Deleted).Pod;
        Assert.Equal(143, last.Status!.ContainerStatuses!.Single().State!.Terminated!.ExitCode);
        Assert.Null(Get("app"));
    }

    [Fact]
    public void A_force_delete_removes_the_object_at_once_but_the_node_still_uses_the_pod_grace_period()
    {
        Run(Sleeper("web", 10));
        RunUntil(10);
        Delete("web", grace: 0);
        Assert.Null(Get("web"));
        RunUntil(30);
        // calculateEffectiveGracePeriod falls back to spec.terminationGracePeriodSeconds (kubernetes#115819).
        Assert.Equal(TimeSpan.FromSeconds(10), Signal("SIGTERM"));
        Assert.Equal(TimeSpan.FromSeconds(20), Signal("SIGKILL"));
        Assert.False(Services.Network.Exists("10.244.1.2"));
    }

    [Fact]
    public void ActiveDeadlineSeconds_fails_the_pod_with_DeadlineExceeded_and_kills_its_containers()
    {
        var pod = Sleeper("batch", 5, "trap 'exit 0' TERM; sleep 3600 & wait");
        pod.Spec!.ActiveDeadlineSeconds = 10;
        Run(pod);
        RunUntil(30);
        var ev = EventsWith("DeadlineExceeded").Single();
        // The phase turns Failed only once the containers are gone (mergePodStatus).
        var failedAt = FirstTime("batch", v => v.Pod.Status?.Phase == "Failed");
        var exitedAt = FirstTime("batch", v => v.Pod.Status?.ContainerStatuses?.Single().State?.Terminated is not null);
        Assert.Equal(exitedAt, failedAt);
        Assert.True(failedAt >= ev.At);
        Assert.Equal("Pod was active on the node longer than the specified deadline", ev.Message);
        Assert.InRange(ev.At.TotalSeconds, 10, 11);
        var now = Get("batch")!;
        Assert.Equal(("Failed", "DeadlineExceeded", "Pod was active on the node longer than the specified deadline"),
            (now.Status!.Phase, now.Status.Reason, now.Status.Message));
        Assert.NotNull(now.Status.ContainerStatuses!.Single().State!.Terminated);
        // The printer lets a container's terminated reason override status.reason (kubelet-semantics §13.9).
        Assert.Equal("Completed", Column("batch").Status);
        Assert.Equal("Stopping container app", EventsWith("Killing").Single().Message);
    }

    [Fact]
    public void ActiveDeadlineSeconds_set_on_a_running_pod_takes_effect_at_the_sync_its_update_causes()
    {
        Run(Sleeper("batch", 5, "trap 'exit 0' TERM; sleep 3600 & wait"));
        RunUntil(5);
        Assert.Equal("Running", Get("batch")!.Status!.Phase);
        // podsDifferSemantically: the spec changed, so the update syncs the pod at once, and the deadline (counted from
        // its start) is due at about 10 s, not at the next periodic resync a minute or more later.
        var running = Get("batch")!;
        running.Spec!.ActiveDeadlineSeconds = 10;
        Assert.True(Call(new Update(running)).IsSuccess);
        RunUntil(40);
        var ev = EventsWith("DeadlineExceeded").Single();
        Assert.InRange(ev.At.TotalSeconds, 10, 12);
        Assert.Equal("Failed", Get("batch")!.Status!.Phase);
    }
}
