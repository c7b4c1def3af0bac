using ActorPods.Api.Model;

namespace ActorPods.Node.Tests;

/// <summary>Prober workers: thresholds, startup gating, readiness gating Ready, the kubelet's failure texts.</summary>
public sealed class ProbeSpec : NodeSpec
{
    [Fact]
    public void A_failing_exec_liveness_probe_kills_and_restarts_the_container_after_three_failures()
    {
        Run(Example("k8s-io-exec-liveness.yaml"));
        RunUntil(90);

        var unhealthy = EventsWith("Unhealthy");
        Assert.NotEmpty(unhealthy);
        Assert.All(unhealthy, e => Assert.StartsWith("Liveness probe failed: ", e.Message));
        Assert.Contains("/tmp/healthy", unhealthy[0].Message);
        var killing = EventsWith("Killing").Single();
        Assert.Equal("Container liveness failed liveness probe, will be restarted", killing.Message);
        // Three consecutive failures, 5 s apart, the third one kills.
        var failures = Observations.Where(o => o.What is ProbeResultObserved { Probe: "liveness", Result: "failure" }).Select(o => o.At).ToList();
        Assert.True(failures.Count >= 3);
        Assert.Equal(failures[2], killing.At);
        Assert.Equal(TimeSpan.FromSeconds(10), failures[2] - failures[0]);
        Assert.InRange(failures[0].TotalSeconds, 32, 38);   // the file is removed 30 s after the start at ~2 s

        var pod = Get("liveness-exec")!;
        var c = pod.Status!.ContainerStatuses!.Single();
        Assert.Equal(1, c.RestartCount);
        Assert.NotNull(c.State!.Running);
        // sh as PID 1 has no SIGTERM handler, so the kubelet waits out the 30 s grace and SIGKILLs it.
        Assert.Equal(137, c.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", c.LastState.Terminated.Reason);
        var sigkill = Observations.Single(o => o.What is SignalObserved { Signal: "SIGKILL" }).At;
        Assert.Equal(killing.At + TimeSpan.FromSeconds(30), sigkill);
        var summary = Column("liveness-exec");
        Assert.Equal(1, summary.Restarts);
        Assert.Equal("Running", summary.Status);
        Assert.Contains(Observations, o => o.What is SignalObserved { Signal: "SIGTERM", Container: "liveness" });
    }

    private const string ReadinessPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: ready
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "sleep 15; touch /tmp/ready; sleep 3600"]
            readinessProbe:
              exec:
                command: ["cat", "/tmp/ready"]
              periodSeconds: 5
        """;

    [Fact]
    public void Readiness_starts_false_and_gates_the_Ready_condition_until_the_probe_succeeds()
    {
        Run(PodOf(ReadinessPod));
        RunUntil(8);
        var pod = Get("ready")!;
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal("0/1", Column("ready").Ready);
        var ready = pod.Status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [app]"), (ready.Status, ready.Reason, ready.Message));
        var c = pod.Status.ContainerStatuses!.Single();
        Assert.True(c.Started);
        Assert.False(c.Ready);

        RunUntil(30);
        Assert.Equal("1/1", Column("ready").Ready);
        Assert.Equal("True", Get("ready")!.Status!.Conditions!.Single(x => x.Type == "Ready").Status);
        Assert.Empty(EventsWith("Killing"));
        var firstReady = FirstTime("ready", v => v.Summary.Ready == "1/1");
        Assert.InRange(firstReady.TotalSeconds, 17, 23);  // touched at ~17 s, next 5 s tick
    }

    [Fact]
    public void The_readiness_manual_trigger_probes_as_soon_as_the_status_shows_the_container_running()
    {
        Run(PodOf(ReadinessPod.Replace("sleep 15; touch /tmp/ready; sleep 3600", "touch /tmp/ready; sleep 3600").Replace("periodSeconds: 5", "periodSeconds: 30")));
        RunUntil(10);
        // Without the trigger the first successful probe would wait for the 30 s tick.
        Assert.Equal("1/1", Column("ready").Ready);
    }

    [Fact]
    public void A_startup_probe_holds_liveness_and_readiness_until_it_succeeds()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: slow
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]
                startupProbe:
                  exec:
                    command: ["cat", "/tmp/started"]
                  periodSeconds: 2
                  failureThreshold: 30
                livenessProbe:
                  exec:
                    command: ["cat", "/tmp/started"]
                  periodSeconds: 3
            """));
        RunUntil(15);
        var c = Get("slow")!.Status!.ContainerStatuses!.Single();
        Assert.False(c.Started);
        Assert.Equal("0/1", Column("slow").Ready);
        RunUntil(40);
        var startupOk = Observations.First(o => o.What is ProbeResultObserved { Probe: "startup", Result: "success" }).At;
        var liveness = Observations.Where(o => o.What is ProbeResultObserved { Probe: "liveness" }).Select(o => o.At).ToList();
        Assert.NotEmpty(liveness);
        Assert.True(liveness.Min() > startupOk);
        Assert.True(Get("slow")!.Status!.ContainerStatuses!.Single().Started);
        Assert.Equal("1/1", Column("slow").Ready);
        Assert.Empty(EventsWith("Killing"));
    }

    [Fact]
    public void A_tcp_liveness_probe_on_a_closed_port_reports_connection_refused_with_the_pod_ip()
    {
        Run(Example("liveness-tcpsocket-wrong-port.yaml"));
        RunUntil(40);
        var unhealthy = EventsWith("Unhealthy").First();
        Assert.Equal("Liveness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused", unhealthy.Message);
        Assert.Equal("Container nginx failed liveness probe, will be restarted", EventsWith("Killing").Single().Message);
    }

    [Fact]
    public void An_exec_probe_that_outlives_its_timeout_fails_with_the_kubelet_timeout_text()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: slowprobe
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
                readinessProbe:
                  exec:
                    command: ["sh", "-c", "sleep 5"]
                  timeoutSeconds: 1
            """));
        RunUntil(15);
        Assert.Equal("Readiness probe failed: command \"sh -c sleep 5\" timed out", EventsWith("Unhealthy").First().Message);
    }

    [Fact]
    public void A_probe_level_termination_grace_period_overrides_the_pod_one_for_a_liveness_kill()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: quick
            spec:
              terminationGracePeriodSeconds: 60
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
                livenessProbe:
                  exec:
                    command: ["cat", "/nonexistent"]
                  periodSeconds: 2
                  failureThreshold: 1
                  terminationGracePeriodSeconds: 3
            """));
        RunUntil(20);
        var killing = EventsWith("Killing").First().At;
        var sigkill = Observations.First(o => o.What is SignalObserved { Signal: "SIGKILL" }).At;
        Assert.Equal(TimeSpan.FromSeconds(3), sigkill - killing);
        Assert.True(Get("quick")!.Status!.ContainerStatuses!.Single().RestartCount >= 1);
    }

    [Fact]
    public void An_httpGet_liveness_probe_on_a_missing_path_fails_with_the_status_code_and_readiness_on_the_root_succeeds()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                ports:
                - name: http
                  containerPort: 80
                readinessProbe:
                  httpGet: {path: /, port: http}
                livenessProbe:
                  httpGet: {path: /healthz, port: 80}
                  periodSeconds: 5
            """));
        RunUntil(25);
        Assert.Equal("Liveness probe failed: HTTP probe failed with statuscode: 404", EventsWith("Unhealthy").First().Message);
        Assert.Equal("Container nginx failed liveness probe, will be restarted", EventsWith("Killing").First().Message);
        Assert.Contains(Observations, o => o.What is ProbeResultObserved { Probe: "readiness", Result: "success" });
    }

    [Fact]
    public void A_liveness_prober_that_decided_a_kill_stays_on_hold_while_the_container_still_serves_until_it_restarts()
    {
        // worker.go doProbe: after a liveness failure the worker is on hold until a new container ID; the old
        // container keeps answering during its preStop, but nobody probes it.
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: held
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                lifecycle:
                  preStop:
                    exec:
                      command: ["sh", "-c", "sleep 20"]
                livenessProbe:
                  httpGet: {path: /healthz, port: 80}
                  periodSeconds: 2
                  failureThreshold: 1
            """));
        RunUntil(60);
        var killing = EventsWith("Killing").First().At;
        var restarted = EventsWith("Started").Select(e => e.At).First(t => t > killing);
        Assert.True(restarted - killing >= TimeSpan.FromSeconds(20));
        var livenessRuns = Observations.Where(o => o.What is ProbeResultObserved { Probe: "liveness" }).Select(o => o.At).ToList();
        Assert.Contains(livenessRuns, t => t <= killing);
        Assert.DoesNotContain(livenessRuns, t => t > killing && t < restarted);
        Assert.Contains(livenessRuns, t => t > restarted);
    }
}
