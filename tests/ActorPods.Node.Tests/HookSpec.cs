namespace ActorPods.Node.Tests;

/// <summary>postStart: runs right after the start, holds the container's Running status and the next container.</summary>
public sealed class HookSpec : NodeSpec
{
    [Fact]
    public void A_slow_postStart_holds_the_container_Running_status_and_the_start_of_the_next_container()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: hold
            spec:
              containers:
              - name: proxy
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
                lifecycle:
                  postStart:
                    exec:
                      command: ["sh", "-c", "sleep 10"]
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(8);
        var proxy = Get("hold")!.Status!.ContainerStatuses!.Single(c => c.Name == "proxy");
        Assert.Equal("ContainerCreating", proxy.State!.Waiting!.Reason);
        Assert.Equal("ContainerCreating", Column("hold").Status);

        RunUntil(20);
        var starts = Log.Events.Where(e => e.Reason == "Started").ToList();
        var proxyStarted = starts.Single(e => e.FieldPath == "spec.containers{proxy}").At;
        var appStarted = starts.Single(e => e.FieldPath == "spec.containers{app}").At;
        Assert.Equal(TimeSpan.FromSeconds(10), appStarted - proxyStarted);
        var hook = Observations.Where(o => o.What is HookObserved { Hook: "postStart" }).Select(o => o.At).ToList();
        Assert.Equal([proxyStarted, proxyStarted + TimeSpan.FromSeconds(10)], hook);
        Assert.True(FirstTime("hold", v => v.Pod.Status?.ContainerStatuses?.Any(c => c.Name == "proxy" && c.State?.Running is not null) == true)
                    >= proxyStarted + TimeSpan.FromSeconds(10));
        Assert.Equal("2/2", Column("hold").Ready);
    }

    [Fact]
    public void PostStart_and_the_entrypoint_run_concurrently()
    {
        Run(Example("poststart-exec-log-order.yaml"));
        RunUntil(10);
        Assert.Empty(EventsWith("FailedPostStartHook"));
        Assert.Equal("Running", Column("nginx-test-post-start").Status);
    }

    [Fact]
    public void A_failing_postStart_kills_the_container_and_restarts_it_with_PostStartHookError()
    {
        var pod = Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: bad
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
                lifecycle:
                  postStart:
                    exec:
                      command: ["sh", "-c", "exit 1"]
            """));
        RunUntil(30);
        Assert.Equal("PostStartHook failed", EventsWith("FailedPostStartHook").First().Message);
        Assert.Equal("FailedPostStartHook", EventsWith("Killing").First().Message);
        var waiting = Log.Pods.Select(v => v.Pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting)
            .FirstOrDefault(w => w?.Reason == "PostStartHookError");
        Assert.NotNull(waiting);
        Assert.Equal($"Exec lifecycle hook ([sh -c exit 1]) for Container \"app\" in Pod \"bad_default({pod.Meta.Uid})\" failed - error: command 'sh -c exit 1' exited with 1: , message: \"\"",
            waiting!.Message);
        Assert.True(Get("bad")!.Status!.ContainerStatuses!.Single().RestartCount >= 1);
    }
    [Fact]
    public void An_httpGet_hook_whose_port_names_no_container_port_fails_with_the_kubelets_parse_error()
    {
        // pkg/probe/util.go ResolveContainerPort (used by lifecycle hooks since 1.31): the name lookup fails, then
        // strconv.Atoi's error is returned.
        var pod = Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: badport
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
                ports:
                - name: http
                  containerPort: 8080
                lifecycle:
                  postStart:
                    httpGet:
                      path: /ready
                      port: web
            """));
        RunUntil(30);
        Assert.Equal("PostStartHook failed", EventsWith("FailedPostStartHook").First().Message);
        var waiting = Log.Pods.Select(v => v.Pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting)
            .FirstOrDefault(w => w?.Reason == "PostStartHookError");
        Assert.NotNull(waiting);
        Assert.Equal($"HTTP lifecycle hook (/ready) for Container \"app\" in Pod \"badport_default({pod.Meta.Uid})\" failed - error: strconv.Atoi: parsing \"web\": invalid syntax",
            waiting!.Message);
    }
}
