using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>Settings of one api-server actor.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Changes kept per kind for watches that resume from a resourceVersion; older ones get 410 Expired.</summary>
    public int WatchHistoryPerKind { get; init; } = 10_000;

    public IAdmission Admission { get; init; } = PassThroughAdmission.Instance;

    public KindRegistry Registry { get; init; } = KindRegistry.Default;

    /// <summary>Namespaces present at start, as a fresh cluster has them.</summary>
    public IReadOnlyList<string> InitialNamespaces { get; init; } = ["default", "kube-node-lease", "kube-public", "kube-system"];

    /// <summary>Namespaces that may never be deleted (NamespaceLifecycle admission's immortal namespaces).</summary>
    public IReadOnlyList<string> ImmortalNamespaces { get; init; } = ["default", "kube-public", "kube-system"];
}
