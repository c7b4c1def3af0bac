using System.Globalization;
using System.Text.Json;

namespace ActorPods.Sim.Reports.Trace;

/// <summary>Lenient field access: a field of the wrong JSON kind reads as absent rather than failing the trace,
/// except that numbers and booleans written as strings are accepted.</summary>
internal static class JsonFields
{
    public static string? Str(this JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? AsText(v) : null;

    public static string? AsText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    };

    public static int? Int(this JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        if (v.ValueKind == JsonValueKind.String &&
            int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out i)) return i;
        return null;
    }

    public static double? Double(this JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        if (v.ValueKind == JsonValueKind.String &&
            double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return null;
    }

    public static bool? Bool(this JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? AsBool(v) : null;

    public static bool? AsBool(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
        JsonValueKind.String when string.Equals(v.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    public static IReadOnlyList<string> Strings(this JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array) return [];
        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
            if (AsText(item) is { } s) list.Add(s);
        return list;
    }
}
