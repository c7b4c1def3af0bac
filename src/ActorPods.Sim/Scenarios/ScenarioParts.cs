using ActorPods.Api.Model;
using ActorPods.Sim.Config;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Scenarios;

/// <summary>Reads the items of spec.actions and spec.expect.</summary>
internal static class ScenarioParts
{
    private static readonly string[] ActionKinds = ["delete", "exec", "addAddress", "removeAddress", "apply", .. FaultActions.Kinds, .. NodeActions.Kinds, "staticPod"];
    private static readonly string[] PodMatchKeys = ["pod", "namespace", "phase", "status", "ready", "restarts", "restartsAtLeast", "deleted", "containers"];

    public static ScenarioAction? ReadAction(YamlReader r, YamlNode node, string what, string file, Func<string, IReadOnlyList<KubeObject>> load)
    {
        if (r.Mapping(node, what) is not { } map) return null;
        r.OnlyKeys(map, what, ["at", "when", "after", .. ActionKinds]);
        var pos = new Position((int)node.Start.Line, (int)node.Start.Column);

        ActionTrigger? trigger = null;
        var at = YamlReader.Child(map, "at");
        var when = YamlReader.Child(map, "when");
        var after = YamlReader.Child(map, "after");
        if (at is not null && when is not null) r.Error(when, $"{what}: give either at or when, not both");
        else if (at is not null)
        {
            if (after is not null) r.Error(after, $"{what}.after: only with when");
            if (r.Duration(at, $"{what}.at") is { } t) trigger = new AtTrigger(t);
        }
        else if (when is not null)
        {
            var delay = r.Duration(after, $"{what}.after") ?? TimeSpan.Zero;
            if (ReadPodMatch(r, r.Mapping(when, $"{what}.when"), $"{what}.when", allowOtherKeys: false) is { } cond) trigger = new WhenTrigger(cond, delay);
        }
        else r.Error(node, $"{what}: needs at (a time) or when (a pod condition)");

        var kinds = ActionKinds.Where(k => YamlReader.Child(map, k) is not null).ToList();
        if (kinds.Count != 1)
        {
            r.Error(node, kinds.Count == 0
                ? $"{what}: no action (one of: {string.Join(", ", ActionKinds)})"
                : $"{what}: one action per item, found {string.Join(" and ", kinds)}");
            return null;
        }
        var kind = kinds[0];
        var body = YamlReader.Child(map, kind)!;
        var w = $"{what}.{kind}";
        ScenarioAction? action = null;
        switch (kind)
        {
            case "delete":
                if (r.Mapping(body, w) is not { } d) break;
                r.OnlyKeys(d, w, "pod", "namespace", "gracePeriodSeconds", "force");
                var pod = r.RequiredString(d, "pod", w);
                var grace = r.Integer(YamlReader.Child(d, "gracePeriodSeconds"), $"{w}.gracePeriodSeconds");
                var force = r.Bool(YamlReader.Child(d, "force"), $"{w}.force") ?? false;
                if (pod is not null && trigger is not null)
                    action = new DeleteAction(trigger, pos, r.NamespaceOrDefault(d, w), pod, grace, force);
                break;
            case "exec":
                if (r.Mapping(body, w) is not { } x) break;
                r.OnlyKeys(x, w, "pod", "namespace", "container", "command");
                var execPod = r.RequiredString(x, "pod", w);
                var command = r.StringList(YamlReader.Child(x, "command"), $"{w}.command");
                if (command is null or { Count: 0 }) r.Error(body, $"{w}.command: Required value");
                if (execPod is not null && command is { Count: > 0 } && trigger is not null)
                    action = new ExecAction(trigger, pos, r.NamespaceOrDefault(x, w), execPod, r.String(YamlReader.Child(x, "container"), $"{w}.container"), command);
                break;
            case "addAddress" or "removeAddress":
                var ip = r.String(body, w);
                if (ip is not null && !System.Net.IPAddress.TryParse(ip, out _)) r.Error(body, $"{w}: \"{ip}\" is not an IP address");
                else if (ip is not null && trigger is not null) action = new AddressAction(trigger, pos, ip, kind == "addAddress");
                break;
            case "apply":
                if (r.String(body, w) is { } path && trigger is not null)
                    action = new ApplyAction(trigger, pos, path, load(ScenarioLoader.Relative(file, path)));
                break;
            case "staticPod":
                action = StaticPodAction.Read(r, body, w, trigger, pos, file);
                break;
            case var k when NodeActions.Kinds.Contains(k):
                action = NodeActions.Read(r, k, body, w, trigger, pos);
                break;
            default:
                action = FaultActions.Read(r, kind, body, w, trigger, pos);
                break;
        }
        return action;
    }

