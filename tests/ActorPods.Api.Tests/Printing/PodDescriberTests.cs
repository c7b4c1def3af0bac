using ActorPods.Api.Model;
using ActorPods.Api.Printing.Describe;
using ActorPods.Api.Quantities;
using static ActorPods.Api.Tests.Printing.PodBuilders;

namespace ActorPods.Api.Tests.Printing;

/// <summary>`kubectl describe pod` texts; layout after kubectl v0.32 pkg/describe/describe.go describePod.</summary>
public class PodDescriberTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2026-03-01T11:55:00Z");

    private static Pod NginxPod() => new()
    {
        Metadata = new ObjectMeta { Name = "nginx", Namespace = "default", Labels = new() { ["run"] = "nginx" }, CreationTimestamp = Created },
        Spec = new PodSpec
        {
            Priority = 0,
            ServiceAccountName = "default",
            NodeName = "minikube",
            Containers =
            [
                new Container
                {
                    Name = "nginx", Image = "nginx",
                    VolumeMounts = [new VolumeMount { Name = "kube-api-access-abcde", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly = true }],
                },
            ],
            Volumes =
            [
                new Volume
                {
                    Name = "kube-api-access-abcde",
                    Projected = new ProjectedVolumeSource
                    {
                        Sources =
                        [
                            new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { ExpirationSeconds = 3607, Path = "token" } },
                            new VolumeProjection { ConfigMap = new ConfigMapProjection { Name = "kube-root-ca.crt" } },
                            new VolumeProjection { DownwardAPI = new DownwardApiProjection() },
                        ],
                    },
                },
            ],
            Tolerations =
            [
                new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                new Toleration { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
            ],
        },
        Status = new PodStatus
        {
            Phase = "Running",
            HostIP = "192.168.49.2",
            PodIP = "10.244.0.5",
            PodIPs = [new PodIP { Ip = "10.244.0.5" }],
            StartTime = Created,
            QosClass = "BestEffort",
            Conditions =
            [
                Condition("PodReadyToStartContainers", "True"), Condition("Initialized", "True"), Condition("Ready", "True"),
                Condition("ContainersReady", "True"), Condition("PodScheduled", "True"),
            ],
            ContainerStatuses =
            [
                new ContainerStatus
                {
                    Name = "nginx", Ready = true, RestartCount = 0, Image = "docker.io/library/nginx:latest",
                    ImageID = "docker.io/library/nginx@sha256:0d17b565", ContainerID = "containerd://4b7c0f3a",
                    State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Created.AddSeconds(5) } },
                },
            ],
        },
    };

    private static Event Event(string type, string reason, string message, string source, TimeSpan firstAgo, TimeSpan lastAgo, int count = 1) => new()
    {
        Type = type, Reason = reason, Message = message, Source = new EventSource { Component = source },
        FirstTimestamp = Ago(firstAgo), LastTimestamp = Ago(lastAgo), Count = count,
    };

    [Fact]
    public void Describes_a_running_pod_like_kubectl()
    {
        var events = new[]
        {
            Event("Normal", "Scheduled", "Successfully assigned default/nginx to minikube", "default-scheduler", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)),
            Event("Normal", "Pulling", "Pulling image \"nginx\"", "kubelet", TimeSpan.FromSeconds(299), TimeSpan.FromSeconds(299)),
        };
        Assert.Equal(
            """
            Name:             nginx
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             minikube/192.168.49.2
            Start Time:       Sun, 01 Mar 2026 11:55:00 +0000
            Labels:           run=nginx
            Annotations:      <none>
            Status:           Running
            IP:               10.244.0.5
            IPs:
              IP:  10.244.0.5
            Containers:
              nginx:
                Container ID:   containerd://4b7c0f3a
                Image:          nginx
                Image ID:       docker.io/library/nginx@sha256:0d17b565
                Port:           <none>
                Host Port:      <none>
                State:          Running
                  Started:      Sun, 01 Mar 2026 11:55:05 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
            Conditions:
              Type                        Status
              PodReadyToStartContainers   True 
              Initialized                 True 
              Ready                       True 
              ContainersReady             True 
              PodScheduled                True 
            Volumes:
              kube-api-access-abcde:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                ConfigMapOptional:       <nil>
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age    From               Message
              ----    ------     ----   ----               -------
              Normal  Scheduled  5m     default-scheduler  Successfully assigned default/nginx to minikube
              Normal  Pulling    4m59s  kubelet            Pulling image "nginx"

            """.Replace("\r\n", "\n"),
            PodDescriber.Describe(NginxPod(), events, Now));
    }

    [Fact]
    public void Without_events_requested_there_is_no_events_section_and_an_empty_list_says_none()
    {
        Assert.DoesNotContain("Events:", PodDescriber.Describe(NginxPod(), null, Now));
        Assert.EndsWith("Events:                      <none>\n", PodDescriber.Describe(NginxPod(), [], Now));
    }

    [Fact]
    public void Describes_a_crash_looping_container_with_probes_env_and_resources()
    {
        var pod = NginxPod();
        pod.Metadata!.Name = "liveness-exec";
        pod.Metadata.Labels = new() { ["test"] = "liveness", ["app"] = "demo" };
        pod.Metadata.Annotations = new() { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}", ["owner"] = "team-a" };
        pod.Spec!.Volumes = [new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource() }];
        pod.Spec.Tolerations = null;
        pod.Status!.QosClass = null;
        pod.Status.Conditions = null;
        var c = pod.Spec.Containers![0];
        c.Name = "liveness";
        c.Image = "registry.k8s.io/busybox";
        c.Args = ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"];
        c.Ports = [new ContainerPortSpec { ContainerPort = 8080, Protocol = "TCP" }];
        c.Resources = new ResourceRequirements
        {
            Limits = new() { ["memory"] = Quantity.Parse("128Mi"), ["cpu"] = Quantity.Parse("500m") },
            Requests = new() { ["memory"] = Quantity.Parse("64Mi"), ["cpu"] = Quantity.Parse("0.25") },
        };
        c.LivenessProbe = new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/healthy"] }, InitialDelaySeconds = 5, TimeoutSeconds = 1, PeriodSeconds = 5, SuccessThreshold = 1, FailureThreshold = 3 };
        c.ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = 8080, Scheme = "HTTP" }, InitialDelaySeconds = 3, TimeoutSeconds = 1, PeriodSeconds = 3, SuccessThreshold = 1, FailureThreshold = 3 };
        c.StartupProbe = new Probe { TcpSocket = new TcpSocketAction { Port = 8080 }, TimeoutSeconds = 1, PeriodSeconds = 10, SuccessThreshold = 1, FailureThreshold = 30 };
        c.Env =
        [
            new EnvVar { Name = "GREETING", Value = "hello\nworld" },
            new EnvVar { Name = "MY_POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.name" } } },
            new EnvVar { Name = "MY_POD_IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "status.podIP" } } },
            new EnvVar { Name = "MY_CPU_LIMIT", ValueFrom = new EnvVarSource { ResourceFieldRef = new ResourceFieldSelector { ContainerName = "liveness", Resource = "limits.cpu", Divisor = Quantity.Parse("1m") } } },
            new EnvVar { Name = "MY_EPHEMERAL_LIMIT", ValueFrom = new EnvVarSource { ResourceFieldRef = new ResourceFieldSelector { Resource = "limits.memory", Divisor = Quantity.Parse("1Mi") } } },
            new EnvVar { Name = "PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "password" } } },
            new EnvVar { Name = "MODE", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "cfg", Key = "mode", Optional = true } } },
        ];
        c.EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "cfg" } }, new EnvFromSource { Prefix = "DB_", SecretRef = new SecretEnvSource { Name = "db" } }];
        c.VolumeMounts = [new VolumeMount { Name = "cache", MountPath = "/cache", SubPath = "data" }, new VolumeMount { Name = "cache", MountPath = "/a", ReadOnly = true }];
        pod.Status.ContainerStatuses![0] = new ContainerStatus
        {
            Name = "liveness", Ready = false, RestartCount = 6, ContainerID = "containerd://9f2e", ImageID = "registry.k8s.io/busybox@sha256:1ff6",
            State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 5m0s" } },
            LastState = new ContainerState
            {
                Terminated = new ContainerStateTerminated { Reason = "Error", ExitCode = 137, StartedAt = Created.AddMinutes(2), FinishedAt = Created.AddMinutes(3) },
            },
        };
        var events = new[]
        {
            Event("Warning", "Unhealthy", "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", "kubelet",
                TimeSpan.FromMinutes(239), TimeSpan.FromMinutes(3), 6),
            Event("Normal", "Scheduled", "Successfully assigned default/liveness-exec to minikube", "default-scheduler", TimeSpan.FromHours(4), TimeSpan.FromHours(4)),
        };

        var text = PodDescriber.Describe(pod, events, Now);
        Assert.Equal(
            """
            Name:             liveness-exec
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             minikube/192.168.49.2
            Start Time:       Sun, 01 Mar 2026 11:55:00 +0000
            Labels:           app=demo
                              test=liveness
            Annotations:      owner: team-a
            Status:           Running
            IP:               10.244.0.5
            IPs:
              IP:  10.244.0.5
            Containers:
              liveness:
                Container ID:  containerd://9f2e
                Image:         registry.k8s.io/busybox
                Image ID:      registry.k8s.io/busybox@sha256:1ff6
                Port:          8080/TCP
                Host Port:     0/TCP
                Args:
                  /bin/sh
                  -c
                  touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
                State:          Waiting
                  Reason:       CrashLoopBackOff
                Last State:     Terminated
                  Reason:       Error
                  Exit Code:    137
                  Started:      Sun, 01 Mar 2026 11:57:00 +0000
                  Finished:     Sun, 01 Mar 2026 11:58:00 +0000
                Ready:          False
                Restart Count:  6
                Limits:
                  cpu:     500m
                  memory:  128Mi
                Requests:
                  cpu:      250m
                  memory:   64Mi
                Liveness:   exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3
                Readiness:  http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3
                Startup:    tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=30
                Environment Variables from:
                  cfg  ConfigMap                 Optional: false
                  db   Secret with prefix 'DB_'  Optional: false
                Environment:
                  GREETING:            hello
                                       world
                  MY_POD_NAME:         liveness-exec (v1:metadata.name)
                  MY_POD_IP:            (v1:status.podIP)
                  MY_CPU_LIMIT:        500 (limits.cpu)
                  MY_EPHEMERAL_LIMIT:  128 (limits.memory)
                  PASSWORD:            <set to the key 'password' in secret 'db'>   Optional: false
                  MODE:                <set to the key 'mode' of config map 'cfg'>  Optional: true
                Mounts:
                  /a from cache (ro)
                  /cache from cache (rw,path="data")
            Volumes:
              cache:
                Type:        EmptyDir (a temporary directory that shares a pod's lifetime)
                Medium:      
                SizeLimit:   <unset>
            QoS Class:       Burstable
            Node-Selectors:  <none>
            Tolerations:     <none>
            Events:
              Type     Reason     Age                 From               Message
              ----     ------     ----                ----               -------
              Normal   Scheduled  4h                  default-scheduler  Successfully assigned default/liveness-exec to minikube
              Warning  Unhealthy  3m (x6 over 3h59m)  kubelet            Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void A_pod_being_deleted_shows_Terminating_and_its_grace_period()
    {
        var pod = NginxPod();
        pod.Metadata!.DeletionTimestamp = Now.AddSeconds(30);
        pod.Metadata.DeletionGracePeriodSeconds = 30;
        var text = PodDescriber.Describe(pod, null, Now);
        Assert.Contains("Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n", text);
        pod.Metadata.DeletionTimestamp = Now.AddSeconds(-5);
        Assert.Contains("Terminating (lasts 5s)", PodDescriber.Describe(pod, null, Now));
    }

    [Theory]
    [InlineData("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 300L, "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s")]
    [InlineData("dedicated", "Equal", "gpu", "NoSchedule", null, "dedicated=gpu:NoSchedule")]
    [InlineData(null, "Exists", null, null, null, "op=Exists")]
    [InlineData(null, "Exists", null, "NoSchedule", null, ":NoSchedule op=Exists")]
    public void Tolerations_read_like_kubectl(string? key, string op, string? value, string? effect, long? seconds, string expected) =>
        Assert.Equal(expected, PodDescriber.FormatToleration(new Toleration { Key = key, Operator = op, Value = value, Effect = effect, TolerationSeconds = seconds }));

    [Fact]
    public void Probe_lines_cover_every_handler()
    {
        Assert.Equal("http-get https://10.0.0.1:8443/readyz delay=0s timeout=0s period=0s #success=0 #failure=0",
            ProbeDescription.Describe(new Probe { HttpGet = new HttpGetAction { Host = "10.0.0.1", Port = 8443, Path = "/readyz", Scheme = "HTTPS" } }));
        Assert.Equal("http-get http://:http/ delay=1s timeout=1s period=10s #success=1 #failure=3",
            ProbeDescription.Describe(new Probe { HttpGet = new HttpGetAction { Port = "http", Path = "/", Scheme = "HTTP" }, InitialDelaySeconds = 1, TimeoutSeconds = 1, PeriodSeconds = 10, SuccessThreshold = 1, FailureThreshold = 3 }));
        Assert.Equal("grpc <pod>:2379  delay=0s timeout=0s period=0s #success=0 #failure=0",
            ProbeDescription.Describe(new Probe { Grpc = new GrpcAction { Port = 2379 } }));
        Assert.Equal("unknown delay=0s timeout=0s period=0s #success=0 #failure=0", ProbeDescription.Describe(new Probe()));
    }

    [Fact]
    public void Qos_class_is_computed_when_status_has_none()
    {
        var pod = NginxPod();
        pod.Status!.QosClass = null;
        Assert.Equal("BestEffort", QosClass.Get(pod));
        pod.Spec!.Containers![0].Resources = new ResourceRequirements
        {
            Limits = new() { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("1Gi") },
            Requests = new() { ["cpu"] = Quantity.Parse("1000m"), ["memory"] = Quantity.Parse("1Gi") },
        };
        Assert.Equal("Guaranteed", QosClass.Get(pod));
        pod.Spec.Containers[0].Resources!.Requests!["cpu"] = Quantity.Parse("500m");
        Assert.Equal("Burstable", QosClass.Get(pod));
    }

    [Fact]
    public void Ephemeral_debug_containers_get_their_own_section()
    {
        var pod = NginxPod();
        pod.Spec!.EphemeralContainers = [new EphemeralContainer { Name = "debugger-x7k", Image = "busybox", TargetContainerName = "nginx" }];
        pod.Status!.EphemeralContainerStatuses =
        [
            new ContainerStatus { Name = "debugger-x7k", State = new ContainerState { Terminated = new ContainerStateTerminated { Reason = "Completed", ExitCode = 0 } } },
        ];
        var text = PodDescriber.Describe(pod, null, Now);
        Assert.Contains("Ephemeral Containers:\n  debugger-x7k:\n    Container ID:   \n    Image:          busybox\n", text);
        Assert.Contains("    State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n", text);
    }
}
