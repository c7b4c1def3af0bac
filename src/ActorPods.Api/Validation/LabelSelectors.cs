using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

/// <summary>
/// metav1.LabelSelectorAsSelector and labels.Selector.Matches: a null selector matches nothing, an empty one
/// matches everything, requirements are ANDed. Source: k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go,
/// pkg/labels/selector.go.
/// </summary>
public static class LabelSelectors
{
    /// <summary>Whether the selector parses (LabelSelectorAsSelector returns no error).</summary>
    public static bool IsValid(LabelSelector? selector)
    {
        if (selector is null) return true;
        foreach (var (key, value) in selector.MatchLabels ?? [])
            if (MetadataValidation.ValidateLabelName(key, FieldPath.Root).Count > 0 || NameRules.IsValidLabelValue(value).Count > 0)
                return false;
        foreach (var req in selector.MatchExpressions ?? [])
        {
            var values = req.Values ?? [];
            var ok = req.Operator switch
            {
                "In" or "NotIn" => values.Count > 0,
                "Exists" or "DoesNotExist" => values.Count == 0,
                _ => false,
            };
            if (!ok || MetadataValidation.ValidateLabelName(req.Key ?? "", FieldPath.Root).Count > 0) return false;
            if (values.Any(v => NameRules.IsValidLabelValue(v).Count > 0)) return false;
        }
        return true;
    }

    /// <summary>labels.Selector.Empty(): a non-null selector with no requirements (it matches everything).</summary>
    public static bool IsEmpty(LabelSelector? selector) =>
        selector is not null && (selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0;

    public static bool Matches(LabelSelector? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null) return false;
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? [])
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        foreach (var req in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(req.Key ?? "", out var actual);
            var values = req.Values ?? [];
            var ok = req.Operator switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>labels.SelectorFromSet (a ReplicationController's map selector): every pair must match; empty matches all.</summary>
    public static bool Matches(IReadOnlyDictionary<string, string>? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null || selector.Count == 0) return true;
        labels ??= new Dictionary<string, string>();
        return selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
