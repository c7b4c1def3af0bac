using System.Text.Json.Serialization;

namespace ActorPods.Api.Model;

/// <summary>
/// Common shape of every top-level Kubernetes object: apiVersion, kind, metadata.
/// Mutable on purpose: the api-server defaults, patches and bumps resourceVersion in place.
/// </summary>
public abstract class KubeObject
{
    // Base properties first, as Kubernetes writes them (System.Text.Json would put derived ones first).
    [JsonPropertyOrder(-3)]
    public string? ApiVersion { get; set; }
    [JsonPropertyOrder(-2)]
    public string? Kind { get; set; }
    [JsonPropertyOrder(-1)]
    public ObjectMeta? Metadata { get; set; }

    /// <summary>Where this object was read from (file, line, column); not serialized.</summary>
    [JsonIgnore]
    public SourceLocation? Origin { get; set; }

    /// <summary>
    /// Where each field was read from, by JSON path ("spec.containers[0].image"); null for objects
    /// not loaded from a file. Lets later checks (validation, the kubelet) point at the line.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, SourceLocation>? FieldOrigins { get; set; }

    /// <summary>The location of a field, or of its closest enclosing field that has one, else of the object.</summary>
    public SourceLocation? OriginOf(string fieldPath)
    {
        if (FieldOrigins is null) return Origin;
        var path = fieldPath;
        while (path.Length > 0)
        {
            if (FieldOrigins.TryGetValue(path, out var location)) return location;
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? "" : path[..cut];
        }
        return Origin;
    }

    /// <summary>Metadata, created on first use, so callers can write <c>obj.Meta.Name = ...</c>.</summary>
    [JsonIgnore]
    public ObjectMeta Meta => Metadata ??= new ObjectMeta();
}

public static class KubeObjectExtensions
{
    /// <summary>A full copy that shares nothing mutable with the original (source location included).</summary>
    public static T DeepClone<T>(this T obj) where T : KubeObject => ModelCloner.Clone(obj);
}

/// <summary>The file position an object (or a field of it) was loaded from.</summary>
/// <param name="File">Path as given to the loader, or a display name such as "&lt;stdin&gt;".</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
