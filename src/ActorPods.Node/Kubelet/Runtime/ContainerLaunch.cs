using ActorPods.Userland.Images;
using ActorPods.Userland.Network;
using ApiContainer = ActorPods.Api.Model.Container;
using UserContainerSpec = ActorPods.Userland.Processes.ContainerSpec;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>Everything one container instance needs, prepared by the PodWorker (env, mounts and image resolved).</summary>
public sealed record ContainerLaunch(
    string ContainerId,
    string Namespace,
    string PodName,
    string PodUid,
    ApiContainer Spec,
    bool IsInit,
    UserContainerSpec UserSpec,
    ContainerImage Image,
    PodNetwork Network,
    IClusterNetwork Cluster,
    IDnsView Dns,
    ContainerLog Log,
    UserlandGate Gate,
    EventRecorder Recorder)
{
    public string Name => Spec.Name ?? "";

    /// <summary>Where probers dial this instance for httpGet / tcpSocket / grpc probes (attached while its actor lives).</summary>
    public NetworkProbeEndpoint ProbeEndpoint { get; } = new();
    public string FieldPath => EventRecorder.FieldPath(Name, IsInit);

    /// <summary>format.Pod: name_namespace(uid).</summary>
    public string PodFormat => $"{PodName}_{Namespace}({PodUid})";
}
