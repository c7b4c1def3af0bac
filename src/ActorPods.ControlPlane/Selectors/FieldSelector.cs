using System.Text;
using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Selectors;

/// <summary>One term of a field selector: <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>.</summary>
public sealed record FieldRequirement(string Field, bool Equal, string Value)
{
    public override string ToString() => Field + (Equal ? "=" : "!=") + Value;
}

/// <summary>
/// A parsed field selector (fields.ParseSelector in k8s.io/apimachinery/pkg/fields/selector.go): comma-separated terms,
/// all of which must hold; values may escape <c>\,</c> <c>\=</c> <c>\\</c>. Immutable.
/// </summary>
public sealed class FieldSelector
{
    private readonly FieldRequirement[] _terms;

    private FieldSelector(FieldRequirement[] terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements => _terms;

    public bool IsEmpty => _terms.Length == 0;

    public static FieldSelector Parse(string? text) =>
        TryParse(text, out var s, out var error) ? s : throw new FormatException(error);

    public static bool TryParse(string? text, out FieldSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = SplitTerms(text);
        parts.Sort(StringComparer.Ordinal);
        var terms = new List<FieldRequirement>();
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            if (!SplitTerm(part, out var lhs, out var op, out var rhs))
            {
                error = $"invalid selector: '{text}'; can't understand '{part}'";
                return false;
            }
            if (!Unescape(rhs, out var value, out error)) return false;
            terms.Add(new FieldRequirement(lhs, op != "!=", value));
        }
        selector = new FieldSelector(terms.ToArray());
        return true;
    }

    /// <summary>The first field this selector does not support for <paramref name="clrType"/>, or null.</summary>
    public string? UnsupportedField(Type clrType)
    {
        foreach (var t in _terms)
        {
            if (!ObjectFields.IsSupported(clrType, t.Field)) return t.Field;
        }
        return null;
    }

    /// <summary>The value <paramref name="field"/> must equal, when the selector pins it (fields.Selector.RequiresExactMatch).</summary>
    public string? RequiresExactMatch(string field)
    {
        foreach (var t in _terms)
        {
            if (t.Field == field && t.Equal) return t.Value;
        }
        return null;
    }

    public bool Matches(KubeObject obj)
    {
        foreach (var t in _terms)
        {
            if ((ObjectFields.Get(obj, t.Field) == t.Value) != t.Equal) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(",", _terms.Select(t => t.ToString()));

    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (escaped) escaped = false;
            else if (text[i] == '\\') escaped = true;
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    private static readonly string[] Operators = ["!=", "==", "="];

    private static bool SplitTerm(string term, out string lhs, out string op, out string rhs)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in Operators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    lhs = term[..i];
                    op = candidate;
                    rhs = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }
        lhs = op = rhs = "";
        return false;
    }

    private static bool Unescape(string s, out string value, out string? error)
    {
        error = null;
        if (!s.Contains('\\'))
        {
            value = s;
            return true;
        }
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\')
            {
                sb.Append(s[i]);
                continue;
            }
            if (i + 1 < s.Length && s[i + 1] is '\\' or ',' or '=')
            {
                sb.Append(s[++i]);
                continue;
            }
            value = "";
            error = $"invalid field selector: invalid escape sequence: {s}";
            return false;
        }
        value = sb.ToString();
        return true;
    }
}
