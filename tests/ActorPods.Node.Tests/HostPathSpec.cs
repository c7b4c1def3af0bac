using ActorPods.Actors;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.PodWorkers;

namespace ActorPods.Node.Tests;

/// <summary>hostPath volumes live on the node's own disk: pods on one node share them, pods on another node do not.</summary>
public sealed class HostPathSpec : NodeSpec
{
    private readonly IActorRef _node2;

    public HostPathSpec()
    {
        _node2 = Sys.ActorOf(NodeActor.Props(new NodeConfig { Name = "node-2", PodCidrIndex = 2 }, Api, Services).WithHost("node-2"), "node-2");
        Sys.RunUntil(Sys.Elapsed + TimeSpan.FromMilliseconds(1));
    }

    private static string PodYaml(string name, string command) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          volumes:
          - name: host
            hostPath: {path: /var/lib/demo, type: DirectoryOrCreate}
          containers:
          - name: app
            image: busybox:1.36
            volumeMounts:
            - {name: host, mountPath: /data}
            command: ["sh", "-c", "{{command}}"]
        """;

    private void RunOn(string node, string name, string command)
    {
        var pod = PodOf(PodYaml(name, command));
        pod.Spec!.NodeName = node;
        var r = Call(new Create(pod));
        Assert.True(r.IsSuccess, r.Error?.Message);
    }

    private ContainerExecResult ExecOn(IActorRef node, string pod, params string[] command)
    {
        Probe.Send(node, new ExecInContainer("default", pod, "app", command));
        return ExpectMsg<ContainerExecResult>();
    }

    [Fact]
    public void Two_pods_on_the_same_node_share_a_hostPath_and_a_pod_on_another_node_sees_its_own_empty_directory()
    {
        RunOn("node-1", "writer", "echo from-writer > /data/note; sleep 3600");
        RunUntil(10);
        RunOn("node-1", "neighbour", "sleep 3600");
        RunOn("node-2", "stranger", "sleep 3600");
        RunUntil(20);
        Assert.Equal("Running", Column("neighbour").Status);
        Assert.Equal("Running", Column("stranger").Status);
        Assert.NotEqual(Get("writer")!.Status!.HostIP, Get("stranger")!.Status!.HostIP);

        var same = ExecOn(Node, "neighbour", "cat", "/data/note");
        Assert.Equal((0, "from-writer\n"), (same.ExitCode, same.Output));
        var other = ExecOn(_node2, "stranger", "cat", "/data/note");
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("No such file or directory", other.Output);

        // Writes from the other node stay there too.
        Assert.Equal(0, ExecOn(_node2, "stranger", "sh", "-c", "echo from-stranger > /data/other").ExitCode);
        Assert.NotEqual(0, ExecOn(Node, "writer", "cat", "/data/other").ExitCode);
        Assert.Equal("from-stranger\n", ExecOn(_node2, "stranger", "cat", "/data/other").Output);
    }
}
