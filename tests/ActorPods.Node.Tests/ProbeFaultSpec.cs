using ActorPods.Api.Model;

namespace ActorPods.Node.Tests;

/// <summary>FailProbeTarget: what the probe checks breaks for a while; the prober and the kubelet react by themselves.</summary>
public sealed class ProbeFaultSpec : NodeSpec
{
    private NodeFaultResult Fail(string pod, string container, string probe, double seconds)
    {
        Probe.Send(Node, new FailProbeTarget("default", pod, container, probe, TimeSpan.FromSeconds(seconds)));
        return ExpectMsg<NodeFaultResult>();
    }

    private int Restarts(string pod) => Get(pod)!.Status!.ContainerStatuses!.Single().RestartCount ?? 0;

    private bool Ready(string pod) => Get(pod)!.Status!.Conditions!.Single(c => c.Type == "Ready").Status == "True";

    [Fact]
    public void A_liveness_httpGet_target_answering_500_gets_the_container_restarted_until_the_fault_ends()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: web
                image: nginx
                imagePullPolicy: IfNotPresent
                livenessProbe:
                  httpGet: {path: /, port: 80}
                  periodSeconds: 2
                  failureThreshold: 2
            """));
        RunUntil(10);
        Assert.Equal(0, Restarts("web"));

        var result = Fail("web", "web", "liveness", 20);
        Assert.True(result.Ok, result.Message);
        Assert.Contains("answers 500", result.Message);
        // The second kill (about 18 s) is restarted after its 20 s back-off, at the sync ticker's second after that:
        // count restarts once it has happened.
        RunUntil(40);
        var unhealthy = EventsWith("Unhealthy");
        Assert.NotEmpty(unhealthy);
        Assert.Equal("Liveness probe failed: HTTP probe failed with statuscode: 500", unhealthy[0].Message);
        Assert.Equal("Container web failed liveness probe, will be restarted", EventsWith("Killing")[0].Message);
        Assert.All(unhealthy, e => Assert.True(e.At <= TimeSpan.FromSeconds(30.01), $"Unhealthy at {e.At} after the fault ended"));
        var afterFault = Restarts("web");
        Assert.True(afterFault >= 1);

        RunUntil(90);
        Assert.Equal(afterFault, Restarts("web"));
        Assert.True(Ready("web"));
    }

    [Fact]
    public void A_readiness_tcpSocket_target_refusing_makes_the_pod_not_Ready_without_a_restart_then_Ready_again()
    {
        var pod = Run(PodOf("""
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
                  periodSeconds: 2
            """));
        RunUntil(10);
        Assert.True(Ready("web"));

        Assert.True(Fail("web", "web", "readiness", 10).Ok);
        RunUntil(19);
        Assert.False(Ready("web"));
        Assert.Equal("0/1", Column("web").Ready);
        var ip = Get("web")!.Status!.PodIP;
        Assert.Equal($"Readiness probe failed: dial tcp {ip}:80: connect: connection refused", EventsWith("Unhealthy")[0].Message);

        RunUntil(30);
        Assert.True(Ready("web"));
        Assert.Equal(0, Restarts("web"));
        Assert.Empty(EventsWith("Killing"));
        // The server itself kept listening: the port answers again without the process having noticed anything.
        Assert.Equal(0, Exec("web", "web", "wget", "-q", "-O", "-", "http://127.0.0.1/").ExitCode);
        _ = pod;
    }

    [Fact]
    public void A_liveness_exec_target_file_vanishes_then_comes_back()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: liveness-exec
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "echo ok > /tmp/healthy; sleep 3600"]
                livenessProbe:
                  exec:
                    command: ["cat", "/tmp/healthy"]
                  periodSeconds: 5
            """));
        RunUntil(10);
        Assert.True(Fail("liveness-exec", "app", "liveness", 12).Ok);
        RunUntil(23);
        Assert.Equal("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n", EventsWith("Unhealthy")[0].Message);

        RunUntil(60);
        var restarts = Restarts("liveness-exec");
        Assert.True(restarts >= 1, "the failing liveness probe restarted the container");
        var cat = Exec("liveness-exec", "app", "cat", "/tmp/healthy");
        Assert.Equal((0, "ok\n"), (cat.ExitCode, cat.Output));
        RunUntil(120);
        Assert.Equal(restarts, Restarts("liveness-exec"));
    }

    [Fact]
    public void A_readiness_grpc_target_answers_NOT_SERVING_for_the_duration()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: grpc
            spec:
              containers:
              - name: srv
                image: grpc-server
                imagePullPolicy: IfNotPresent
                readinessProbe:
                  grpc: {port: 9000}
                  periodSeconds: 2
            """));
        RunUntil(10);
        Assert.True(Ready("grpc"));
        Assert.True(Fail("grpc", "srv", "readiness", 10).Ok);
        RunUntil(19);
        Assert.False(Ready("grpc"));
        Assert.Equal("Readiness probe failed: service unhealthy (responded with \"NOT_SERVING\")", EventsWith("Unhealthy")[0].Message);
        RunUntil(30);
        Assert.True(Ready("grpc"));
    }

    [Fact]
    public void A_probe_the_container_does_not_have_is_refused()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: plain
            spec:
              containers:
              - name: web
                image: nginx
            """));
        RunUntil(10);
        var r = Fail("plain", "web", "liveness", 10);
        Assert.False(r.Ok);
        Assert.Contains("no liveness probe", r.Message);
    }
}
