using ActorPods.Api.Model;

namespace ActorPods.Node.Tests;

/// <summary>KillContainer: the main process dies from outside; the kubelet reacts as to any exit.</summary>
public sealed class KillContainerSpec : NodeSpec
{
    private static Pod Web(string name, string policy = "Always") => PodOf($"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: {policy}
          containers:
          - name: web
            image: nginx
        """);

    private NodeFaultResult Kill(string pod, string container, int exitCode = 137, bool oom = false)
    {
        Probe.Send(Node, new KillContainer("default", pod, container, exitCode, oom));
        return ExpectMsg<NodeFaultResult>();
    }

    private List<TimeSpan> Starts() => EventsWith("Started").Select(e => e.At).ToList();

    [Fact]
    public void A_killed_container_is_restarted_with_restartCount_1_and_its_exit_in_lastState_without_a_Killing_event()
    {
        Run(Web("web"));
        RunUntil(10);
        Assert.Equal("Running", Column("web").Status);

        var result = Kill("web", "web");
        Assert.True(result.Ok, result.Message);
        Assert.Contains("SIGKILL", result.Message);
        RunUntil(20);

        var c = Get("web")!.Status!.ContainerStatuses!.Single();
        Assert.Equal(1, c.RestartCount);
        Assert.NotNull(c.State!.Running);
        Assert.Equal(137, c.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", c.LastState.Terminated.Reason);
        Assert.Empty(EventsWith("Killing"));
        Assert.Equal(2, Starts().Count);
        // First restart without back-off: the next PLEG relist (≤ 1 s) plus the 2 s pull of an imagePullPolicy: Always image.
        Assert.InRange((Starts()[1] - TimeSpan.FromSeconds(10)).TotalSeconds, 2, 3.01);
        Assert.Contains("Error", StatusHistory("web"));
    }

    [Fact]
    public void An_OOM_kill_shows_OOMKilled_with_exit_code_137()
    {
        Run(Web("web"));
        RunUntil(10);
        Assert.True(Kill("web", "web", oom: true).Ok);
        RunUntil(20);

        var c = Get("web")!.Status!.ContainerStatuses!.Single();
        Assert.Equal((137, "OOMKilled"), (c.LastState!.Terminated!.ExitCode, c.LastState.Terminated.Reason));
        Assert.Equal(1, c.RestartCount);
        Assert.Contains("OOMKilled", StatusHistory("web"));
    }

    [Fact]
    public void A_second_kill_soon_after_is_restarted_only_after_the_10s_back_off()
    {
        Run(Web("web"));
        RunUntil(10);
        Assert.True(Kill("web", "web", exitCode: 1).Ok);
        RunUntil(15);
        Assert.True(Kill("web", "web", exitCode: 1).Ok);
        RunUntil(40);

        var starts = Starts();
        Assert.Equal(3, starts.Count);
        Assert.True((starts[2] - TimeSpan.FromSeconds(15)).TotalSeconds >= 10, $"restarted at {starts[2]}");
        Assert.NotEmpty(EventsWith("BackOff"));
        var c = Get("web")!.Status!.ContainerStatuses!.Single();
        Assert.Equal(2, c.RestartCount);
        Assert.Equal((1, "Error"), (c.LastState!.Terminated!.ExitCode, c.LastState.Terminated.Reason));
    }

    [Fact]
    public void With_restartPolicy_Never_a_killed_container_fails_the_pod()
    {
        Run(Web("once", "Never"));
        RunUntil(10);
        Assert.True(Kill("once", "web", exitCode: 2).Ok);
        RunUntil(20);

        var pod = Get("once")!;
        Assert.Equal("Failed", pod.Status!.Phase);
        var c = pod.Status.ContainerStatuses!.Single();
        Assert.Equal((2, "Error", 0), (c.State!.Terminated!.ExitCode, c.State.Terminated.Reason, c.RestartCount));
    }

    [Fact]
    public void Killing_an_unknown_pod_or_container_is_refused()
    {
        Run(Web("web"));
        RunUntil(10);
        Assert.False(Kill("nope", "web").Ok);
        var bad = Kill("web", "sidecar");
        Assert.False(bad.Ok);
        Assert.Contains("sidecar", bad.Message);
    }
}
