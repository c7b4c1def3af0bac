using ActorPods.Sim.Config;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// Which pods a count expectation counts: those of <see cref="Namespace"/> matching every given field. <see cref="Ready"/>
/// is the Ready condition (true/false), <see cref="ReadyColumn"/> the READY column ("1/1").
/// </summary>
public sealed record PodSelection(
    string Namespace,
    string? NamePrefix = null,
    IReadOnlyDictionary<string, string>? Selector = null,
    string? Node = null,
    string? Phase = null,
    string? Status = null,
    bool? Ready = null,
    string? ReadyColumn = null)
{
    public bool Matches(PodView v) =>
        !v.Deleted
        && v.Namespace == Namespace
        && (NamePrefix is null || v.Name.StartsWith(NamePrefix, StringComparison.Ordinal))
        && (Selector is null || Selector.All(l => v.Labels.Contains($"{l.Key}={l.Value}")))
        && (Node is null || v.Node == Node)
        && (Phase is null || v.Phase == Phase)
        && (Status is null || v.Status == Status)
        && (Ready is null || (v.ReadyCondition == true) == Ready)
        && (ReadyColumn is null || v.Ready == ReadyColumn);

    public string Describe()
    {
        var parts = new List<string>();
        if (Namespace != "default") parts.Add($"namespace={Namespace}");
        if (NamePrefix is not null) parts.Add($"namePrefix={NamePrefix}");
        if (Selector is not null) parts.Add("selector=" + string.Join(",", Selector.Select(l => $"{l.Key}={l.Value}")));
        if (Node is not null) parts.Add($"node={Node}");
        if (Phase is not null) parts.Add($"phase={Phase}");
        if (Status is not null) parts.Add($"status={Status}");
        if (Ready is not null) parts.Add($"ready={(Ready.Value ? "true" : "false")}");
        if (ReadyColumn is not null) parts.Add($"ready={ReadyColumn}");
        return parts.Count == 0 ? "pods" : $"pods{{{string.Join(" ", parts)}}}";
    }
}

public enum CountComparison
{
    AtLeast,
    AtMost,
    Equals,
}

/// <summary>The number of pods of <see cref="Pods"/> at an instant, compared with <see cref="Value"/>.</summary>
public sealed record CountMatch(PodSelection Pods, CountComparison Comparison, int Value)
{
    public bool Holds(int n) => Comparison switch
    {
        CountComparison.AtLeast => n >= Value,
        CountComparison.AtMost => n <= Value,
        _ => n == Value,
    };

    public string Describe() => $"count {Pods.Describe()} {Comparison switch { CountComparison.AtLeast => ">=", CountComparison.AtMost => "<=", _ => "==" }} {Value}";
}

/// <summary>
/// How many times a matching Event occurred in the window (each occurrence is one trace record: a new Event or its
/// count going up).
/// </summary>
public sealed record EventCount(int? AtLeast, int? AtMost)
{
    public bool Holds(int n) => (AtLeast is null || n >= AtLeast) && (AtMost is null || n <= AtMost);

    public string Describe() => string.Join(" ", new[] { AtLeast is { } l ? $"count>={l}" : null, AtMost is { } m ? $"count<={m}" : null }.OfType<string>());
}

/// <summary>
/// Time to recover: after the fault (the start of spec.actions[<see cref="AfterAction"/>], or the instant
/// <see cref="At"/>) the condition must break and hold again within <see cref="Within"/>.
/// </summary>
public sealed record RecoverTiming(int? AfterAction, TimeSpan? At, TimeSpan Within)
{
    public string Describe() =>
        $"recover within {GoDuration.Format(Within)} after {(AfterAction is { } i ? $"spec.actions[{i}]" : GoDuration.Format(At!.Value))}";
}
