using ActorPods.Api.Model;
using ActorPods.Api.Printing.Describe;
using ActorPods.Api.Quantities;
using static ActorPods.Api.Tests.Printing.PodBuilders;

namespace ActorPods.Api.Tests.Printing;

/// <summary>`kubectl describe node`, layout after kubectl v0.32 describe.go describeNode / describeNodeResource.</summary>
public class NodeDescriberTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2026-02-27T09:00:00Z");

    private static Dictionary<string, Quantity> Resources(params (string Name, string Value)[] items) =>
        items.ToDictionary(i => i.Name, i => Quantity.Parse(i.Value));

    private static Node Node() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "node-1", CreationTimestamp = Created,
            Labels = new() { ["kubernetes.io/hostname"] = "node-1", ["node-role.kubernetes.io/control-plane"] = "" },
            Annotations = new() { ["node.alpha.kubernetes.io/ttl"] = "0" },
        },
        Spec = new NodeSpec
        {
            PodCIDR = "10.244.0.0/24", PodCIDRs = ["10.244.0.0/24"],
            Taints = [new Taint { Key = "node-role.kubernetes.io/control-plane", Effect = "NoSchedule" }, new Taint { Key = "dedicated", Value = "gpu", Effect = "NoExecute" }],
        },
        Status = new NodeStatus
        {
            Capacity = Resources(("cpu", "2"), ("memory", "4Gi"), ("pods", "110"), ("ephemeral-storage", "20Gi")),
            Allocatable = Resources(("cpu", "2"), ("memory", "4Gi"), ("pods", "110"), ("ephemeral-storage", "20Gi"), ("example.com/gpu", "1")),
            Conditions =
            [
                new NodeCondition { Type = "MemoryPressure", Status = "False", LastHeartbeatTime = Now.AddSeconds(-8), LastTransitionTime = Created, Reason = "KubeletHasSufficientMemory", Message = "kubelet has sufficient memory available" },
                new NodeCondition { Type = "Ready", Status = "True", LastHeartbeatTime = Now.AddSeconds(-8), LastTransitionTime = Created.AddSeconds(20), Reason = "KubeletReady", Message = "kubelet is posting ready status" },
            ],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.49.2" }, new NodeAddress { Type = "Hostname", Address = "node-1" }],
            NodeInfo = new NodeSystemInfo
            {
                MachineID = "m1", SystemUUID = "u1", BootID = "b1", KernelVersion = "6.8.0", OsImage = "Ubuntu 24.04 LTS", OperatingSystem = "linux",
                Architecture = "amd64", ContainerRuntimeVersion = "containerd://1.7.22", KubeletVersion = "v1.32.0", KubeProxyVersion = "v1.32.0",
            },
        },
    };

    private static Pod PodWith(string name, string cpuRequest, string memoryLimit)
    {
        var pod = Pod(name, 1, "Running");
        pod.Metadata!.Namespace = "default";
        pod.Metadata.CreationTimestamp = Now.AddMinutes(-30);
        pod.Spec!.Containers![0].Resources = new ResourceRequirements
        {
            Requests = Resources(("cpu", cpuRequest)),
            Limits = Resources(("memory", memoryLimit)),
        };
        return pod;
    }

    [Fact]
    public void Describes_a_node_like_kubectl()
    {
        var lease = new Lease { Spec = new LeaseSpec { HolderIdentity = "node-1", RenewTime = Now.AddSeconds(-3) } };
        var text = NodeDescriber.Describe(Node(), [PodWith("web", "250m", "512Mi"), PodWith("db", "1", "1Gi")], lease, [], Now);
        Assert.Equal(
            """
            Name:               node-1
            Roles:              control-plane
            Labels:             kubernetes.io/hostname=node-1
                                node-role.kubernetes.io/control-plane=
            Annotations:        node.alpha.kubernetes.io/ttl: 0
            CreationTimestamp:  Fri, 27 Feb 2026 09:00:00 +0000
            Taints:             dedicated=gpu:NoExecute
                                node-role.kubernetes.io/control-plane:NoSchedule
            Unschedulable:      false
            Lease:
              HolderIdentity:  node-1
              AcquireTime:     <unset>
              RenewTime:       Sun, 01 Mar 2026 11:59:57 +0000
            Conditions:
              Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
              ----             ------  -----------------                 ------------------                ------                       -------
              MemoryPressure   False   Sun, 01 Mar 2026 11:59:52 +0000   Fri, 27 Feb 2026 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
              Ready            True    Sun, 01 Mar 2026 11:59:52 +0000   Fri, 27 Feb 2026 09:00:20 +0000   KubeletReady                 kubelet is posting ready status
            Addresses:
              InternalIP:  192.168.49.2
              Hostname:    node-1
            Capacity:
              cpu:                2
              ephemeral-storage:  20Gi
              memory:             4Gi
              pods:               110
            Allocatable:
              cpu:                2
              ephemeral-storage:  20Gi
              example.com/gpu:    1
              memory:             4Gi
              pods:               110
            System Info:
              Machine ID:                 m1
              System UUID:                u1
              Boot ID:                    b1
              Kernel Version:             6.8.0
              OS Image:                   Ubuntu 24.04 LTS
              Operating System:           linux
              Architecture:               amd64
              Container Runtime Version:  containerd://1.7.22
              Kubelet Version:            v1.32.0
              Kube-Proxy Version:         v1.32.0
            PodCIDR:                      10.244.0.0/24
            PodCIDRs:                     10.244.0.0/24
            Non-terminated Pods:          (2 in total)
              Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
              ---------                   ----    ------------  ----------  ---------------  -------------  ---
              default                     web     250m (12%)    0 (0%)      0 (0%)           512Mi (12%)    30m
              default                     db      1 (50%)       0 (0%)      0 (0%)           1Gi (25%)      30m
            Allocated resources:
              (Total limits may be over 100 percent, i.e., overcommitted.)
              Resource           Requests     Limits
              --------           --------     ------
              cpu                1250m (62%)  0 (0%)
              memory             0 (0%)       1536Mi (37%)
              ephemeral-storage  0 (0%)       0 (0%)
              example.com/gpu    0            0
            Events:              <none>

            """.Replace("\r\n", "\n"), text);
    }

    [Fact]
    public void Missing_lease_reads_like_the_api_error()
    {
        Assert.Contains("Lease:              Failed to get lease: leases.coordination.k8s.io \"node-1\" not found\n",
            NodeDescriber.Describe(Node(), [], null, null, Now));
    }

    [Theory]
    [InlineData("k", "v", "NoSchedule", "k=v:NoSchedule")]
    [InlineData("k", null, "NoExecute", "k:NoExecute")]
    [InlineData("k", "v", null, "k=v:")]
    [InlineData("k", null, null, "k")]
    public void Taints_read_like_kubectl(string key, string? value, string? effect, string expected) =>
        Assert.Equal(expected, NodeDescriber.FormatTaint(new Taint { Key = key, Value = value, Effect = effect }));

    [Fact]
    public void Sidecar_and_init_requests_follow_the_kubectl_resource_helper()
    {
        var pod = Pod("p", 1, "Running");
        pod.Spec!.Containers![0].Resources = new ResourceRequirements { Requests = Resources(("cpu", "100m")) };
        pod.Spec.InitContainers =
        [
            new Container { Name = "sidecar", RestartPolicy = "Always", Resources = new ResourceRequirements { Requests = Resources(("cpu", "50m")) } },
            new Container { Name = "migrate", Resources = new ResourceRequirements { Requests = Resources(("cpu", "500m")) } },
        ];
        // max(100m + 50m, 500m + 50m) = 550m
        Assert.Equal("550m", PodResources.RequestsAndLimits(pod).Requests["cpu"].ToString());
    }
}
