using ActorPods.Api.Serialization;

namespace ActorPods.Sim.Config;

/// <summary>A problem in a simulator file (cluster config, scenario, or a manifest it names), with where it is.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>Set for errors that come from the manifest loader, which formats its own (with hints).</summary>
    public string? Formatted { get; init; }

    public static ConfigError FromManifest(ManifestError e) => new(e.File, e.Line, e.Column, e.Message) { Formatted = e.ToString() };

    public override string ToString() =>
        Formatted ?? (Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}");
}

public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
