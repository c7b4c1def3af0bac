using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// Label and selector texts as apimachinery renders them: labels.FormatLabels ("a=1,b=2", "&lt;none&gt;"),
/// LabelSelectorAsSelector(...).String() and metav1.FormatLabelSelector. Requirements are sorted by key
/// (internalSelector.Add sorts), set values sorted ("tier in (cache,web)").
/// </summary>
public static class LabelFormatting
{
    /// <summary>labels.FormatLabels: sorted key=value pairs joined with ',', or "&lt;none&gt;".</summary>
    public static string FormatLabels(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0) return "<none>";
        return string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
    }

    /// <summary>LabelSelectorAsSelector(s).String(): "" for a nil or empty selector.</summary>
    public static string SelectorString(LabelSelector? selector)
    {
        if (selector is null) return "";
        var requirements = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector.MatchLabels ?? [])
            requirements.Add((key, $"{key}={value}"));
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var key = expression.Key ?? "";
            var values = string.Join(",", (expression.Values ?? []).Distinct().OrderBy(v => v, StringComparer.Ordinal));
            requirements.Add((key, expression.Operator switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => $"{key} {expression.Operator} ({values})",
            }));
        }
        // sort.Sort(ByKey): not stable, but keys are unique in practice.
        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    /// <summary>metav1.FormatLabelSelector: like <see cref="SelectorString"/> but "&lt;none&gt;" when empty.</summary>
    public static string FormatLabelSelector(LabelSelector? selector)
    {
        var text = SelectorString(selector);
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>printers.go layoutContainerCells: container names and images, comma-joined.</summary>
    public static (string Names, string Images) ContainerCells(IReadOnlyList<Container>? containers) =>
        (string.Join(",", (containers ?? []).Select(c => c.Name ?? "")), string.Join(",", (containers ?? []).Select(c => c.Image ?? "")));
}
