using System.Text.Json;

namespace ActorPods.Sim.Reports.Trace;

/// <summary>Reads a JSON Lines trace. Unknown record types and fields are ignored so that newer traces still render;
/// a line that is not a JSON object, or lacks a numeric <c>t</c> or a <c>type</c>, is an error naming its line.
/// An event's Normal/Warning is read from <c>eventType</c>, or from a second <c>type</c> key after the record's own.</summary>
public static class TraceReader
{
    public static TraceModel Read(TextReader reader)
    {
        var records = new List<TraceRecord>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (ReadLine(line, lineNumber) is { } record) records.Add(record);
        }
        return new TraceModel(records);
    }

    public static TraceModel Read(string text) => Read(new StringReader(text));

    private static TraceRecord? ReadLine(string line, int n)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { throw new TraceFormatException(n, $"not JSON ({e.Message})", e); }
        using (doc)
        {
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) throw new TraceFormatException(n, "expected a JSON object");
            var t = o.Double("t") ?? throw new TraceFormatException(n, "missing numeric field \"t\"");
            var types = o.EnumerateObject().Where(p => p.Name == "type").Select(p => JsonFields.AsText(p.Value)).ToList();
            var type = types.FirstOrDefault() ?? throw new TraceFormatException(n, "missing field \"type\"");
            return type switch
            {
                "pod" => Pod(o, t, n),
                "container" => new ContainerRecord(t, n, Ns(o), S(o, "pod"), S(o, "container"), o.Bool("init") ?? false,
                    o.Str("state"), o.Str("reason"), o.Str("message"), o.Int("exitCode"), o.Int("restartCount"),
                    o.Bool("ready"), o.Bool("started")),
                "event" => new EventRecord(t, n, Ns(o), S(o, "object"), o.Str("eventType") ?? types.Skip(1).FirstOrDefault(), o.Str("reason"),
                    o.Str("message"), o.Str("source")),
                "probe" => new ProbeRecord(t, n, Ns(o), S(o, "pod"), S(o, "container"), S(o, "probe"), S(o, "result"),
                    o.Str("output")),
                "hook" => new HookRecord(t, n, Ns(o), S(o, "pod"), S(o, "container"), S(o, "hook"), S(o, "phase"),
                    o.Str("result")),
                "signal" => new SignalRecord(t, n, Ns(o), S(o, "pod"), S(o, "container"), S(o, "signal")),
                "log" => new LogRecord(t, n, Ns(o), S(o, "pod"), S(o, "container"), S(o, "line")),
                "action" => Action(o, t, n),
                "node" => new NodeRecord(t, n, S(o, "name"), o.Str("ready"), o.Strings("taints"),
                    o.Bool("unschedulable") ?? false),
                "network" => Network(o, t, n),
                "host" => new HostRecord(t, n, S(o, "name"), S(o, "change")),
                // ready/notReady are the contract's names; addresses/notReadyAddresses (the Endpoints API's) are accepted.
                "endpoints" => new EndpointsRecord(t, n, Ns(o), S(o, "name"),
                    o.TryGetProperty("ready", out _) ? Addresses(o, "ready") : Addresses(o, "addresses"),
                    o.TryGetProperty("notReady", out _) ? Addresses(o, "notReady") : Addresses(o, "notReadyAddresses")),
                _ => null,
            };
        }
    }

    private static string S(JsonElement o, string name) => o.Str(name) ?? "";

    private static string Ns(JsonElement o) => o.Str("ns") ?? o.Str("namespace") ?? "default";

    private static PodRecord Pod(JsonElement o, double t, int n)
    {
        var conditions = new List<KeyValuePair<string, bool>>();
        if (o.TryGetProperty("conditions", out var c) && c.ValueKind == JsonValueKind.Object)
            foreach (var p in c.EnumerateObject())
                if ((JsonFields.AsBool(p.Value) ?? TrueFalse(p.Value)) is { } b) conditions.Add(new(p.Name, b));
        return new PodRecord(t, n, Ns(o), S(o, "name"), o.Str("node"), o.Str("phase"), o.Str("ready"),
            o.Str("status"), o.Int("restarts"), o.Str("reason"), o.Str("message"), conditions,
            o.Bool("deleted") ?? false, o.Str("ip") ?? o.Str("podIP"));
    }

    // Kubernetes writes condition status as "True"/"False"; accept that too.
    private static bool? TrueFalse(JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? v.GetString() switch { "True" => true, "False" => false, _ => null } : null;

    private static ActionRecord Action(JsonElement o, double t, int n)
    {
        var args = new List<KeyValuePair<string, string>>();
        foreach (var p in o.EnumerateObject())
            if (p.Name is not ("t" or "type" or "action"))
                args.Add(new(p.Name, JsonFields.AsText(p.Value) ?? "null"));
        return new ActionRecord(t, n, S(o, "action"), args);
    }

    private static NetworkRecord Network(JsonElement o, double t, int n)
    {
        var otherSide = o.TryGetProperty("otherSide", out var other) && other.ValueKind == JsonValueKind.Array
            ? o.Strings("otherSide") : null;
        return new NetworkRecord(t, n, o.Str("change") ?? S(o, "action"), o.Str("id"), o.Strings("side"), otherSide,
            o.Bool("oneWay") ?? false, o.Str("mode"), o.Str("from"), o.Str("to"), o.Str("latency"), o.Str("loss"));
    }

    private static IReadOnlyList<string> Addresses(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return [];
        var list = new List<string>();
        foreach (var item in a.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                var key = item.TryGetProperty("targetRef", out var tr) && tr.ValueKind == JsonValueKind.Object
                    ? tr.Str("name") : null;
                key ??= item.Str("pod") ?? item.Str("name") ?? item.Str("ip");
                if (key is not null) list.Add(key);
                // An object may carry both a pod reference and an IP; keep the IP as well for matching.
                if (item.Str("ip") is { } ip && ip != key) list.Add(ip);
            }
            else if (JsonFields.AsText(item) is { } s) list.Add(s);
        }
        return list;
    }
}
