namespace ActorPods.Api.Defaulting;

/// <summary>What the api-server would take from the request or its flags rather than from the object.</summary>
public sealed record DefaultingOptions
{
    public static DefaultingOptions Default { get; } = new();

    /// <summary>The namespace of the request (kubectl's -n, else the context's, else "default").</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>
    /// Randomness for metadata.generateName (the caller's injected Random, never a shared one). When null, an
    /// object with generateName and no name keeps no name, and validation reports it.
    /// </summary>
    public Random? NameRandom { get; init; }

    /// <summary>
    /// Run the ServiceAccount admission plug-in on pods (serviceAccountName "default" and the kube-api-access-xxxxx
    /// token volume and mounts). Off by default; needs <see cref="NameRandom"/> for the volume's name.
    /// </summary>
    public bool ServiceAccountAdmission { get; init; }

    /// <summary>--default-not-ready-toleration-seconds (kube-apiserver flag, default 300).</summary>
    public long NotReadyTolerationSeconds { get; init; } = 300;

    /// <summary>--default-unreachable-toleration-seconds (default 300).</summary>
    public long UnreachableTolerationSeconds { get; init; } = 300;

    /// <summary>
    /// PriorityClass name to value. The two built-in classes exist in every cluster
    /// (pkg/apis/scheduling/types.go: SystemCriticalPriority = 2000000000, node-critical +1000).
    /// </summary>
    public IReadOnlyDictionary<string, int> PriorityClasses { get; init; } = new Dictionary<string, int>
    {
        ["system-cluster-critical"] = 2000000000,
        ["system-node-critical"] = 2000001000,
    };
}
