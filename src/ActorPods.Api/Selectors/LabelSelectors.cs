using ActorPods.Api.Model;

namespace ActorPods.Api.Selectors;

/// <summary>
/// Label selector matching as k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector)
/// and pkg/labels (SelectorFromSet) define it.
/// </summary>
public static class LabelSelectors
{
    /// <summary>
    /// Whether <paramref name="labels"/> satisfy a metav1.LabelSelector: a null selector matches nothing,
    /// an empty one matches everything; matchLabels and matchExpressions are ANDed.
    /// Throws <see cref="ArgumentException"/> for an invalid requirement (unknown operator, In/NotIn without values).
    /// </summary>
    public static bool Matches(this LabelSelector? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null) return false;
        labels ??= new Dictionary<string, string>();
        if (selector.MatchLabels is { } matchLabels)
            foreach (var (key, value) in matchLabels)
                if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        if (selector.MatchExpressions is { } expressions)
            foreach (var r in expressions)
                if (!Matches(r, labels)) return false;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="labels"/> contain every pair of a plain selector map (Service.spec.selector,
    /// ReplicationController.spec.selector), as labels.SelectorFromSet: an empty or null map matches everything.
    /// Callers that treat "no selector" specially (the endpoints controller skips such services) check that first.
    /// </summary>
    public static bool MatchesSet(IReadOnlyDictionary<string, string>? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null || selector.Count == 0) return true;
        if (labels is null) return false;
        foreach (var (key, value) in selector)
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        return true;
    }

    public static bool Matches(LabelSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var key = requirement.Key ?? throw new ArgumentException("key: Required value");
        var present = labels.TryGetValue(key, out var value);
        var values = requirement.Values ?? [];
        switch (requirement.Operator)
        {
            case "In":
                RequireValues(requirement);
                return present && values.Contains(value!);
            case "NotIn":
                RequireValues(requirement);
                return !present || !values.Contains(value!);
            case "Exists":
                return present;
            case "DoesNotExist":
                return !present;
            default:
                throw new ArgumentException($"\"{requirement.Operator}\" is not a valid label selector operator");
        }
    }

    private static void RequireValues(LabelSelectorRequirement r)
    {
        if (r.Values is not { Count: > 0 })
            throw new ArgumentException("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty");
    }
}
