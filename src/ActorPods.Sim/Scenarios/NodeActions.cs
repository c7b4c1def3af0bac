using ActorPods.Sim.Config;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Scenarios;

/// <summary>An action on a Node object, as kubectl cordon / uncordon / drain / taint does it (see NodeOperation).</summary>
public abstract record NodeAction(ActionTrigger Trigger, Position Position, string Node) : ScenarioAction(Trigger, Position)
{
    /// <summary>The kubectl command line the action stands for.</summary>
    public abstract string CommandLine { get; }
}

/// <summary>kubectl cordon NODE (<see cref="Cordon"/>) or kubectl uncordon NODE.</summary>
public sealed record CordonAction(ActionTrigger Trigger, Position Position, string Node, bool Cordon) : NodeAction(Trigger, Position, Node)
{
    public override string Kind => Cordon ? "cordon" : "uncordon";

    public override string CommandLine => $"kubectl {Kind} {Node}";
}

/// <summary>kubectl drain NODE with its flags; <see cref="GracePeriodSeconds"/> null: each pod's own.</summary>
public sealed record DrainAction(ActionTrigger Trigger, Position Position, string Node, long? GracePeriodSeconds, bool IgnoreDaemonsets, bool Force,
    bool DeleteEmptydirData) : NodeAction(Trigger, Position, Node)
{
    public override string Kind => "drain";

    public override string CommandLine =>
        $"kubectl drain {Node}{(IgnoreDaemonsets ? " --ignore-daemonsets" : "")}{(DeleteEmptydirData ? " --delete-emptydir-data" : "")}" +
        $"{(Force ? " --force" : "")}{(GracePeriodSeconds is { } g ? $" --grace-period={g}" : "")}";
}

/// <summary>kubectl taint nodes NODE key=value:Effect, or (<see cref="Remove"/>) key:Effect- / key- (Effect null: every effect).</summary>
public sealed record TaintAction(ActionTrigger Trigger, Position Position, string Node, string Key, string? Value, string? Effect, bool Remove)
    : NodeAction(Trigger, Position, Node)
{
    public override string Kind => Remove ? "untaint" : "taint";

    /// <summary>The taint as kubectl's argument spells it.</summary>
    public string Spec => Remove
        ? $"{Key}{(Effect is null ? "" : ":" + Effect)}-"
        : $"{Key}{(string.IsNullOrEmpty(Value) ? "" : "=" + Value)}:{Effect}";

    public override string CommandLine => $"kubectl taint nodes {Node} {Spec}";
}

/// <summary>Reads the node action kinds of spec.actions.</summary>
internal static class NodeActions
{
    public static readonly string[] Kinds = ["cordon", "uncordon", "drain", "taint", "untaint"];

    /// <summary>v1.TaintEffect values (pkg/apis/core/validation: validateTaintEffect).</summary>
    public static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static NodeAction? Read(YamlReader r, string kind, YamlNode body, string what, ActionTrigger? trigger, Position pos)
    {
        switch (kind)
        {
            case "cordon" or "uncordon":
            {
                var node = NodeName(r, body, what, []);
                return node is null || trigger is null ? null : new CordonAction(trigger, pos, node, kind == "cordon");
            }
            case "drain":
            {
                var map = body as YamlMappingNode;
                var node = NodeName(r, body, what, ["gracePeriodSeconds", "ignoreDaemonsets", "force", "deleteEmptydirData"]);
                var grace = r.Integer(YamlReader.Child(map, "gracePeriodSeconds"), $"{what}.gracePeriodSeconds");
                var ignoreDaemonsets = r.Bool(YamlReader.Child(map, "ignoreDaemonsets"), $"{what}.ignoreDaemonsets") ?? false;
                var force = r.Bool(YamlReader.Child(map, "force"), $"{what}.force") ?? false;
                var emptyDir = r.Bool(YamlReader.Child(map, "deleteEmptydirData"), $"{what}.deleteEmptydirData") ?? false;
                return node is null || trigger is null ? null : new DrainAction(trigger, pos, node, grace, ignoreDaemonsets, force, emptyDir);
            }
            default:
            {
                var remove = kind == "untaint";
                if (r.Mapping(body, what) is not { } map) return null;
                if (remove) r.OnlyKeys(map, what, "node", "key", "effect");
                else r.OnlyKeys(map, what, "node", "key", "value", "effect");
                var node = r.RequiredString(map, "node", what);
                var key = r.RequiredString(map, "key", what);
                var value = remove ? null : r.String(YamlReader.Child(map, "value"), $"{what}.value");
                var effectNode = YamlReader.Child(map, "effect");
                var effect = remove ? r.String(effectNode, $"{what}.effect") : r.RequiredString(map, "effect", what);
                if (effect is not null && !Effects.Contains(effect))
                {
                    r.Error(effectNode, $"{what}.effect: Unsupported value: \"{effect}\": supported values: \"{string.Join("\", \"", Effects)}\"");
                    return null;
                }
                return node is null || key is null || trigger is null || (!remove && effect is null)
                    ? null
                    : new TaintAction(trigger, pos, node, key, value, effect, remove);
            }
        }
    }

    // A node action names its node as a plain scalar (cordon: node-1) or as {node: node-1, ...options}.
    private static string? NodeName(YamlReader r, YamlNode body, string what, string[] options)
    {
        if (body is YamlScalarNode) return r.String(body, what) is { Length: > 0 } name ? name : Missing(r, body, what);
        if (r.Mapping(body, what) is not { } map) return null;
        r.OnlyKeys(map, what, ["node", .. options]);
        return r.RequiredString(map, "node", what);
    }

    private static string? Missing(YamlReader r, YamlNode at, string what)
    {
        r.Error(at, $"{what}: a node name is required");
        return null;
    }

}

/// <summary>The arguments of a node action in its trace "action" record.</summary>
internal static class NodeActionFields
{
    public static void Add(Trace.TraceFields fields, NodeAction action, TimeSpan started)
    {
        fields.Add("node", action.Node);
        switch (action)
        {
            case DrainAction d:
                // A drain lasts until its pods are gone; the record comes at the end, "started" says when it began.
                fields.Add("started", Trace.TraceJson.Seconds(started)).Add("gracePeriodSeconds", d.GracePeriodSeconds).Add("ignoreDaemonsets", d.IgnoreDaemonsets)
                    .Add("force", d.Force).Add("deleteEmptydirData", d.DeleteEmptydirData);
                break;
            case TaintAction t:
                fields.Add("key", t.Key).Add("value", t.Value).Add("effect", t.Effect);
                break;
        }
    }
}
