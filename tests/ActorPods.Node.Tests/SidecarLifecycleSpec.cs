namespace ActorPods.Node.Tests;

/// <summary>Native sidecars (KEP-753): a startup probe gates the next init container; a crash-looping sidecar waits in CrashLoopBackOff.</summary>
public sealed class SidecarLifecycleSpec : NodeSpec
{
    [Fact]
    public void A_sidecar_startup_probe_holds_the_next_init_container_until_it_succeeds()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gated
            spec:
              initContainers:
              - name: proxy
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "sleep 12; touch /tmp/up; sleep 3600"]
                startupProbe:
                  exec:
                    command: ["cat", "/tmp/up"]
                  periodSeconds: 2
                  failureThreshold: 30
              - name: setup
                image: busybox:1.36
                command: ["sh", "-c", "sleep 1"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(10);
        Assert.DoesNotContain(Log.Events, e => e.FieldPath == "spec.initContainers{setup}");
        var proxy = Get("gated")!.Status!.InitContainerStatuses!.Single(s => s.Name == "proxy");
        Assert.NotNull(proxy.State!.Running);
        Assert.False(proxy.Started);
        Assert.Equal("Init:0/2", Column("gated").Status);

        RunUntil(40);
        var startupOk = Observations.First(o => o.What is ProbeResultObserved { Container: "proxy", Probe: "startup", Result: "success" }).At;
        var setupStarted = Log.Events.Single(e => e.Reason == "Started" && e.FieldPath == "spec.initContainers{setup}").At;
        Assert.True(setupStarted >= startupOk, $"setup started at {setupStarted}, proxy started (probe) at {startupOk}");
        Assert.InRange((setupStarted - startupOk).TotalSeconds, 0, 3);
        Assert.Equal("Running", Column("gated").Status);
        Assert.Equal("2/2", Column("gated").Ready);
    }

    [Fact]
    public void A_sidecar_that_keeps_crashing_shows_waiting_CrashLoopBackOff_between_restarts()
    {
        var pod = Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: crashy
            spec:
              initContainers:
              - name: proxy
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "sleep 3; exit 1"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(120);
        var proxy = Get("crashy")!.Status!.InitContainerStatuses!.Single();
        Assert.True(proxy.RestartCount >= 3, $"restarts: {proxy.RestartCount}");
        var uid = pod.Meta.Uid;
        var states = Log.Pods.Select(v => v.Pod.Status?.InitContainerStatuses?.SingleOrDefault()).Where(s => s is not null).ToList();
        var waiting = states.Select(s => s!.State?.Waiting).Where(w => w?.Reason == "CrashLoopBackOff").ToList();
        Assert.NotEmpty(waiting);
        Assert.Contains(waiting, w => w!.Message == $"back-off 10s restarting failed container=proxy pod=crashy_default({uid})");
        Assert.Contains(waiting, w => w!.Message == $"back-off 20s restarting failed container=proxy pod=crashy_default({uid})");
        // Between any two restarts there is a version waiting in CrashLoopBackOff (right after each crash the status
        // reads terminated/Error until the next sync, as the kubelet's reason cache is cleared by a successful start).
        var byRestart = states.GroupBy(s => s!.RestartCount).Where(g => g.Key >= 1 && g.Key < proxy.RestartCount).ToList();
        Assert.NotEmpty(byRestart);
        Assert.All(byRestart, g => Assert.Contains(g, s => s!.State?.Waiting?.Reason == "CrashLoopBackOff"));
        // While backing off the sidecar's lastState holds the crash, as for an app container.
        Assert.All(states.Where(s => s!.State?.Waiting?.Reason == "CrashLoopBackOff"), s => Assert.Equal(1, s!.LastState!.Terminated!.ExitCode));
        Assert.Contains(EventsWith("BackOff"), e => e.Message == $"Back-off restarting failed container proxy in pod crashy_default({uid})");
        // The app is untouched and the pod keeps running.
        Assert.Equal("Running", Get("crashy")!.Status!.Phase);
        Assert.Equal(0, Get("crashy")!.Status!.ContainerStatuses!.Single().RestartCount);
    }

    [Fact]
    public void Under_restartPolicy_Never_a_crashing_sidecar_is_restarted_but_reads_terminated_between_restarts_as_in_the_kubelet()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: never
            spec:
              restartPolicy: Never
              initContainers:
              - name: proxy
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "sleep 3; exit 1"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(90);
        var states = Log.Pods.Select(v => v.Pod.Status?.InitContainerStatuses?.SingleOrDefault()).Where(s => s is not null).ToList();
        Assert.True(states[^1]!.RestartCount >= 2);
        // ShouldContainerBeRestarted (pkg/kubelet/container/helpers.go) sees the pod's Never: no waiting state, though
        // computePodActions restarts the sidecar with back-off.
        Assert.DoesNotContain(states, s => s!.State?.Waiting?.Reason == "CrashLoopBackOff");
        Assert.Contains(states, s => s!.State?.Terminated?.Reason == "Error" && s.RestartCount >= 1);
        Assert.NotEmpty(EventsWith("BackOff"));
        Assert.Equal("Running", Get("never")!.Status!.Phase);
    }
}
