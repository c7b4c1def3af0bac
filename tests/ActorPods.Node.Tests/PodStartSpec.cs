using ActorPods.Api.Model;

namespace ActorPods.Node.Tests;

public sealed class PodStartSpec : NodeSpec
{
    private const string Sleeper = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "echo hello; sleep 3600"]
        """;

    [Fact]
    public void A_pod_pulls_creates_and_starts_its_container_and_becomes_Running_1_of_1()
    {
        Run(PodOf(Sleeper));
        RunUntil(10);

        var pod = Get("web")!;
        var s = pod.Status!;
        Assert.Equal("Running", s.Phase);
        Assert.Equal("10.244.1.2", s.PodIP);
        Assert.Equal("172.18.0.3", s.HostIP);
        Assert.Equal("BestEffort", s.QosClass);
        Assert.NotNull(s.StartTime);
        var c = Assert.Single(s.ContainerStatuses!);
        Assert.NotNull(c.State!.Running);
        Assert.True(c.Ready);
        Assert.True(c.Started);
        Assert.Equal(0, c.RestartCount);
        Assert.Matches("^containerd://[0-9a-f]{64}$", c.ContainerID!);
        Assert.Equal("docker.io/library/busybox:1.36", c.Image);
        Assert.StartsWith("docker.io/library/busybox@sha256:", c.ImageID);
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], s.Conditions!.Select(x => x.Type));
        Assert.All(s.Conditions!, x => Assert.Equal("True", x.Status));

        var summary = Column("web");
        Assert.Equal("1/1", summary.Ready);
        Assert.Equal("Running", summary.Status);
        Assert.Equal(["Pending", "ContainerCreating", "Running"], StatusHistory("web"));

        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], EventReasons());
        var pulled = EventsWith("Pulled").Single().Message;
        Assert.Matches(@"^Successfully pulled image ""busybox:1.36"" in 2s \(2s including waiting\)\. Image size: \d+ bytes\.$", pulled);
        Assert.Equal("Created container app", EventsWith("Created").Single().Message);
        Assert.Equal("Started container app", EventsWith("Started").Single().Message);
        Assert.Equal("spec.containers{app}", EventsWith("Started").Single().FieldPath);
    }

    [Fact]
    public void Running_is_reported_at_the_next_PLEG_relist_after_the_start()
    {
        Run(PodOf(Sleeper));
        RunUntil(10);
        var started = EventsWith("Started").Single().At;
        var running = FirstTime("web", v => v.Summary.Status == "Running");
        Assert.InRange(running - started, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Contains(Observations, o => o.What is ContainerLogLine { Line: "hello", Container: "app" });
    }

    [Fact]
    public void The_node_registers_itself_Ready_and_renews_its_lease_every_10_seconds()
    {
        RunUntil(35);
        var node = (Api.Model.Node)Call(new ControlPlane.ApiServer.Get("Node", null, NodeName)).Object!;
        var ready = node.Status!.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal("v1.32.0", node.Status.NodeInfo!.KubeletVersion);
        Assert.Equal("10.244.1.0/24", node.Spec!.PodCIDR);
        var lease = (Lease)Call(new ControlPlane.ApiServer.Get("Lease", "kube-node-lease", NodeName)).Object!;
        Assert.Equal(40, lease.Spec!.LeaseDurationSeconds);
        Assert.Equal(Actors.ActorSystemOptions.DefaultVirtualEpoch.AddSeconds(30), lease.Spec.RenewTime);
    }

    /// <summary>
    /// kubelet_node_status.go tryUpdateNodeStatus: every 10 s the kubelet reads its Node and patches the status back
    /// when a condition differs from what it reports, long before the 5 min report is due.
    /// </summary>
    [Fact]
    public void A_node_condition_changed_by_someone_else_is_set_back_within_10_seconds()
    {
        RunUntil(35);
        var node = (Api.Model.Node)Call(new ControlPlane.ApiServer.Get("Node", null, NodeName)).Object!;
        var pressure = node.Status!.Conditions!.Single(c => c.Type == "DiskPressure");
        (pressure.Status, pressure.Reason) = ("True", "SomeoneElse");
        Assert.True(Call(new ControlPlane.ApiServer.Update(node, "status")).IsSuccess);
        RunUntil(46);
        node = (Api.Model.Node)Call(new ControlPlane.ApiServer.Get("Node", null, NodeName)).Object!;
        pressure = node.Status!.Conditions!.Single(c => c.Type == "DiskPressure");
        Assert.Equal(("False", "KubeletHasNoDiskPressure"), (pressure.Status, pressure.Reason));
    }

    [Fact]
    public void The_healthy_condition_statuses_are_those_of_the_healthy_conditions()
    {
        Assert.Equal(NodeActor.HealthyConditions(default, null).Select(c => (c.Type!, c.Status!)), NodeActor.HealthyConditionStatuses);
    }
}
