using ActorPods.Actors;
using ActorPods.Api.Quantities;
using ActorPods.Userland.Images;

namespace ActorPods.Sim.Cluster;

// The contract between the cluster assembly and the node side (ActorPods.Node). Defined here until the node branch is
// merged; the integrator reconciles these with the node engineer's types and points INodeFactory at NodeActor.Props.

/// <summary>One simulated machine: what the kubelet registers as its Node object and uses for pod IPs and pulls.</summary>
/// <param name="Name">node-1 … node-N; also the actor host the node's actors live on.</param>
/// <param name="PodCidrIndex">Pods on this node get IPs 10.244.&lt;PodCidrIndex&gt;.&lt;k&gt;.</param>
public sealed record NodeConfig(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    NodeCapacity Capacity,
    int PodCidrIndex,
    ImagePullSettings ImagePull,
    string KubeletVersion = NodeConfig.DefaultKubeletVersion)
{
    public const string DefaultKubeletVersion = "v1.32.0";

    /// <summary>10.244.&lt;index&gt;.0/24, as the node IPAM controller assigns spec.podCIDR.</summary>
    public string PodCidr => $"10.244.{PodCidrIndex}.0/24";

    /// <summary>The node's InternalIP (status.addresses, status.hostIP of its pods).</summary>
    public string InternalIp => $"192.168.49.{PodCidrIndex + 2}";
}

/// <summary>status.capacity of a node; allocatable equals capacity (no system reservations in the simulation).</summary>
public sealed record NodeCapacity(Quantity Cpu, Quantity Memory, int Pods)
{
    public static NodeCapacity Default { get; } = new(Quantity.Parse("4"), Quantity.Parse("8Gi"), 110);
}

/// <summary>How image pulls behave on a node.</summary>
/// <param name="Latency">Time a pull of an image not yet present takes.</param>
/// <param name="UnreachableRegistries">Registry hosts whose pulls fail (ErrImagePull / ImagePullBackOff), e.g. "gcr.io".</param>
public sealed record ImagePullSettings(TimeSpan Latency, IReadOnlyList<string> UnreachableRegistries)
{
    public static ImagePullSettings Default { get; } = new(TimeSpan.FromSeconds(2), []);
}

/// <summary>What every node shares with the rest of the simulated cluster.</summary>
/// <param name="Images">The userland image catalog (config/images.yaml).</param>
/// <param name="Network">Pod IP → pod network; nodes register their pods' networks here.</param>
/// <param name="Dns">Cluster DNS, fed from the Services in the api-server.</param>
/// <param name="UserlandGate">Lock held while running userland code that touches shared state (network, DNS) under real time.</param>
public sealed record NodeServices(ImageCatalog Images, ClusterNetwork Network, ClusterDns Dns, object UserlandGate);

/// <summary>Creates the actor that is one node (kubelet and runtime under it). The cluster spawns it on host <c>config.Name</c>.</summary>
public interface INodeFactory
{
    Props Create(NodeConfig config, IActorRef apiServer, NodeServices services);
}

/// <summary>
/// Runs a command in a running container (kubectl exec), sent to the node actor of the pod's node; answered with
/// <see cref="ExecResult"/> to the sender.
/// </summary>
public sealed record ExecInContainer(string Namespace, string Pod, string Container, IReadOnlyList<string> Command);

/// <summary>Reply to <see cref="ExecInContainer"/>: the exit code and the combined stdout/stderr.</summary>
public sealed record ExecResult(int ExitCode, string Output);

// Observations the node side publishes on system.EventStream (mirrors of ActorPods.Node.Observability); the trace
// recorder turns them into probe / hook / signal / log records.

/// <summary>A probe ran: <paramref name="Probe"/> is liveness/readiness/startup, <paramref name="Result"/> success/failure/unknown.</summary>
public sealed record ProbeResultObserved(string Namespace, string Pod, string Container, string Probe, string Result, string Output);

/// <summary>A lifecycle hook (postStart/preStop) started or finished: <paramref name="Phase"/> started/finished.</summary>
public sealed record HookObserved(string Namespace, string Pod, string Container, string Hook, string Phase, string Result);

/// <summary>A signal was delivered to a container's main process (SIGTERM, SIGKILL).</summary>
public sealed record SignalObserved(string Namespace, string Pod, string Container, string Signal);

/// <summary>A line a container wrote to stdout/stderr.</summary>
public sealed record ContainerLogLine(string Namespace, string Pod, string Container, string Line);
