namespace ActorPods.Node.Tests;

/// <summary>grpc probes (pkg/probe/grpc/grpc.go): SERVING succeeds, everything else fails with the prober's own text.</summary>
public sealed class GrpcProbeSpec : NodeSpec
{
    private const string HealthServer = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: grpc
        spec:
          containers:
          - name: server
            image: registry.k8s.io/e2e-test-images/agnhost:2.40
            args: ["grpc-health-checking"]
            readinessProbe:
              grpc: {port: 5000}
              periodSeconds: 2
          - name: client
            image: busybox:1.36
            command: ["sh", "-c", "sleep 3600"]
        """;

    [Fact]
    public void A_SERVING_health_check_makes_the_container_ready_and_NOT_SERVING_takes_readiness_away()
    {
        Run(PodOf(HealthServer));
        RunUntil(15);
        Assert.Equal("2/2", Column("grpc").Ready);
        Assert.Contains(Observations, o => o.What is ProbeResultObserved { Probe: "readiness", Result: "success", Output: "service healthy" });
        Assert.Empty(EventsWith("Unhealthy"));

        var flip = Exec("grpc", "client", "wget", "-qO-", "http://127.0.0.1:8080/make-not-serving");
        Assert.Equal(0, flip.ExitCode);
        RunUntil(25);
        Assert.Equal("Readiness probe failed: service unhealthy (responded with \"NOT_SERVING\")", EventsWith("Unhealthy").First().Message);
        Assert.Equal("1/2", Column("grpc").Ready);
        Assert.Empty(EventsWith("Killing"));   // readiness never restarts anything
    }

    [Fact]
    public void A_server_without_the_health_service_fails_liveness_with_the_unimplemented_text_and_is_restarted()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: nohealth
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                livenessProbe:
                  grpc: {port: 80}
                  periodSeconds: 3
            """));
        RunUntil(20);
        var unhealthy = EventsWith("Unhealthy");
        Assert.Equal("Liveness probe failed: error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health",
            unhealthy.First().Message);
        Assert.Equal("Container nginx failed liveness probe, will be restarted", EventsWith("Killing").First().Message);
    }

    [Fact]
    public void An_unknown_service_name_fails_with_the_NotFound_rpc_error()
    {
        Run(PodOf(HealthServer.Replace("grpc: {port: 5000}", "grpc: {port: 5000, service: payments}")));
        RunUntil(15);
        Assert.Equal("Readiness probe failed: error: health rpc probe failed: rpc error: code = NotFound desc = unknown service",
            EventsWith("Unhealthy").First().Message);
        Assert.Equal("1/2", Column("grpc").Ready);
    }
}
