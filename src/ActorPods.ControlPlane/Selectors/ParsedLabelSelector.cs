using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Selectors;

/// <summary>
/// A parsed label selector (<c>app=web,tier!=db,env in (a,b),!key</c>): every requirement must match.
/// The empty selector matches everything. Immutable; share instances freely.
/// </summary>
public sealed class ParsedLabelSelector
{
    private readonly LabelRequirement[] _requirements;

    private ParsedLabelSelector(LabelRequirement[] requirements) => _requirements = requirements;

    public static ParsedLabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>Parses the query-string form; throws <see cref="FormatException"/> with the apiserver's message.</summary>
    public static ParsedLabelSelector Parse(string? text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    public static bool TryParse(string? text, out ParsedLabelSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var list = LabelSelectorParser.Parse(text, out error);
        if (list is null) return false;
        selector = new ParsedLabelSelector(list.ToArray());
        return true;
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var r in _requirements)
        {
            if (!r.Matches(labels)) return false;
        }
        return true;
    }

    public bool Matches(KubeObject obj) => Matches(obj.Metadata?.Labels);

    /// <summary>Canonical text (requirements sorted by key), as labels.Selector.String().</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));
}
