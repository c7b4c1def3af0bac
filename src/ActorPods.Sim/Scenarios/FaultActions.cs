using System.Globalization;
using ActorPods.Sim.Config;
using ActorPods.Sim.Network;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Scenarios;

/// <summary>A fault action (network or node); carried out by the director through the cluster's <see cref="Faults.ClusterFaults"/>.</summary>
public abstract record FaultAction(ActionTrigger Trigger, Position Position) : ScenarioAction(Trigger, Position)
{
    /// <summary>How long until the fault is undone automatically (<c>for:</c>); null: it stays.</summary>
    public virtual TimeSpan? For => null;
}

/// <summary>partition: cut <see cref="Nodes"/> off from <see cref="From"/> (null: every other host, the control plane included).</summary>
public sealed record PartitionAction(ActionTrigger Trigger, Position Position, IReadOnlyList<string> Nodes, IReadOnlyList<string>? From,
    bool OneWay, PartitionMode Mode, TimeSpan? Duration) : FaultAction(Trigger, Position)
{
    public override string Kind => "partition";
    public override TimeSpan? For => Duration;
}

/// <summary>heal: remove the partitions of <see cref="Nodes"/> (null: every partition).</summary>
public sealed record HealAction(ActionTrigger Trigger, Position Position, IReadOnlyList<string>? Nodes) : FaultAction(Trigger, Position)
{
    public override string Kind => "heal";
}

/// <summary>link: give the link between two hosts a profile, or reset it to the cluster's default.</summary>
public sealed record LinkAction(ActionTrigger Trigger, Position Position, string From, string To, LinkProfile? Profile, bool OneWay, TimeSpan? Duration)
    : FaultAction(Trigger, Position)
{
    public override string Kind => "link";
    public bool Reset => Profile is null;
    public override TimeSpan? For => Duration;
}

/// <summary>crashNode, restartNode, stopKubelet, startKubelet, pauseNode, resumeNode: one node, optionally undone after <see cref="For"/>.</summary>
public sealed record NodeFaultAction(ActionTrigger Trigger, Position Position, string Verb, string Node, TimeSpan? Duration) : FaultAction(Trigger, Position)
{
    public override string Kind => Verb;
    public override TimeSpan? For => Duration;
}

/// <summary>killContainer: the container's main process dies from outside the kubelet.</summary>
public sealed record KillContainerAction(ActionTrigger Trigger, Position Position, string Namespace, string Pod, string? Container, int ExitCode, bool Oom)
    : FaultAction(Trigger, Position)
{
    public override string Kind => "killContainer";
}

/// <summary>failProbe: what a container's probe checks fails for <see cref="Duration"/>.</summary>
public sealed record FailProbeAction(ActionTrigger Trigger, Position Position, string Namespace, string Pod, string? Container, string Probe, TimeSpan Duration)
    : FaultAction(Trigger, Position)
{
    public override string Kind => "failProbe";
}

/// <summary>Reads the fault actions of spec.actions (the shapes of the shared contract), and link profiles.</summary>
internal static class FaultActions
{
    public static readonly string[] Kinds =
        ["partition", "heal", "link", "crashNode", "restartNode", "stopKubelet", "startKubelet", "pauseNode", "resumeNode", "killContainer", "failProbe"];

    // The node verbs whose fault can be undone after `for:` (crash → restart, stop → start, pause → resume).
    private static readonly string[] Undoable = ["crashNode", "stopKubelet", "pauseNode"];

