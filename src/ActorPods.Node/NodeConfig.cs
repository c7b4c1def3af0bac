using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Node;

/// <summary>How the node pulls images: latency for a catalog image and the registries the cluster cannot reach.</summary>
public sealed record ImagePullSettings
{
    /// <summary>Time one pull takes (pulls are serialized per node, as with serializeImagePulls: true).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Registry hosts (e.g. "registry.example.com") whose pulls fail with ErrImagePull.</summary>
    public IReadOnlyList<string> UnreachableRegistries { get; init; } = [];

    /// <summary>Images already in the node's image store at boot ("already present on machine").</summary>
    public IReadOnlyList<string> Preloaded { get; init; } = [];
}

/// <summary>One machine of the cluster. Pod IPs are 10.244.&lt;PodCidrIndex&gt;.&lt;k&gt;.</summary>
public sealed record NodeConfig
{
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public Quantity Cpu { get; init; } = Quantity.Parse("4");
    public Quantity Memory { get; init; } = Quantity.Parse("8Gi");
    public Quantity Pods { get; init; } = Quantity.Parse("110");
    public int PodCidrIndex { get; init; }
    public string? InternalIp { get; init; }
    public ImagePullSettings ImagePull { get; init; } = new();

    /// <summary>The kubelet's container log rotation (containerLogMaxSize / MaxFiles / MonitorInterval).</summary>
    public ContainerLogSettings ContainerLogs { get; init; } = ContainerLogSettings.Default;
    public string KubeletVersion { get; init; } = "v1.32.0";

    /// <summary>Time the runtime needs to create a pod sandbox (pause container + CNI).</summary>
    public TimeSpan SandboxStartup { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The manifests of the node's staticPodPath, as read (not defaulted; <see cref="KubeObject.Origin"/> names the
    /// file). The kubelet runs them without the api-server and publishes mirror pods "&lt;name&gt;-&lt;node&gt;".
    /// </summary>
    public IReadOnlyList<Pod> StaticPods { get; init; } = [];

    public string PodCidr => $"10.244.{PodCidrIndex}.0/24";
    public string NodeIp => InternalIp ?? $"172.18.0.{PodCidrIndex + 2}";
}
