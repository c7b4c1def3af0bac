namespace ActorPods.Node.Tests;

/// <summary>Init containers one at a time; native sidecars start in order, stay up, and stop last in reverse order.</summary>
public sealed class InitContainerSpec : NodeSpec
{
    [Fact]
    public void Init_containers_run_one_after_another_and_the_status_goes_Init_0_2_Init_1_2_PodInitializing_Running()
    {
        Run(Example("init-containers-sequential-sleep.yaml"));
        RunUntil(40);
        Assert.Equal(["Pending", "Init:0/2", "Init:1/2", "PodInitializing", "Running"], StatusHistory("my-pod"));
        var starts = Log.Events.Where(e => e.Reason == "Started").Select(e => (e.FieldPath, e.At)).ToList();
        Assert.Equal(["spec.initContainers{init-container-1}", "spec.initContainers{init-container-2}", "spec.containers{main-container}"],
            starts.Select(s => s.FieldPath));
        Assert.InRange((starts[1].At - starts[0].At).TotalSeconds, 5, 8.1);   // 5 s sleep + relist + pull
        Assert.InRange((starts[2].At - starts[1].At).TotalSeconds, 10, 13.1);
        var pod = Get("my-pod")!;
        Assert.All(pod.Status!.InitContainerStatuses!, s => Assert.Equal("Completed", s.State!.Terminated!.Reason));
        Assert.Equal("True", pod.Status.Conditions!.Single(c => c.Type == "Initialized").Status);
        var initializing = Log.Pods.First(v => v.Summary.Status == "Init:1/2").Pod.Status!.Conditions!.Single(c => c.Type == "Initialized");
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [init-container-2]"),
            (initializing.Status, initializing.Reason, initializing.Message));
    }

    [Fact]
    public void A_failing_init_container_is_restarted_with_back_off_and_the_pod_stays_Pending()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: waits
            spec:
              initContainers:
              - name: check
                image: busybox:1.36
                command: ["sh", "-c", "exit 1"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(60);
        var pod = Get("waits")!;
        Assert.Equal("Pending", pod.Status!.Phase);
        Assert.True(pod.Status.InitContainerStatuses!.Single().RestartCount >= 2);
        Assert.Contains("Init:CrashLoopBackOff", StatusHistory("waits"));
        Assert.Contains("Init:Error", StatusHistory("waits"));
        Assert.DoesNotContain(Log.Events, e => e.FieldPath == "spec.containers{app}");
    }

    [Fact]
    public void With_restartPolicy_Never_a_failing_init_container_fails_the_pod()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: once
            spec:
              restartPolicy: Never
              initContainers:
              - name: check
                image: busybox:1.36
                command: ["sh", "-c", "exit 3"]
              containers:
              - name: app
                image: busybox:1.36
            """));
        RunUntil(20);
        var pod = Get("once")!;
        Assert.Equal("Failed", pod.Status!.Phase);
        Assert.Equal("Init:Error", Column("once").Status);
        Assert.Equal(0, pod.Status.InitContainerStatuses!.Single().RestartCount);
    }

    [Fact]
    public void Sidecars_start_in_order_before_the_next_init_container_and_stop_after_the_app_in_reverse_order()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: mesh
            spec:
              terminationGracePeriodSeconds: 30
              initContainers:
              - name: proxy
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
              - name: logs
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
              - name: setup
                image: busybox:1.36
                command: ["sh", "-c", "sleep 2"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
            """));
        RunUntil(20);
        var order = Log.Events.Where(e => e.Reason == "Started").Select(e => e.FieldPath).ToList();
        Assert.Equal(["spec.initContainers{proxy}", "spec.initContainers{logs}", "spec.initContainers{setup}", "spec.containers{app}"], order);
        Assert.Equal("3/3", Column("mesh").Ready);
        Assert.Equal("Running", Column("mesh").Status);

        Delete("mesh");
        RunUntil(40);
        var sigterms = Observations.Where(o => o.What is SignalObserved { Signal: "SIGTERM" }).Select(o => o.What.Container).ToList();
        Assert.Equal(["app", "logs", "proxy"], sigterms);
        Assert.Null(Get("mesh"));
    }

    [Fact]
    public void A_sidecar_that_exits_is_restarted_even_with_restartPolicy_Never()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: flaky
            spec:
              restartPolicy: Never
              initContainers:
              - name: proxy
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "sleep 5; exit 1"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(30);
        var pod = Get("flaky")!;
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.True(pod.Status.InitContainerStatuses!.Single().RestartCount >= 1);
    }
}