    public static ScenarioAction? Read(YamlReader r, string kind, YamlNode body, string w, ActionTrigger? trigger, Position pos)
    {
        switch (kind)
        {
            case "partition":
                return ReadPartition(r, body, w, trigger, pos);
            case "heal":
                if (body is YamlScalarNode { Value: "all" }) return trigger is null ? null : new HealAction(trigger, pos, null);
                if (body is YamlScalarNode single) return trigger is null || single.Value is not { Length: > 0 } one ? null : new HealAction(trigger, pos, [one]);
                if (r.Mapping(body, w) is not { } heal) return null;
                r.OnlyKeys(heal, w, "nodes", "node");
                var healed = Nodes(r, heal, w);
                return healed is null || trigger is null ? null : new HealAction(trigger, pos, healed);
            case "link":
                return ReadLinkAction(r, body, w, trigger, pos);
            case "killContainer":
            {
                if (r.Mapping(body, w) is not { } m) return null;
                r.OnlyKeys(m, w, "pod", "namespace", "container", "exitCode", "oom");
                var pod = r.RequiredString(m, "pod", w);
                var exit = r.Integer(YamlReader.Child(m, "exitCode"), $"{w}.exitCode") ?? 137;
                if (exit is < 0 or > 255) r.Error(YamlReader.Child(m, "exitCode"), $"{w}.exitCode: must be between 0 and 255");
                var oom = r.Bool(YamlReader.Child(m, "oom"), $"{w}.oom") ?? false;
                return pod is null || trigger is null
                    ? null
                    : new KillContainerAction(trigger, pos, r.NamespaceOrDefault(m, w), pod, r.String(YamlReader.Child(m, "container"), $"{w}.container"), (int)exit, oom);
            }
            case "failProbe":
            {
                if (r.Mapping(body, w) is not { } m) return null;
                r.OnlyKeys(m, w, "pod", "namespace", "container", "probe", "for");
                var pod = r.RequiredString(m, "pod", w);
                var probe = r.RequiredString(m, "probe", w);
                if (probe is not null and not ("startup" or "liveness" or "readiness"))
                {
                    r.Error(YamlReader.Child(m, "probe"), $"{w}.probe: Unsupported value: \"{probe}\": supported values: \"startup\", \"liveness\", \"readiness\"");
                    probe = null;
                }
                var duration = YamlReader.Child(m, "for") is null ? null : r.Duration(YamlReader.Child(m, "for"), $"{w}.for");
                if (YamlReader.Child(m, "for") is null) r.Error(m, $"{w}.for: Required value");
                return pod is null || probe is null || duration is null || trigger is null
                    ? null
                    : new FailProbeAction(trigger, pos, r.NamespaceOrDefault(m, w), pod, r.String(YamlReader.Child(m, "container"), $"{w}.container"), probe, duration.Value);
            }
            default:
                return ReadNodeVerb(r, kind, body, w, trigger, pos);
        }
    }

    private static ScenarioAction? ReadNodeVerb(YamlReader r, string kind, YamlNode body, string w, ActionTrigger? trigger, Position pos)
    {
        string? node;
        TimeSpan? duration = null;
        if (body is YamlScalarNode)
        {
            node = r.String(body, w);
            if (node is "") r.Error(body, $"{w}: Required value (a node name)");
        }
        else if (r.Mapping(body, w) is { } m)
        {
            if (Undoable.Contains(kind)) r.OnlyKeys(m, w, "node", "for");
            else r.OnlyKeys(m, w, "node");
            node = r.RequiredString(m, "node", w);
            duration = r.Duration(YamlReader.Child(m, "for"), $"{w}.for");
        }
        else return null;
        return node is not { Length: > 0 } || trigger is null ? null : new NodeFaultAction(trigger, pos, kind, node, duration);
    }

    private static ScenarioAction? ReadPartition(YamlReader r, YamlNode body, string w, ActionTrigger? trigger, Position pos)
    {
        if (r.Mapping(body, w) is not { } m) return null;
        r.OnlyKeys(m, w, "nodes", "node", "from", "oneWay", "mode", "for");
        var nodes = Nodes(r, m, w);
        var from = r.StringList(YamlReader.Child(m, "from"), $"{w}.from");
        if (from is { Count: 0 }) r.Error(YamlReader.Child(m, "from"), $"{w}.from: must name at least one host (leave it out for every other host)");
        if (nodes is not null && from is not null && nodes.Intersect(from).FirstOrDefault() is { } both)
            r.Error(YamlReader.Child(m, "from"), $"{w}.from: \"{both}\" cannot be on both sides of the partition");
        var oneWay = r.Bool(YamlReader.Child(m, "oneWay"), $"{w}.oneWay") ?? false;
        var modeText = r.String(YamlReader.Child(m, "mode"), $"{w}.mode") ?? "drop";
        PartitionMode? mode = modeText switch { "drop" => PartitionMode.Drop, "hold" => PartitionMode.Hold, _ => null };
        if (mode is null) r.Error(YamlReader.Child(m, "mode"), $"{w}.mode: Unsupported value: \"{modeText}\": supported values: \"drop\", \"hold\"");
        var duration = r.Duration(YamlReader.Child(m, "for"), $"{w}.for");
        return nodes is null || mode is null || from is { Count: 0 } || trigger is null
            ? null
            : new PartitionAction(trigger, pos, nodes, from, oneWay, mode.Value, duration);
    }

