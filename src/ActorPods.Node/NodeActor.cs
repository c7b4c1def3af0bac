using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet;
using ActorPods.Node.Kubelet.Images;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Node;

/// <summary>
/// The machine: registers its Node object (capacity, allocatable, conditions, addresses, nodeInfo) and is the parent
/// of everything running on it — the image service and the kubelet with its pod workers, containers and probes.
/// Spawned with <c>.WithHost(config.Name)</c>: stopping or partitioning that host is a node crash.
/// </summary>
public sealed class NodeActor : Actor
{
    private readonly NodeConfig _config;
    private readonly IActorRef _api;
    private readonly NodeServices _services;
    private IActorRef _kubelet = null!;

    public NodeActor(NodeConfig config, IActorRef apiServer, NodeServices services)
    {
        _config = config;
        _api = apiServer;
        _services = services;
        Receive<ObjectResult>(r =>
        {
            // Re-registration after a restart: the Node exists already, so only its status is refreshed.
            if (r.Error is { Code: 409 }) _api.Tell(new Update(BuildNode(), "status"), Self);
        });
        Receive<GetContainerLogs>(m => _kubelet.Forward(m));
        Receive<ExecInContainer>(m => _kubelet.Forward(m));
        Receive<AddStaticPod>(m => _kubelet.Forward(m));
        Receive<RemoveStaticPod>(m => _kubelet.Forward(m));
        Receive<StopKubelet>(m => _kubelet.Forward(m));
        Receive<StartKubelet>(m => _kubelet.Forward(m));
        Receive<KillContainer>(m => _kubelet.Forward(m));
        Receive<FailProbeTarget>(m => _kubelet.Forward(m));
    }

    public static Props Props(NodeConfig config, IActorRef apiServer, NodeServices services) =>
        Actors.Props.Create(() => new NodeActor(config, apiServer, services));

    protected override void PreStart()
    {
        _api.Tell(new Create(BuildNode()), Self);
        var storage = _services.Storage.For(_config.Name);
        var disk = _services.Disk ?? storage.Disk;
        var images = Context.ActorOf(ImageServiceActor.Props(_config, storage.Images), "image-service");
        _kubelet = Context.ActorOf(KubeletActor.Props(_config, _api, _services, disk, images), "kubelet");
    }

    private Api.Model.Node BuildNode()
    {
        var now = Context.Now;
        var labels = new Dictionary<string, string>
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = _config.Name,
            ["kubernetes.io/os"] = "linux",
        };
        foreach (var (k, v) in _config.Labels) labels[k] = v;
        var resources = new Dictionary<string, Quantity>
        {
            ["cpu"] = _config.Cpu,
            ["ephemeral-storage"] = Quantity.Parse("100Gi"),
            ["hugepages-1Gi"] = Quantity.Parse("0"),
            ["hugepages-2Mi"] = Quantity.Parse("0"),
            ["memory"] = _config.Memory,
            ["pods"] = _config.Pods,
        };
        var uuid = StableUuid(_config.Name);
        return new Api.Model.Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new ObjectMeta
            {
                Name = _config.Name,
                Labels = labels,
                Annotations = new Dictionary<string, string>
                {
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            Spec = new NodeSpec { PodCIDR = _config.PodCidr, PodCIDRs = [_config.PodCidr], ProviderID = "kind://docker/actorpods/" + _config.Name },
            Status = new NodeStatus
            {
                Capacity = new Dictionary<string, Quantity>(resources),
                Allocatable = new Dictionary<string, Quantity>(resources),
                Conditions = HealthyConditions(now, now),
                Addresses = [new NodeAddress { Type = "InternalIP", Address = _config.NodeIp }, new NodeAddress { Type = "Hostname", Address = _config.Name }],
                DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = 10250 } },
                NodeInfo = new NodeSystemInfo
                {
                    MachineID = uuid.Replace("-", ""),
                    SystemUUID = uuid,
                    BootID = StableUuid(_config.Name + "/boot"),
                    KernelVersion = "6.8.0-1015-gcp",
                    OsImage = "Debian GNU/Linux 12 (bookworm)",
                    ContainerRuntimeVersion = "containerd://1.7.18",
                    KubeletVersion = _config.KubeletVersion,
                    KubeProxyVersion = _config.KubeletVersion,
                    OperatingSystem = "linux",
                    Architecture = "amd64",
                },
            },
        };
    }

    /// <summary>The type and status of each of <see cref="HealthyConditions"/>, in the same order.</summary>
    public static readonly (string Type, string Status)[] HealthyConditionStatuses =
        [("MemoryPressure", "False"), ("DiskPressure", "False"), ("PIDPressure", "False"), ("Ready", "True")];

    /// <summary>The four kubelet conditions of a healthy node (kubelet_node_status.go setters).</summary>
    public static List<NodeCondition> HealthyConditions(DateTimeOffset heartbeat, DateTimeOffset? transition) =>
    [
        new() { Type = "MemoryPressure", Status = "False", LastHeartbeatTime = heartbeat, LastTransitionTime = transition, Reason = "KubeletHasSufficientMemory", Message = "kubelet has sufficient memory available" },
        new() { Type = "DiskPressure", Status = "False", LastHeartbeatTime = heartbeat, LastTransitionTime = transition, Reason = "KubeletHasNoDiskPressure", Message = "kubelet has no disk pressure" },
        new() { Type = "PIDPressure", Status = "False", LastHeartbeatTime = heartbeat, LastTransitionTime = transition, Reason = "KubeletHasSufficientPID", Message = "kubelet has sufficient PID available" },
        new() { Type = "Ready", Status = "True", LastHeartbeatTime = heartbeat, LastTransitionTime = transition, Reason = "KubeletReady", Message = "kubelet is posting ready status" },
    ];

    private static string StableUuid(string seed)
    {
        var h = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new Guid(h.AsSpan(0, 16)).ToString();
    }
}
