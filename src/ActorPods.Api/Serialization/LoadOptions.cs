namespace ActorPods.Api.Serialization;

/// <summary>How strictly <see cref="ManifestLoader"/> reads manifests.</summary>
public sealed record LoadOptions
{
    public static LoadOptions Strict { get; } = new();
    public static LoadOptions Lenient { get; } = new() { RejectUnknownFields = false };

    /// <summary>
    /// Reject fields the model does not know, with their path (kubectl --validate=strict, the default
    /// since kubectl 1.25). When false, unknown fields are dropped silently (--validate=false).
    /// </summary>
    public bool RejectUnknownFields { get; init; } = true;

    /// <summary>Reject a key repeated in one YAML mapping (sigs.k8s.io/yaml strict conversion). When false, the last value wins.</summary>
    public bool RejectDuplicateKeys { get; init; } = true;

    /// <summary>Descend into sub-directories of a directory argument (kubectl -R).</summary>
    public bool Recursive { get; init; }

    /// <summary>The kinds that can be loaded; defaults to every kind this library models.</summary>
    public KindRegistry Registry { get; init; } = KindRegistry.Default;
}
