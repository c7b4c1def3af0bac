using System.Text;

namespace ActorPods.Api.Serialization;

/// <summary>What kind of problem a <see cref="ManifestError"/> is, for callers that map errors to HTTP codes or exit codes.</summary>
public enum ManifestErrorKind
{
    /// <summary>A path that does not exist, or a directory without manifests.</summary>
    Io,
    /// <summary>YAML that does not parse.</summary>
    Syntax,
    /// <summary>A key repeated in one mapping.</summary>
    DuplicateKey,
    /// <summary>A document without apiVersion/kind, or not a mapping at all.</summary>
    NotAnObject,
    /// <summary>apiVersion/kind not served (kubectl: no matches for kind).</summary>
    UnknownKind,
    /// <summary>A field the type does not have.</summary>
    UnknownField,
    /// <summary>A value of the wrong type or form (number for string, bad quantity, bad timestamp).</summary>
    InvalidValue,
    /// <summary>The content loaded but is not what the caller asked for.</summary>
    Unexpected,
}

/// <summary>
/// One problem found while loading a manifest.
/// <see cref="Message"/> is worded as kubectl / the api-server word it (tests pin it);
/// <see cref="Hint"/> is our own suggestion, when the likely fix is obvious.
/// </summary>
/// <param name="File">The file as given to the loader.</param>
/// <param name="Line">1-based line of the offending key or value.</param>
/// <param name="Column">1-based column.</param>
/// <param name="FieldPath">JSON field path such as <c>spec.containers[0].livenessProbe.periodSecond</c>, when known.</param>
public sealed record ManifestError(string File, int Line, int Column, string? FieldPath, string Message, string? Hint)
{
    public ManifestErrorKind Category { get; init; } = ManifestErrorKind.InvalidValue;

    /// <summary>The object the error belongs to, e.g. <c>Pod "web"</c>, when it is known.</summary>
    public string? Subject { get; init; }

    public override string ToString()
    {
        var sb = new StringBuilder().Append(File);
        if (Line > 0) sb.Append(':').Append(Line).Append(':').Append(Column);
        sb.Append(": ");
        if (Subject is not null) sb.Append(Subject).Append(": ");
        sb.Append(Message);
        if (Hint is not null) sb.Append("\n  hint: ").Append(Hint);
        return sb.ToString();
    }
}

/// <summary>Thrown by the throwing <see cref="ManifestLoader"/> methods; carries every error found, not just the first.</summary>
public sealed class ManifestException(IReadOnlyList<ManifestError> errors)
    : Exception(string.Join("\n", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ManifestError> Errors { get; } = errors;
}