    private static ScenarioAction? ReadLinkAction(YamlReader r, YamlNode body, string w, ActionTrigger? trigger, Position pos)
    {
        if (r.Mapping(body, w) is not { } m) return null;
        r.OnlyKeys(m, w, "from", "to", "latency", "loss", "duplicate", "oneWay", "reset", "for");
        var from = r.RequiredString(m, "from", w);
        var to = r.RequiredString(m, "to", w);
        var oneWay = r.Bool(YamlReader.Child(m, "oneWay"), $"{w}.oneWay") ?? false;
        var reset = r.Bool(YamlReader.Child(m, "reset"), $"{w}.reset") ?? false;
        var duration = r.Duration(YamlReader.Child(m, "for"), $"{w}.for");
        LinkProfile? profile = null;
        if (reset)
        {
            foreach (var key in new[] { "latency", "loss", "duplicate", "oneWay", "for" })
                if (YamlReader.Key(m, key) is { } k) r.Error(k, $"{w}.{key}: not with reset: true (a reset returns both directions to the default)");
        }
        else
        {
            profile = ReadLinkProfile(r, m, w);
            if (YamlReader.Child(m, "latency") is null && YamlReader.Child(m, "loss") is null && YamlReader.Child(m, "duplicate") is null)
                r.Error(m, $"{w}: give latency, loss or duplicate (or reset: true)");
        }
        if (from is not null && from == to) r.Error(YamlReader.Child(m, "to"), $"{w}.to: a link joins two different hosts");
        return from is null || to is null || (!reset && profile is null) || trigger is null
            ? null
            : new LinkAction(trigger, pos, from, to, profile, oneWay, duration);
    }

    /// <summary>
    /// The profile fields of a link: <c>latency</c> (<c>200ms</c>, <c>normal(50ms,10ms)</c>, or
    /// <c>{distribution: normal|uniform|fixed, mean, stddev, min, max, value}</c>), <c>loss</c> and <c>duplicate</c>
    /// (probabilities). Also the cluster config's <c>network:</c> default link.
    /// </summary>
    public static LinkProfile? ReadLinkProfile(YamlReader r, YamlMappingNode m, string w, bool strict = false)
    {
        if (strict) r.OnlyKeys(m, w, "latency", "loss", "duplicate");
        var errors = r.Errors.Count;
        var latency = ReadLatency(r, YamlReader.Child(m, "latency"), $"{w}.latency") ?? LatencyDistribution.Zero;
        var loss = Probability(r, YamlReader.Child(m, "loss"), $"{w}.loss");
        var duplicate = Probability(r, YamlReader.Child(m, "duplicate"), $"{w}.duplicate");
        return r.Errors.Count > errors ? null : new LinkProfile { Latency = latency, Loss = loss, Duplicate = duplicate };
    }

    private static LatencyDistribution? ReadLatency(YamlReader r, YamlNode? node, string w)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode s:
                try
                {
                    return LatencyDistribution.Parse(s.Value ?? "");
                }
                catch (FormatException e)
                {
                    r.Error(node, $"{w}: {e.Message}");
                    return null;
                }
            default:
                if (r.Mapping(node, w) is not { } m) return null;
                r.OnlyKeys(m, w, "distribution", "value", "mean", "stddev", "min", "max");
                var kind = r.String(YamlReader.Child(m, "distribution"), $"{w}.distribution") ?? "fixed";
                TimeSpan? Get(string key)
                {
                    var v = YamlReader.Child(m, key);
                    if (v is null) r.Error(m, $"{w}.{key}: Required value for distribution {kind}");
                    return r.Duration(v, $"{w}.{key}");
                }
                switch (kind)
                {
                    case "fixed":
                        return Get("value") is { } value ? new LatencyDistribution.Fixed(value) : null;
                    case "normal":
                        var mean = Get("mean");
                        var stddev = Get("stddev");
                        return mean is null || stddev is null ? null : new LatencyDistribution.Normal(mean.Value, stddev.Value);
                    case "uniform":
                        var min = Get("min");
                        var max = Get("max");
                        if (min is null || max is null) return null;
                        if (max < min)
                        {
                            r.Error(YamlReader.Child(m, "max"), $"{w}.max: below min");
                            return null;
                        }
                        return new LatencyDistribution.Uniform(min.Value, max.Value);
                    default:
                        r.Error(YamlReader.Child(m, "distribution"), $"{w}.distribution: Unsupported value: \"{kind}\": supported values: \"fixed\", \"normal\", \"uniform\"");
                        return null;
                }
        }
    }

    private static double Probability(YamlReader r, YamlNode? node, string w)
    {
        if (node is null) return 0;
        if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1) return p;
        r.Error(node, $"{w}: expected a probability between 0 and 1, got {YamlReader.Describe(node)}");
        return 0;
    }

    /// <summary><c>nodes: [a, b]</c> or <c>node: a</c>, exactly one of them.</summary>
    private static List<string>? Nodes(YamlReader r, YamlMappingNode m, string w)
    {
        var many = YamlReader.Child(m, "nodes");
        var one = YamlReader.Child(m, "node");
        if (many is not null && one is not null)
        {
            r.Error(one, $"{w}: give nodes or node, not both");
            return null;
        }
        if (many is null && one is null)
        {
            r.Error(m, $"{w}.nodes: Required value");
            return null;
        }
        var list = one is not null ? r.String(one, $"{w}.node") is { } n ? [n] : null : r.StringList(many, $"{w}.nodes");
        if (list is { Count: 0 }) r.Error(many, $"{w}.nodes: must name at least one node");
        return list is { Count: > 0 } ? list : null;
    }
}
