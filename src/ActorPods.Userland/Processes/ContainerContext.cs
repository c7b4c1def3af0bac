using ActorPods.Userland.Hosting;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Processes;

/// <summary>
/// The world around a container, supplied by the ContainerActor: virtual time, where logs go,
/// the pod's network namespace (shared with its sibling containers), and the cluster's IP and
/// DNS views (which may change while the container runs).
/// </summary>
public sealed record ContainerContext(
    IUserlandHost Host,
    PodNetwork Pod,
    IClusterNetwork Cluster,
    IDnsView Dns,
    ILogSink Log)
{
    /// <summary>A standalone container: no cluster, logs discarded.</summary>
    public static ContainerContext Isolated(IUserlandHost host, string podIp = "10.244.0.10") =>
        new(host, new PodNetwork(podIp), IsolatedNetwork.Instance, IsolatedNetwork.Instance, NullLogSink.Instance);
}