    public static Expectation? ReadExpectation(YamlReader r, YamlNode node, string what)
    {
        if (r.Mapping(node, what) is not { } map) return null;
        r.OnlyKeys(map, what, ["by", "at", "during", "never", "recover", "event", .. PodMatchKeys, .. ExpectationParts.CountKeys, .. ExpectationParts.EventCountKeys]);
        var pos = new Position((int)node.Start.Line, (int)node.Start.Column);
        var timings = new[] { "by", "at", "during", "never", "recover" }.Where(k => YamlReader.Child(map, k) is not null).ToList();
        ExpectationTiming? timing = null;
        if (timings.Count > 1) r.Error(node, $"{what}: give one of by, at, during, never, recover (found {string.Join(", ", timings)})");
        else if (timings.Count == 0) timing = new ExpectationTiming(TimingKind.By, null, null);
        else
        {
            var t = YamlReader.Child(map, timings[0]);
            switch (timings[0])
            {
                case "by":
                    if (r.Duration(t, $"{what}.by") is { } by) timing = new ExpectationTiming(TimingKind.By, null, by);
                    break;
                case "at":
                    if (r.Duration(t, $"{what}.at") is { } a) timing = new ExpectationTiming(TimingKind.At, a, a);
                    break;
                case "during":
                    if (t is YamlSequenceNode { Children.Count: 2 } window
                        && r.Duration(window.Children[0], $"{what}.during[0]") is { } from
                        && r.Duration(window.Children[1], $"{what}.during[1]") is { } to)
                    {
                        if (to < from) r.Error(t, $"{what}.during: the window ends before it starts");
                        else timing = new ExpectationTiming(TimingKind.During, from, to);
                    }
                    else if (t is not YamlSequenceNode { Children.Count: 2 }) r.Error(t, $"{what}.during: expected [from, to], e.g. [30s, 90s]");
                    break;
                case "never":
                    if (r.Bool(t, $"{what}.never") == true) timing = new ExpectationTiming(TimingKind.Never, null, null);
                    else r.Error(t, $"{what}.never: only \"never: true\" is meaningful");
                    break;
                case "recover":
                    timing = ExpectationParts.ReadRecover(r, t!, $"{what}.recover");
                    break;
            }
        }

        var ev = YamlReader.Child(map, "event");
        if (ExpectationParts.EventCountKeys.Any(k => YamlReader.Child(map, k) is not null) && ev is null)
            r.Error(node, $"{what}: countAtLeast / countAtMost go with an event (for pods use count with atLeast / atMost)");
        if (YamlReader.Child(map, "count") is not null)
        {
            if (ev is not null || PodMatchKeys.Any(k => YamlReader.Child(map, k) is not null))
                r.Error(node, $"{what}: a count expectation has its own pod fields under count (no pod or event next to it)");
            var count = ExpectationParts.ReadCount(r, map, what);
            return timing is null || count is null ? null : new Expectation(timing, null, null, pos) { Count = count };
        }
        if (new[] { "atLeast", "atMost", "equals" }.FirstOrDefault(k => YamlReader.Child(map, k) is not null) is { } bound)
            r.Error(node, $"{what}: {bound} goes with count (for events use countAtLeast / countAtMost)");
        if (ev is not null)
        {
            if (timing?.Kind == TimingKind.Recover) r.Error(node, $"{what}: recover is about a pod or a count, not an event");
            if (PodMatchKeys.Any(k => YamlReader.Child(map, k) is not null))
                r.Error(node, $"{what}: an expectation is about a pod or about an event, not both");
            if (r.Mapping(ev, $"{what}.event") is not { } e) return null;
            r.OnlyKeys(e, $"{what}.event", "object", "namespace", "reason", "type", "messageContains");
            var match = new EventMatch(
                r.NamespaceOrDefault(e, $"{what}.event"),
                r.String(YamlReader.Child(e, "object"), $"{what}.event.object"),
                r.String(YamlReader.Child(e, "reason"), $"{what}.event.reason"),
                r.String(YamlReader.Child(e, "type"), $"{what}.event.type"),
                r.String(YamlReader.Child(e, "messageContains"), $"{what}.event.messageContains"));
            var eventCount = ExpectationParts.ReadEventCount(r, map, what, timing);
            return timing is null ? null : new Expectation(timing, null, match, pos) { EventCount = eventCount };
        }
        var pod = ReadPodMatch(r, map, what, allowOtherKeys: true);
        if (pod is not null && pod.Phase is null && pod.Status is null && pod.Ready is null && pod.Restarts is null
            && pod.RestartsAtLeast is null && pod.Deleted is null && pod.Containers is null)
            r.Error(node, $"{what}: nothing to check (give phase, status, ready, restarts, restartsAtLeast, deleted or containers)");
        return timing is null || pod is null ? null : new Expectation(timing, pod, null, pos);
    }

