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
    /// <summary>Source of $RANDOM; give it the simulation's seeded generator. Without one each
    /// container gets a fixed seed, so runs stay reproducible.</summary>
    public Random? Random { get; init; }

    /// <summary>Virtual time a script that never waits consumes per slice of 10 000 commands.
    /// Zero (the default) yields at the same instant: nothing else is starved, but virtual time
    /// cannot pass while such a loop runs; a small value models the CPU it burns instead.</summary>
    public TimeSpan BusyLoopSlice { get; init; }

    /// <summary>A standalone container: no cluster, logs discarded.</summary>
    public static ContainerContext Isolated(IUserlandHost host, string podIp = "10.244.0.10") =>
        new(host, new PodNetwork(podIp), IsolatedNetwork.Instance, IsolatedNetwork.Instance, NullLogSink.Instance);
}
