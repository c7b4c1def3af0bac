using ActorPods.Sim.Config;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Scenarios;

/// <summary>Reads the richer expectation forms of spec.expect: pod counts, event counts and time to recover.</summary>
internal static class ExpectationParts
{
    public static readonly string[] CountKeys = ["count", "atLeast", "atMost", "equals"];
    public static readonly string[] EventCountKeys = ["countAtLeast", "countAtMost"];
    private static readonly string[] SelectionKeys = ["namespace", "namePrefix", "selector", "node", "phase", "status", "ready"];

    /// <summary>recover: {after: {action: N} | at: T, within: D}.</summary>
    public static ExpectationTiming? ReadRecover(YamlReader r, YamlNode node, string what)
    {
        if (r.Mapping(node, what) is not { } map) return null;
        r.OnlyKeys(map, what, "after", "at", "within");
        var after = YamlReader.Child(map, "after");
        var at = YamlReader.Child(map, "at");
        var withinNode = YamlReader.Child(map, "within");
        if (withinNode is null) r.Error(map, $"{what}.within: Required value (how long recovery may take, e.g. 2m)");
        var within = r.Duration(withinNode, $"{what}.within");
        if ((after is null) == (at is null))
        {
            r.Error(map, $"{what}: give the fault as after: {{action: N}} (spec.actions[N]) or at: a time, not {(after is null ? "neither" : "both")}");
            return null;
        }
        int? action = null;
        TimeSpan? faultAt = null;
        if (after is not null)
        {
            if (r.Mapping(after, $"{what}.after") is not { } a) return null;
            r.OnlyKeys(a, $"{what}.after", "action");
            var index = r.Integer(YamlReader.Child(a, "action"), $"{what}.after.action");
            if (YamlReader.Child(a, "action") is null) r.Error(a, $"{what}.after.action: Required value (the index in spec.actions, from 0)");
            if (index is < 0) r.Error(a, $"{what}.after.action: must be 0 or more");
            if (index is null or < 0) return null;
            action = (int)index;
        }
        else if (r.Duration(at, $"{what}.at") is { } t) faultAt = t;
        else return null;
        if (within is null) return null;
        // With a fixed fault time the run lasts at least until the window closes.
        return new ExpectationTiming(TimingKind.Recover, faultAt, faultAt + within) { Recover = new RecoverTiming(action, faultAt, within.Value) };
    }

    /// <summary>count: {namespace, namePrefix, selector, node, phase, status, ready} with one of atLeast, atMost, equals.</summary>
    public static CountMatch? ReadCount(YamlReader r, YamlMappingNode expectation, string what)
    {
        var countNode = YamlReader.Child(expectation, "count")!;
        var bounds = new[] { "atLeast", "atMost", "equals" }.Where(k => YamlReader.Child(expectation, k) is not null).ToList();
        if (bounds.Count != 1)
        {
            r.Error(expectation, bounds.Count == 0
                ? $"{what}: a count needs one of atLeast, atMost, equals (e.g. atLeast: 3)"
                : $"{what}: give one of atLeast, atMost, equals (found {string.Join(", ", bounds)})");
        }
        if (r.Mapping(countNode, $"{what}.count") is not { } map) return null;
        var w = $"{what}.count";
        r.OnlyKeys(map, w, SelectionKeys);
        var readyNode = YamlReader.Child(map, "ready");
        var ready = r.String(readyNode, $"{w}.ready");
        bool? readyCondition = ready switch { "true" => true, "false" => false, _ => null };
        string? readyColumn = null;
        if (ready is not null && readyCondition is null)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(ready, @"^\d+/\d+$")) readyColumn = ready;
            else r.Error(readyNode, $"{w}.ready: expected true, false or the READY column (e.g. \"1/1\"), got \"{ready}\"");
        }
        var selection = new PodSelection(
            r.NamespaceOrDefault(map, w),
            r.String(YamlReader.Child(map, "namePrefix"), $"{w}.namePrefix"),
            r.StringMap(YamlReader.Child(map, "selector"), $"{w}.selector"),
            r.String(YamlReader.Child(map, "node"), $"{w}.node"),
            r.String(YamlReader.Child(map, "phase"), $"{w}.phase"),
            r.String(YamlReader.Child(map, "status"), $"{w}.status"),
            readyCondition,
            readyColumn);
        if (bounds.Count != 1) return null;
        var value = r.Integer(YamlReader.Child(expectation, bounds[0]), $"{what}.{bounds[0]}");
        if (value is < 0) r.Error(YamlReader.Child(expectation, bounds[0]), $"{what}.{bounds[0]}: must be 0 or more");
        if (value is null or < 0) return null;
        var comparison = bounds[0] switch { "atLeast" => CountComparison.AtLeast, "atMost" => CountComparison.AtMost, _ => CountComparison.Equals };
        return new CountMatch(selection, comparison, (int)value);
    }

    /// <summary>countAtLeast / countAtMost next to an event; null when neither is given.</summary>
    public static EventCount? ReadEventCount(YamlReader r, YamlMappingNode expectation, string what, ExpectationTiming? timing)
    {
        var atLeast = r.Integer(YamlReader.Child(expectation, "countAtLeast"), $"{what}.countAtLeast");
        var atMost = r.Integer(YamlReader.Child(expectation, "countAtMost"), $"{what}.countAtMost");
        if (atLeast is null && atMost is null) return null;
        if (timing?.Kind is TimingKind.Never or TimingKind.Recover)
            r.Error(expectation, $"{what}: countAtLeast / countAtMost count the events of a window: use them with by, at or during");
        if (atLeast is < 0 || atMost is < 0) r.Error(expectation, $"{what}: event counts must be 0 or more");
        return new EventCount(atLeast is null ? null : (int)atLeast, atMost is null ? null : (int)atMost);
    }
}