    public static PodMatch? ReadPodMatch(YamlReader r, YamlMappingNode? map, string what, bool allowOtherKeys)
    {
        if (map is null) return null;
        if (!allowOtherKeys) r.OnlyKeys(map, what, PodMatchKeys);
        var pod = r.RequiredString(map, "pod", what);
        Dictionary<string, ContainerMatch>? containers = null;
        if (r.Mapping(YamlReader.Child(map, "containers"), $"{what}.containers") is { } cs)
        {
            containers = new Dictionary<string, ContainerMatch>(StringComparer.Ordinal);
            foreach (var (k, v) in cs.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                var cw = $"{what}.containers.{name}";
                if (r.Mapping(v, cw) is not { } c) continue;
                r.OnlyKeys(c, cw, "state", "reason", "exitCode");
                var state = r.String(YamlReader.Child(c, "state"), $"{cw}.state");
                if (state is not null and not ("waiting" or "running" or "terminated"))
                    r.Error(YamlReader.Child(c, "state"), $"{cw}.state: expected waiting, running or terminated, got \"{state}\"");
                containers[name] = new ContainerMatch(state, r.String(YamlReader.Child(c, "reason"), $"{cw}.reason"),
                    r.Integer(YamlReader.Child(c, "exitCode"), $"{cw}.exitCode"));
            }
        }
        var ready = r.String(YamlReader.Child(map, "ready"), $"{what}.ready");
        if (ready is not null && !System.Text.RegularExpressions.Regex.IsMatch(ready, @"^\d+/\d+$"))
            r.Error(YamlReader.Child(map, "ready"), $"{what}.ready: expected the READY column, e.g. \"1/1\", got \"{ready}\"");
        return pod is null
            ? null
            : new PodMatch(
                r.NamespaceOrDefault(map, what), pod,
                r.String(YamlReader.Child(map, "phase"), $"{what}.phase"),
                r.String(YamlReader.Child(map, "status"), $"{what}.status"),
                ready,
                r.Integer(YamlReader.Child(map, "restarts"), $"{what}.restarts"),
                r.Integer(YamlReader.Child(map, "restartsAtLeast"), $"{what}.restartsAtLeast"),
                r.Bool(YamlReader.Child(map, "deleted"), $"{what}.deleted"),
                containers);
    }
}
