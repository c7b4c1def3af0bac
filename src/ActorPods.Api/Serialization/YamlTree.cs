namespace ActorPods.Api.Serialization;

/// <summary>
/// A YAML node with the position it was read from. The loader keeps its own small tree (rather
/// than YamlDotNet's representation model) so that every value, key and error carries a line and column.
/// </summary>
internal abstract class YNode(int line, int column)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

internal enum ScalarKind { Null, Bool, Number, String }

/// <summary>A scalar after YAML 1.1 resolution (as go-yaml v2, which sigs.k8s.io/yaml uses, resolves it).</summary>
internal sealed class YScalar(int line, int column, string raw, ScalarKind kind, string text) : YNode(line, column)
{
    /// <summary>The scalar as written (without quotes).</summary>
    public string Raw { get; } = raw;
    public ScalarKind Kind { get; } = kind;
    /// <summary>The JSON text of the value: the string itself, "true"/"false", or the number as Go's encoding/json writes it.</summary>
    public string Text { get; } = text;
}

internal sealed class YSequence(int line, int column) : YNode(line, column)
{
    public List<YNode> Items { get; } = [];
}

internal sealed class YMapping(int line, int column) : YNode(line, column)
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];
}
