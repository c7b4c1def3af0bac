using ActorPods.Api.Model;

namespace ActorPods.Node.Tests;

/// <summary>A node crash (its host stops: everything on it dies at once) and a fresh boot of the same node.</summary>
public sealed class NodeRestartSpec : NodeSpec
{
    private static Pod Sleeper(string name, string policy = "Always") => PodOf($"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: {policy}
          terminationGracePeriodSeconds: 5
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "echo started; sleep 3600"]
        """);

    private void Crash() => Assert.True(Sys.StopHost(NodeName) > 0);

    private void Boot() => Node = Sys.ActorOf(NodeActor.Props(Config, Api, Services).WithHost(NodeName), NodeName);

    [Fact]
    public void After_a_crash_the_rebooted_node_runs_its_pods_again_in_new_sandboxes()
    {
        Run(Sleeper("web"));
        RunUntil(20);
        var before = Get("web")!.Status!.ContainerStatuses!.Single();
        Assert.Equal(0, before.RestartCount);

        Crash();
        RunUntil(60);
        // Nobody is left to say so: the api-server still shows the pod running.
        Assert.NotNull(Get("web")!.Status!.ContainerStatuses!.Single().State!.Running);

        Boot();
        RunUntil(75);
        var pod = Get("web")!;
        var c = pod.Status!.ContainerStatuses!.Single();
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal(1, c.RestartCount);
        Assert.NotNull(c.State!.Running);
        Assert.NotEqual(before.ContainerID, c.ContainerID);
        Assert.Equal((255, "Unknown", before.ContainerID), (c.LastState!.Terminated!.ExitCode, c.LastState.Terminated.Reason, c.LastState.Terminated.ContainerID));
        Assert.Equal(before.State!.Running!.StartedAt, c.LastState.Terminated.StartedAt);
        var changed = Assert.Single(EventsWith("SandboxChanged"));
        Assert.Equal("Pod sandbox changed, it will be killed and re-created.", changed.Message);
        Assert.True(changed.At >= TimeSpan.FromSeconds(60));
        Assert.Equal(2, EventsWith("Started").Count);
        Assert.NotNull(pod.Status.PodIP);
        Assert.Equal("True", pod.Status.Conditions!.Single(x => x.Type == "Ready").Status);
        Assert.Equal(0, Exec("web", "app", "true").ExitCode);
        Assert.Equal("started\n", Logs("web", "app").Text);
        // The image store is on the node's disk: it survived the reboot.
        Assert.Single(EventsWith("Pulling"));
        Assert.Contains(EventsWith("Pulled"), e => e.At >= TimeSpan.FromSeconds(60) && e.Message == "Container image \"busybox:1.36\" already present on machine");
    }

    [Fact]
    public void A_pod_that_never_restarts_ends_Failed_with_the_dead_container_as_Unknown()
    {
        Run(Sleeper("once", "Never"));
        RunUntil(20);
        Crash();
        RunUntil(30);
        Boot();
        RunUntil(45);
        var pod = Get("once")!;
        Assert.Equal("Failed", pod.Status!.Phase);
        var c = pod.Status.ContainerStatuses!.Single();
        Assert.Equal((255, "Unknown", 0), (c.State!.Terminated!.ExitCode, c.State.Terminated.Reason, c.RestartCount));
        Assert.Empty(EventsWith("SandboxChanged"));
        Assert.Single(EventsWith("Started"));
    }

    [Fact]
    public void A_pod_deleted_while_the_node_was_down_finishes_terminating_once_it_is_back()
    {
        Run(Sleeper("doomed"));
        Run(Sleeper("kept"));
        RunUntil(20);
        Crash();
        RunUntil(25);
        Delete("doomed");
        RunUntil(90);
        // Stuck Terminating: only the node's kubelet may finish it.
        Assert.NotNull(Get("doomed")!.Meta.DeletionTimestamp);

        Boot();
        RunUntil(100);
        Assert.Null(Get("doomed"));
        Assert.Equal(1, Get("kept")!.Status!.ContainerStatuses!.Single().RestartCount);
        Assert.DoesNotContain(EventsWith("SandboxChanged"), e => e.Message.Contains("doomed"));
    }
}
