using ActorPods.Node.Kubelet.Prober;

namespace ActorPods.Node.Tests;

/// <summary>
/// prober.go's outcome table beyond plain failures: successThreshold, a probe that errors (result thrown away), and
/// an httpGet redirect to another host (ProbeWarning, counted as success).
/// </summary>
public sealed class ProbeOutcomeSpec : NodeSpec
{
    [Fact]
    public void With_successThreshold_3_readiness_turns_true_only_on_the_third_consecutive_success()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: steady
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 6; touch /tmp/ready; sleep 3600"]
                readinessProbe:
                  exec:
                    command: ["cat", "/tmp/ready"]
                  periodSeconds: 4
                  successThreshold: 3
            """));
        RunUntil(40);
        var successes = Observations.Where(o => o.What is ProbeResultObserved { Probe: "readiness", Result: "success" }).Select(o => o.At).ToList();
        Assert.True(successes.Count >= 3);
        var ready = FirstTime("steady", v => v.Summary.Ready == "1/1");
        Assert.Equal(successes[2], ready);
        Assert.True(ready - successes[0] >= TimeSpan.FromSeconds(8));   // two more periods after the first success
        Assert.Equal("1/1", Column("steady").Ready);
    }

    [Fact]
    public void An_exec_probe_whose_command_does_not_exist_errors_and_the_result_is_thrown_away()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: missing
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
                livenessProbe:
                  exec:
                    command: ["healthcheck", "--quick"]
                  periodSeconds: 2
                  failureThreshold: 1
            """));
        RunUntil(30);
        var unhealthy = EventsWith("Unhealthy");
        Assert.NotEmpty(unhealthy);
        Assert.Matches(
            "^Liveness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: failed to start exec \"[0-9a-f]{64}\": "
            + "OCI runtime exec failed: exec failed: unable to start container process: exec: \"healthcheck\": executable file not found in \\$PATH: unknown$",
            unhealthy[0].Message);
        Assert.Contains(Observations, o => o.What is ProbeResultObserved { Probe: "liveness", Result: "unknown" });
        // An errored probe never counts towards failureThreshold: no kill, no restart.
        Assert.Empty(EventsWith("Killing"));
        Assert.Equal(0, Get("missing")!.Status!.ContainerStatuses!.Single().RestartCount);
        Assert.Equal("1/1", Column("missing").Ready);
    }

    [Fact]
    public void A_probe_port_naming_no_container_port_errors_with_the_strconv_error_kubelet_1_32_reports()
    {
        // pkg/probe/util.go ResolveContainerPort (1.32): the name lookup fails, the strconv.Atoi fallback's error is
        // returned; the result is unknown, so it never counts towards a threshold.
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: unnamed
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports:
                - {name: http, containerPort: 80}
                livenessProbe:
                  tcpSocket: {port: metrics}
                  periodSeconds: 5
                  failureThreshold: 1
                readinessProbe:
                  httpGet: {path: /, port: healthz}
                  periodSeconds: 5
            """));
        RunUntil(30);
        var messages = EventsWith("Unhealthy").Select(e => e.Message).Distinct().ToList();
        Assert.Contains("Liveness probe errored and resulted in unknown state: strconv.Atoi: parsing \"metrics\": invalid syntax", messages);
        Assert.Contains("Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"healthz\": invalid syntax", messages);
        Assert.Equal(2, messages.Count);
        Assert.Empty(EventsWith("Killing"));
        Assert.Equal("0/1", Column("unnamed").Ready);
    }

    [Fact]
    public void The_shared_probe_counters_count_every_run_by_type_and_result_as_the_trace_sees_them()
    {
        // readiness fails until /tmp/ready exists, then succeeds; liveness errors (no such command); startup succeeds.
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: counted
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 7; touch /tmp/ready; sleep 3600"]
                startupProbe:
                  exec: {command: ["true"]}
                  periodSeconds: 1
                readinessProbe:
                  exec: {command: ["cat", "/tmp/ready"]}
                  periodSeconds: 2
                livenessProbe:
                  exec: {command: ["healthcheck"]}
                  periodSeconds: 3
            """));
        RunUntil(40);
        var counters = Services.ProbeResults;
        var observed = Observations.Select(o => o.What).OfType<ProbeResultObserved>().ToList();
        foreach (var (type, name) in new[] { (ProbeType.Startup, "startup"), (ProbeType.Readiness, "readiness"), (ProbeType.Liveness, "liveness") })
        {
            Assert.Equal(observed.Count(p => p.Probe == name && p.Result == "success"), counters.Count(type, ProbeRunResult.Successful));
            Assert.Equal(observed.Count(p => p.Probe == name && p.Result == "failure"), counters.Count(type, ProbeRunResult.Failed));
            Assert.Equal(observed.Count(p => p.Probe == name && p.Result == "unknown"), counters.Count(type, ProbeRunResult.Unknown));
        }
        Assert.True(counters.Count(ProbeType.Readiness, ProbeRunResult.Failed) >= 2);
        Assert.True(counters.Count(ProbeType.Readiness, ProbeRunResult.Successful) >= 10);
        Assert.True(counters.Count(ProbeType.Liveness, ProbeRunResult.Unknown) >= 8);
        Assert.Equal(1, counters.Count(ProbeType.Startup, ProbeRunResult.Successful));
        Assert.Equal(observed.Count, counters.Total);
        Assert.Equal(observed.Count(p => p.Result == "failure"), counters.Count(ProbeRunResult.Failed));
    }

    [Fact]
    public void An_httpGet_redirect_to_another_host_is_a_ProbeWarning_and_counts_as_success()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: redirect
            spec:
              containers:
              - name: agnhost
                image: registry.k8s.io/e2e-test-images/agnhost:2.40
                args: ["liveness"]
                livenessProbe:
                  httpGet:
                    path: /redirect?loc=http%3A%2F%2F0.0.0.0%2F
                    port: 8080
                  initialDelaySeconds: 15
                  failureThreshold: 1
            """));
        RunUntil(60);
        // The e2e test "should *not* be restarted with a non-local redirect http liveness probe" (test/e2e/common/node/container_probe.go).
        var warning = EventsWith("ProbeWarning").First();
        Assert.Equal("Liveness probe warning: Probe terminated redirects, Response body: <a href=\"http://0.0.0.0/\">Found</a>.\n\n", warning.Message);
        Assert.Equal("Warning", warning.Type);
        Assert.Empty(EventsWith("Unhealthy"));
        Assert.Empty(EventsWith("Killing"));
        Assert.All(Observations.Where(o => o.What is ProbeResultObserved { Probe: "liveness" }), o => Assert.Equal("success", ((ProbeResultObserved)o.What).Result));
    }

    [Fact]
    public void An_httpGet_redirect_to_the_same_host_is_followed()
    {
        // agnhost liveness: /healthz answers 200 for 10 s, then 500; the redirect leads there.
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: local
            spec:
              containers:
              - name: agnhost
                image: registry.k8s.io/e2e-test-images/agnhost:2.40
                args: ["liveness"]
                livenessProbe:
                  httpGet:
                    path: /redirect?loc=%2Fhealthz
                    port: 8080
                  periodSeconds: 3
                  failureThreshold: 1
            """));
        RunUntil(30);
        Assert.Empty(EventsWith("ProbeWarning"));
        Assert.Equal("Liveness probe failed: HTTP probe failed with statuscode: 500", EventsWith("Unhealthy").First().Message);
        Assert.Equal("Container agnhost failed liveness probe, will be restarted", EventsWith("Killing").First().Message);
    }
}
