using ActorPods.Api.Model;

namespace ActorPods.Node.Tests;

/// <summary>The outcome table of kubelet-semantics §4.4 and the CrashLoopBackOff schedule of §4.2.</summary>
public sealed class RestartPolicySpec : NodeSpec
{
    private static Pod Exiting(string name, string policy, params (string Name, string Script)[] containers)
    {
        var yaml = $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
            spec:
              restartPolicy: {policy}
              containers:

            """;
        foreach (var (c, script) in containers)
            yaml += $"""
                  - name: {c}
                    image: busybox:1.36
                    command: ["sh", "-c", "{script}"]

                """;
        return PodOf(yaml);
    }

    private List<TimeSpan> StartTimes(string container = "app") =>
        Log.Events.Where(e => e.Reason == "Started" && e.FieldPath == $"spec.containers{{{container}}}").Select(e => e.At).ToList();

    [Fact]
    public void A_crashing_container_restarts_at_once_then_backs_off_10_20_40_seconds_plus_the_requeue_jitter()
    {
        var pod = Run(Exiting("crash", "Always", ("app", "exit 1")));
        RunUntil(150);

        var starts = StartTimes();
        Assert.True(starts.Count >= 5, $"only {starts.Count} starts: {string.Join(", ", starts.Select(s => s.TotalSeconds))} events: {string.Join(" | ", Log.Events.Select(e => $"{e.At.TotalSeconds} {e.Reason} {e.Count}"))}");
        var gaps = starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.InRange(gaps[0], 0, 1.01);          // first restart: immediate (next PLEG relist)
        Assert.InRange(gaps[1], 10, 16.01);        // back-off 10s, noticed by a 10–15 s requeue
        Assert.InRange(gaps[2], 20, 31.01);        // back-off 20s
        Assert.InRange(gaps[3], 40, 56.01);        // back-off 40s

        var uid = pod.Meta.Uid;
        var backoff = EventsWith("BackOff").First();
        Assert.Equal($"Back-off restarting failed container app in pod crash_default({uid})", backoff.Message);
        Assert.Equal("Warning", backoff.Type);
        var waiting = Log.Pods.Select(v => v.Pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting)
            .Where(w => w?.Reason == "CrashLoopBackOff").Select(w => w!.Message).Distinct().ToList();
        Assert.Contains($"back-off 10s restarting failed container=app pod=crash_default({uid})", waiting);
        Assert.Contains($"back-off 20s restarting failed container=app pod=crash_default({uid})", waiting);
        Assert.Contains("CrashLoopBackOff", StatusHistory("crash"));
        Assert.Contains("Error", StatusHistory("crash"));

        var now = Get("crash")!;
        Assert.Equal("Running", now.Status!.Phase);
        var c = now.Status.ContainerStatuses!.Single();
        Assert.Equal(starts.Count - 1, c.RestartCount);
        Assert.Equal(1, c.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", c.LastState.Terminated.Reason);
    }

    [Theory]
    [InlineData("Never", "exit 0", "Succeeded", "Completed", 0)]
    [InlineData("Never", "exit 1", "Failed", "Error", 0)]
    [InlineData("OnFailure", "exit 0", "Succeeded", "Completed", 0)]
    public void A_single_container_that_exits_ends_the_pod_per_restart_policy(string policy, string script, string phase, string column, int restarts)
    {
        Run(Exiting("job", policy, ("app", script)));
        RunUntil(60);
        var pod = Get("job")!;
        Assert.Equal(phase, pod.Status!.Phase);
        Assert.Equal(column, Column("job").Status);
        Assert.Equal(restarts, pod.Status.ContainerStatuses!.Single().RestartCount);
        Assert.Single(StartTimes());
        var ready = pod.Status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", phase == "Succeeded" ? "PodCompleted" : "PodFailed"), (ready.Status, ready.Reason));
    }

    [Theory]
    [InlineData("Always", "exit 0")]
    [InlineData("Always", "exit 1")]
    [InlineData("OnFailure", "exit 1")]
    public void A_container_that_should_restart_keeps_the_pod_Running_and_counts_restarts(string policy, string script)
    {
        Run(Exiting("svc", policy, ("app", script)));
        RunUntil(30);
        var pod = Get("svc")!;
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.True(pod.Status.ContainerStatuses!.Single().RestartCount >= 2);
    }

    [Fact]
    public void With_Never_a_failed_container_next_to_a_running_one_keeps_the_pod_Running_and_then_Failed()
    {
        Run(Exiting("two", "Never", ("bad", "exit 1"), ("good", "sleep 20; exit 0")));
        RunUntil(10);
        Assert.Equal("Running", Get("two")!.Status!.Phase);
        RunUntil(40);
        var pod = Get("two")!;
        Assert.Equal("Failed", pod.Status!.Phase);
        Assert.All(pod.Status.ContainerStatuses!, c => Assert.Equal(0, c.RestartCount));
        Assert.Equal(["Pending", "ContainerCreating", "Error"], StatusHistory("two").Take(3));
    }

    [Fact]
    public void With_OnFailure_two_containers_that_both_exit_0_make_the_pod_Succeeded()
    {
        Run(Exiting("pair", "OnFailure", ("a", "exit 0"), ("b", "sleep 5")));
        RunUntil(30);
        Assert.Equal("Succeeded", Get("pair")!.Status!.Phase);
        Assert.Equal("Completed", Column("pair").Status);
    }
}
