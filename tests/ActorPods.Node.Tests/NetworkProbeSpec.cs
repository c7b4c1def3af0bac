using ActorPods.Actors.Scheduling;
using ActorPods.Node.Observability;

namespace ActorPods.Node.Tests;

/// <summary>
/// httpGet / tcpSocket / grpc probes are dialled by the prober itself (prober.go: the kubelet's own HTTP client, TCP
/// dialer and gRPC client against the pod IP; only exec goes through the runtime). An answer that comes at once is
/// handled in the prober's turn; a slow one arrives when the server answers; one slower than timeoutSeconds fails with
/// the Go client's deadline text.
/// </summary>
public sealed class NetworkProbeSpec : NodeSpec
{
    [Fact]
    public void A_slow_answer_within_the_timeout_succeeds_when_it_arrives_and_one_past_it_fails_at_the_timeout()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: slow
            spec:
              containers:
              - name: app
                image: slow-web
                readinessProbe:
                  httpGet: {path: /slow, port: 8080}
                  timeoutSeconds: 3
                  periodSeconds: 10
                livenessProbe:
                  httpGet: {path: /slower, port: 8080}
                  timeoutSeconds: 1
                  periodSeconds: 10
                  failureThreshold: 1
            """));
        RunUntil(35);
        var ip = Get("slow")!.Status!.PodIP;
        var readiness = Observations.Where(o => o.What is ProbeResultObserved { Probe: "readiness" }).ToList();
        var liveness = Observations.Where(o => o.What is ProbeResultObserved { Probe: "liveness" }).ToList();
        Assert.NotEmpty(readiness);
        Assert.NotEmpty(liveness);
        Assert.All(readiness, o => Assert.Equal("success", ((ProbeResultObserved)o.What).Result));
        Assert.All(liveness, o => Assert.Equal(
            $"Get \"http://{ip}:8080/slower\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
            ((ProbeResultObserved)o.What).Output));
        // The workers tick at 0.001 s + 10 s × k (created at the pod's first sync); readiness is also triggered at
        // once when the status first shows the container running (3 s). Readiness answers 2 s after each attempt,
        // liveness gives up 1 s after it — and then kills the container (failureThreshold 1).
        Assert.Equal([5.0, 12.001, 22.001, 32.001], readiness.Select(o => Math.Round(o.At.TotalSeconds, 3)));
        Assert.Equal(11.001, Math.Round(liveness[0].At.TotalSeconds, 3));
        Assert.Equal(TimeSpan.FromSeconds(5), FirstTime("slow", v => v.Summary.Ready == "1/1"));
        Assert.Contains(EventsWith("Killing"), e => e.Message.Contains("failed liveness probe", StringComparison.Ordinal));
    }

    [Fact]
    public void An_httpGet_probe_answered_at_once_costs_its_timer_firing_and_no_round_trip_through_the_container()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: nginx
                image: nginx
                readinessProbe:
                  httpGet: {path: /, port: 80}
                  periodSeconds: 1
            """));
        RunUntil(30);
        Assert.Equal("1/1", Column("web").Ready);
        var scheduler = (VirtualTimeScheduler)Sys.Scheduler;
        var probesBefore = Observations.Count(o => o.What is ProbeResultObserved);
        var deliveriesBefore = scheduler.ProcessedCount;
        RunUntil(130);
        var probes = Observations.Count(o => o.What is ProbeResultObserved) - probesBefore;
        var deliveries = scheduler.ProcessedCount - deliveriesBefore;
        Assert.Equal(100, probes);
        // 100 probe ticks plus the node's and the api-server's own traffic (~90: lease renewals, node status, pod
        // resyncs, watches); a RunProbe and a ProbeAttemptCompleted per run would add 200 more.
        Assert.InRange(deliveries, 100, 250);
    }
}
