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

    [Fact]
    public void Logs_of_the_previous_instance_survive_a_restart()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: crash
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "echo run at $(date +%s); sleep 3; exit 1"]
            """));
        RunUntil(9);
        var previous = Logs("crash", "app", previous: true);
        Assert.Null(previous.Error);
        Assert.StartsWith("run at ", previous.Text);
        Assert.NotEqual(previous.Text, Logs("crash", "app").Text);
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
