using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>StopKubelet / StartKubelet: the containers outlive the kubelet process; a fresh kubelet adopts them.</summary>
public sealed class KubeletStopSpec : NodeSpec
{
    private NodeFaultResult Send(NodeFault fault)
    {
        Probe.Send(Node, fault);
        return ExpectMsg<NodeFaultResult>();
    }

    private DateTimeOffset LeaseRenewed() => ((Lease)Call(new Get("Lease", "kube-node-lease", NodeName)).Object!).Spec!.RenewTime!.Value;

    private static Pod Web() => PodOf("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: web
            image: nginx
            imagePullPolicy: IfNotPresent
            readinessProbe:
              tcpSocket: {port: 80}
              periodSeconds: 5
        """);

    [Fact]
    public void While_the_kubelet_is_stopped_the_container_keeps_serving_and_nothing_of_the_kubelet_runs()
    {
        Run(Web());
        RunUntil(20);
        var before = Get("web")!.Status!.ContainerStatuses!.Single();
        Assert.True(before.Ready);

        Assert.True(Send(new StopKubelet()).Ok);
        var versions = Log.Pods.Count;
        var events = Log.Events.Count;
        var probes = Observations.Count;
        RunUntil(120);

        Assert.True(LeaseRenewed() <= Sys.Now - TimeSpan.FromSeconds(100));
        Assert.Equal(versions, Log.Pods.Count);
        Assert.Equal(events, Log.Events.Count);
        Assert.Equal(probes, Observations.Count(o => o.At <= TimeSpan.FromSeconds(120)));
        var ip = Get("web")!.Status!.PodIP!;
        Assert.NotNull(Services.Network.Find(ip)?.Listener(80));
        var exec = Exec("web", "web", "true");
        Assert.Equal((-1, $"error dialing backend: dial tcp {Config.NodeIp}:10250: connect: connection refused"), (exec.ExitCode, exec.Error));
        Assert.False(Send(new StopKubelet()).Ok);

        Assert.True(Send(new StartKubelet()).Ok);
        RunUntil(140);
        Assert.True(LeaseRenewed() >= Sys.Now - TimeSpan.FromSeconds(10));
        var after = Get("web")!.Status!.ContainerStatuses!.Single();
        Assert.Equal(before.ContainerID, after.ContainerID);
        Assert.Equal(before.State!.Running!.StartedAt, after.State!.Running!.StartedAt);
        Assert.Equal(0, after.RestartCount);
        Assert.True(after.Ready);
        Assert.Single(EventsWith("Started"));
        Assert.Equal(0, Exec("web", "web", "true").ExitCode);
        Assert.False(Send(new StartKubelet()).Ok);
    }

    [Fact]
    public void A_container_that_exits_while_the_kubelet_is_stopped_is_restarted_only_by_the_next_kubelet()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: worker
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(10);
        Assert.True(Send(new StopKubelet()).Ok);
        Assert.True(Send(new KillContainer("default", "worker", "app", 1)).Ok);
        RunUntil(60);
        // Nobody reports the exit: the api-server still shows the container running.
        var stale = Get("worker")!.Status!.ContainerStatuses!.Single();
        Assert.NotNull(stale.State!.Running);
        Assert.Single(EventsWith("Started"));

        Assert.True(Send(new StartKubelet()).Ok);
        RunUntil(63);
        var c = Get("worker")!.Status!.ContainerStatuses!.Single();
        Assert.Equal(1, c.RestartCount);
        Assert.NotNull(c.State!.Running);
        Assert.Equal((1, "Error"), (c.LastState!.Terminated!.ExitCode, c.LastState.Terminated.Reason));
        Assert.Equal(2, EventsWith("Started").Count);
        Assert.Empty(EventsWith("BackOff"));
    }

    [Fact]
    public void A_pod_deleted_while_the_kubelet_was_stopped_is_terminated_by_the_next_kubelet()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gone
            spec:
              terminationGracePeriodSeconds: 3
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(10);
        Assert.True(Send(new StopKubelet()).Ok);
        Delete("gone");
        RunUntil(60);
        Assert.NotNull(Get("gone"));
        Assert.Empty(EventsWith("Killing"));

        Assert.True(Send(new StartKubelet()).Ok);
        RunUntil(70);
        Assert.Null(Get("gone"));
        Assert.Single(EventsWith("Killing"));
    }
}
