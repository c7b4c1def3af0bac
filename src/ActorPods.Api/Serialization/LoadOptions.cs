namespace ActorPods.Api.Serialization;

/// <summary>What to do with fields the model does not know: the api-server's fieldValidation modes.</summary>
public enum FieldValidation
{
    /// <summary>Reject the object (kubectl --validate=strict, the default).</summary>
    Strict,
    /// <summary>Load it, dropping the field, and report a warning (--validate=warn).</summary>
    Warn,
    /// <summary>Drop the field silently (--validate=false).</summary>
    Ignore,
}

/// <summary>How strictly <see cref="ManifestLoader"/> reads manifests.</summary>
public sealed record LoadOptions
{
    public static LoadOptions Strict { get; } = new();
    public static LoadOptions Lenient { get; } = new() { FieldValidation = FieldValidation.Ignore };

    /// <summary>Unknown fields: rejected with their path (default), warned about, or ignored.</summary>
    public FieldValidation FieldValidation { get; init; } = FieldValidation.Strict;

    /// <summary>
    /// Shorthand for <see cref="FieldValidation"/>: true is Strict (kubectl --validate=strict, the default
    /// since kubectl 1.25), false is Ignore (--validate=false).
    /// </summary>
    public bool RejectUnknownFields
    {
        get => FieldValidation == FieldValidation.Strict;
        init => FieldValidation = value ? FieldValidation.Strict : FieldValidation.Ignore;
    }

    /// <summary>Reject a key repeated in one YAML mapping (sigs.k8s.io/yaml strict conversion). When false, the last value wins.</summary>
    public bool RejectDuplicateKeys { get; init; } = true;

    /// <summary>Descend into sub-directories of a directory argument (kubectl -R).</summary>
    public bool Recursive { get; init; }

    /// <summary>The kinds that can be loaded; defaults to every kind this library models.</summary>
    public KindRegistry Registry { get; init; } = KindRegistry.Default;
}
