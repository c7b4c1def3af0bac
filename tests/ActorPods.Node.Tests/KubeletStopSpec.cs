using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Observability;

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

    private static Pod Live(string name) => PodOf($$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          containers:
          - name: web
            image: nginx
            imagePullPolicy: IfNotPresent
            livenessProbe:
              tcpSocket: {port: 80}
              periodSeconds: 5
        """);

    /// <summary>Runs to 20 s, stops the kubelet until 100 s, starts it again and runs on; returns when it started.</summary>
    private TimeSpan RestartKubeletThenRunUntil(double seconds)
    {
        RunUntil(20);
        Assert.True(Send(new StopKubelet()).Ok);
        RunUntil(100);
        Assert.True(Send(new StartKubelet()).Ok);
        var restartedAt = Sys.Elapsed;
        RunUntil(seconds);
        return restartedAt;
    }

    private List<TimeSpan> LivenessRuns(string pod) =>
        Observations.Where(o => o.What is ProbeResultObserved { Probe: "liveness" } p && p.Pod == pod).Select(o => o.At).ToList();

    [Fact]
    public void Probers_of_the_cluster_the_simulation_starts_with_tick_from_their_creation_without_a_start_sleep()
    {
        foreach (var name in new[] { "a", "b", "c" }) Run(Live(name));
        RunUntil(60);
        // The three pods' probers were created in the same instant and tick in step, every period from then.
        var phases = new[] { "a", "b", "c" }.SelectMany(LivenessRuns).Select(t => t.Ticks % TimeSpan.FromSeconds(5).Ticks).Distinct();
        Assert.Single(phases);
    }

    [Fact]
    public void A_restarted_kubelets_probers_first_sleep_a_random_part_of_the_period_then_tick_every_period()
    {
        // worker.go run: probers created less than one period after the kubelet process started sleep
        // rand.Float64() * period first, so the restarted kubelet does not probe every container at once.
        var pods = new[] { "a", "b", "c", "d" };
        foreach (var name in pods) Run(Live(name));
        var restartedAt = RestartKubeletThenRunUntil(160);

        var offsets = new List<TimeSpan>();
        foreach (var name in pods)
        {
            var after = LivenessRuns(name).Where(t => t > restartedAt).ToList();
            Assert.True(after.Count >= 10, $"{name}: {after.Count} runs after the restart");
            var offset = after[0] - restartedAt;
            Assert.InRange(offset, TimeSpan.Zero, TimeSpan.FromSeconds(5));
            Assert.All(after.Zip(after.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(5), p.Second - p.First));
            offsets.Add(offset);
        }
        // Each prober draws its own sleep: they no longer tick in step.
        Assert.True(offsets.Distinct().Count() >= 3, string.Join(", ", offsets));
    }

    [Fact]
    public void A_readiness_trigger_during_the_start_sleep_is_kept_and_probes_again_right_after_the_first_run()
    {
        // prober_manager.go UpdatePodStatus triggers the new readiness worker (its result is not Success yet) while it
        // sleeps; worker.go's one-slot trigger channel keeps that request, served as soon as the loop starts.
        Run(Web());
        var restartedAt = RestartKubeletThenRunUntil(140);

        var runs = Observations.Where(o => o.At > restartedAt && o.What is ProbeResultObserved { Probe: "readiness" }).Select(o => o.At).ToList();
        Assert.True(runs[0] > restartedAt && runs[0] - restartedAt < TimeSpan.FromSeconds(5));
        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(runs[0] + TimeSpan.FromSeconds(5), runs[2]);
    }

    [Fact]
    public void A_restarted_kubelet_counts_a_repeated_event_on_a_new_Event_object()
    {
        // A readiness probe that always fails: one Unhealthy event every period, counted on one Event object. The
        // restarted kubelet process has a new event broadcaster with empty caches, so its first repeat creates a new
        // Event (count 1) instead of counting on the old one.
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: unready
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
                readinessProbe:
                  exec: {command: ["false"]}
                  periodSeconds: 5
            """));
        var restartedAt = RestartKubeletThenRunUntil(130);
        var before = EventsWith("Unhealthy").Where(e => e.At <= TimeSpan.FromSeconds(20)).ToList();
        Assert.True(before.Max(e => e.Count) >= 3, string.Join(", ", before.Select(e => e.Count)));
        var after = EventsWith("Unhealthy").Where(e => e.At > restartedAt).ToList();
        Assert.True(after.Count >= 3, $"{after.Count} writes after the restart");
        Assert.Equal(1, after[0].Count);
        Assert.Equal(Enumerable.Range(1, after.Count), after.Select(e => e.Count));
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
