using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>Container config (env, downward API, ConfigMap refs, volumes), logs and termination messages.</summary>
public sealed class EnvAndLogsSpec : NodeSpec
{
    [Fact]
    public void ResourceFieldRef_env_values_are_rounded_up_by_the_divisor()
    {
        Run(Example("env-resource-field-ref.yaml"));
        RunUntil(5);
        var r = Exec("test-env-demo", "test-env-demo-container", "sh", "-c", "echo $CPU_REQUEST $CPU_LIMIT $MEM_REQUEST $MEM_LIMIT");
        Assert.Equal("1 1 33554432 67108864\n", r.Output);
    }

    [Fact]
    public void FieldRef_env_sees_the_node_the_pod_ip_and_the_pod_name()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: downward
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "echo $NODE $IP $NAME/$NS; sleep 3600"]
                env:
                - name: NODE
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                - name: IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                - name: NAME
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: NS
                  valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
            """));
        RunUntil(5);
        Assert.Equal("node-1 10.244.1.2 downward/default\n", Logs("downward", "app").Text);
    }

    [Fact]
    public void A_missing_ConfigMap_is_CreateContainerConfigError_until_it_appears()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: cfg
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "echo mode=$MODE; sleep 3600"]
                env:
                - name: MODE
                  valueFrom:
                    configMapKeyRef: {name: settings, key: mode}
            """));
        RunUntil(20);
        var waiting = Get("cfg")!.Status!.ContainerStatuses!.Single().State!.Waiting!;
        Assert.Equal(("CreateContainerConfigError", "configmap \"settings\" not found"), (waiting.Reason, waiting.Message));
        Assert.Equal("CreateContainerConfigError", Column("cfg").Status);
        Assert.Contains(Log.Events, e => e.Reason == "Failed" && e.Message == "Error: configmap \"settings\" not found");

        Call(new Create(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "settings" }, Data = new() { ["mode"] = "fast" } }));
        RunUntil(45);
        Assert.Equal("Running", Column("cfg").Status);
        Assert.Equal("mode=fast\n", Logs("cfg", "app").Text);
    }

    [Fact]
    public void An_emptyDir_is_shared_by_the_containers_of_a_pod()
    {
        Run(Example("emptydir-shared-volume.yaml"));
        RunUntil(8);
        Assert.Equal(0, Exec("test-pod1", "bs1", "sh", "-c", "echo shared > /cache/note").ExitCode);
        Assert.Equal("shared\n", Exec("test-pod1", "nginx1", "cat", "/cache/note").Output);
    }

    /// <summary>A container that prints when it started, runs 3 s and fails: restarted, then backing off.</summary>
    private static Pod Crasher() => PodOf("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: crash
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "echo run at $(date +%s); sleep 3; exit 1"]
        """);

    [Fact]
    public void Logs_of_the_previous_instance_survive_a_restart()
    {
        Run(Crasher());
        RunUntil(9);
        var previous = Logs("crash", "app", previous: true);
        Assert.Null(previous.Error);
        Assert.StartsWith("run at ", previous.Text);
        Assert.NotEqual(previous.Text, Logs("crash", "app").Text);
    }

    [Fact]
    public void While_it_waits_to_restart_logs_and_previous_both_read_the_instance_that_last_exited()
    {
        // kubelet_pods.go validateContainerLogStatus: waiting (CrashLoopBackOff) with a last terminated state, both
        // read that one; once the next instance runs, the plain logs are its own and --previous the one before.
        Run(Crasher());
        var waitingAt = Enumerable.Range(1, 60).Select(t => (double)t).First(t =>
        {
            RunUntil(t);
            return Column("crash").Status == "CrashLoopBackOff";
        });
        var status = Get("crash")!.Status!.ContainerStatuses!.Single();
        Assert.NotNull(status.State!.Waiting);
        var plain = Logs("crash", "app");
        var previous = Logs("crash", "app", previous: true);
        Assert.Null(plain.Error);
        Assert.StartsWith("run at ", plain.Text);
        Assert.Equal(previous.Text, plain.Text);

        // The next instance, as soon as it runs.
        var t = waitingAt;
        do RunUntil(++t); while (Column("crash").Status != "Running" && t < waitingAt + 60);
        Assert.Equal("Running", Column("crash").Status);
        Assert.NotEqual(plain.Text, Logs("crash", "app").Text);
        Assert.Equal(plain.Text, Logs("crash", "app", previous: true).Text);
    }

    [Fact]
    public void A_container_that_never_started_has_no_logs_and_the_kubelet_says_why()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: nope
            spec:
              containers:
              - name: app
                image: registry.invalid/team/app:1.0
            """));
        var seen = new HashSet<string>();
        for (var t = 1; t <= 60 && seen.Count < 2; t++)
        {
            RunUntil(t);
            var reason = Column("nope").Status;
            var logs = Logs("nope", "app");
            Assert.Empty(logs.Lines);
            var expected = reason switch
            {
                "ErrImagePull" => "image can't be pulled",
                "ImagePullBackOff" => "trying and failing to pull image",
                _ => reason,
            };
            Assert.Equal($"container \"app\" in pod \"nope\" is waiting to start: {expected}", logs.Error);
            if (reason is "ErrImagePull" or "ImagePullBackOff") seen.Add(reason);
        }
        Assert.Equal(2, seen.Count);
        Assert.Equal("previous terminated container \"app\" in pod \"nope\" not found", Logs("nope", "app", previous: true).Error);
    }

    [Fact]
    public void Termination_messages_come_from_the_file_or_with_FallbackToLogsOnError_from_the_log_tail()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: msg
            spec:
              restartPolicy: Never
              containers:
              - name: file
                image: busybox:1.36
                command: ["sh", "-c", "echo done > /dev/termination-log; exit 3"]
              - name: tail
                image: busybox:1.36
                terminationMessagePolicy: FallbackToLogsOnError
                command: ["sh", "-c", "echo oops; exit 2"]
            """));
        RunUntil(10);
        var statuses = Get("msg")!.Status!.ContainerStatuses!;
        Assert.Equal("done\n", statuses.Single(s => s.Name == "file").State!.Terminated!.Message);
        Assert.Equal("oops\n", statuses.Single(s => s.Name == "tail").State!.Terminated!.Message);
        Assert.Equal("Failed", Get("msg")!.Status!.Phase);
    }
}
