using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;

namespace ActorPods.Api.Serialization;

/// <summary>
/// YAML output shaped like `kubectl get -o yaml`: keys sorted (kubectl marshals through an untyped map),
/// two-space indentation, list items at their key's indentation, strings quoted only when YAML would
/// read them as something else, multi-line strings as literal blocks.
/// </summary>
public static partial class KubeYaml
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)")]
    private static partial System.Text.RegularExpressions.Regex TimestampLike();

    // go-yaml v2's isBase60Float: YAML 1.1 sexagesimal numbers such as 1:20 are quoted on output.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Base60Like();

    public static string Serialize(KubeObject obj) => Write(JsonNode.Parse(KubeJson.Serialize(obj)));

    public static string Serialize(KubeList list) => Write(JsonNode.Parse(KubeJson.Serialize(list)));

    /// <summary>Several objects as one multi-document stream ("---" between documents).</summary>
    public static string SerializeAll(IEnumerable<KubeObject> objects) => string.Join("---\n", objects.Select(Serialize));

    /// <summary>Any JSON value as YAML.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        switch (node)
        {
            case JsonObject o when o.Count > 0: WriteMapping(sb, o, 0); break;
            case JsonArray a when a.Count > 0: WriteSequence(sb, a, 0); break;
            default: sb.Append(Scalar(node, 0)).Append('\n'); break;
        }
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, JsonObject map, int indent)
    {
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(sb, value, indent, inSequence: false);
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonArray items, int indent)
    {
        foreach (var item in items)
        {
            sb.Append(' ', indent).Append('-');
            if (item is JsonObject { Count: > 0 } o)
            {
                // The first key shares the dash's line; the rest align under it.
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (first) sb.Append(' ');
                    else sb.Append(' ', indent + 2);
                    first = false;
                    sb.Append(Key(key)).Append(':');
                    WriteValue(sb, value, indent + 2, inSequence: false);
                }
            }
            else WriteValue(sb, item, indent, inSequence: true);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } o:
                sb.Append('\n');
                WriteMapping(sb, o, indent + 2);
                break;
            case JsonArray { Count: > 0 } a:
                sb.Append('\n');
                // go-yaml writes a mapping's list items at the key's own indentation; nested lists indent.
                WriteSequence(sb, a, inSequence ? indent + 2 : indent);
                break;
            default:
                sb.Append(' ').Append(Scalar(value, indent + 2)).Append('\n');
                break;
        }
    }

    private static string Key(string key) => NeedsQuotes(key) ? Quote(key) : key;

    private static string Scalar(JsonNode? node, int indent)
    {
        switch (node)
        {
            case null: return "null";
            case JsonObject: return "{}";
            case JsonArray: return "[]";
        }
        var element = node.GetValue<JsonElement>();
        switch (element.ValueKind)
        {
            case JsonValueKind.True: return "true";
            case JsonValueKind.False: return "false";
            case JsonValueKind.Number: return element.GetRawText();
            case JsonValueKind.String:
                var s = element.GetString()!;
                if (s.Contains('\n') && !s.Contains('\r') && !s.Contains('\t') && s.TrimEnd('\n').Length > 0
                    && s.Split('\n').All(line => line.Length == 0 || line[0] != ' ') && !s.EndsWith("\n\n", StringComparison.Ordinal))
                    return LiteralBlock(s, indent);
                return NeedsQuotes(s) ? Quote(s) : s;
            default: return element.GetRawText();
        }
    }

    private static string LiteralBlock(string s, int indent)
    {
        var chomp = s.EndsWith('\n') ? "|" : "|-";
        var body = s.EndsWith('\n') ? s[..^1] : s;
        var pad = new string(' ', indent);
        return chomp + "\n" + string.Join("\n", body.Split('\n').Select(l => l.Length == 0 ? "" : pad + l)).TrimEnd('\n') ;
    }

    /// <summary>True when a plain scalar would be read back as something other than this string.</summary>
    internal static bool NeedsQuotes(string s)
    {
        if (s.Length == 0) return true;
        if (YamlScalarResolver.Resolve(s, plain: true, tag: null).Kind != ScalarKind.String) return true;
        if (",[]{}#&*!|>'\"%@`".Contains(s[0]) || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) return true;
        // '-', '?' and ':' are indicators only when followed by a space ("-c" stays plain, "- x" does not).
        if ("-?:".Contains(s[0]) && (s.Length == 1 || s[1] == ' ')) return true;
        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')) return true;
        // go-yaml resolves these as timestamps, so kubectl quotes them ("2024-01-02T03:04:05Z").
        if (s.Length >= 8 && char.IsAsciiDigit(s[0]) && TimestampLike().IsMatch(s)) return true;
        if (s.Contains(':') && Base60Like().IsMatch(s)) return true;
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal)) return true;
        return s.Any(c => char.IsControl(c) || c == '\uFEFF');
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
