namespace ActorPods.ControlPlane.Selectors;

/// <summary>selection.Operator of k8s.io/apimachinery/pkg/selection.</summary>
public enum LabelOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One clause of a label selector (labels.Requirement in k8s.io/apimachinery/pkg/labels/selector.go).</summary>
public sealed class LabelRequirement
{
    private readonly string[] _values;

    internal LabelRequirement(string key, LabelOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        _values = values;
    }

    public string Key { get; }

    public LabelOperator Operator { get; }

    public IReadOnlyList<string> Values => _values;

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var exists = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals:
                return exists && HasValue(value!);
            case LabelOperator.NotIn or LabelOperator.NotEquals:
                return !exists || !HasValue(value!);
            case LabelOperator.Exists:
                return exists;
            case LabelOperator.DoesNotExist:
                return !exists;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (!exists || !long.TryParse(value, out var actual) || !long.TryParse(_values[0], out var bound)) return false;
                return Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    private bool HasValue(string value)
    {
        foreach (var v in _values)
        {
            if (v == value) return true;
        }
        return false;
    }

    /// <summary>The canonical text, as Requirement.String() prints it (values sorted).</summary>
    public override string ToString()
    {
        var sorted = _values.Order(StringComparer.Ordinal).ToArray();
        return Operator switch
        {
            LabelOperator.Exists => Key,
            LabelOperator.DoesNotExist => "!" + Key,
            LabelOperator.Equals => $"{Key}={sorted[0]}",
            LabelOperator.DoubleEquals => $"{Key}=={sorted[0]}",
            LabelOperator.NotEquals => $"{Key}!={sorted[0]}",
            LabelOperator.GreaterThan => $"{Key}>{sorted[0]}",
            LabelOperator.LessThan => $"{Key}<{sorted[0]}",
            LabelOperator.In => $"{Key} in ({string.Join(",", sorted)})",
            _ => $"{Key} notin ({string.Join(",", sorted)})",
        };
    }
}
