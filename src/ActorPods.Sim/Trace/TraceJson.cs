using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorPods.Sim.Trace;

/// <summary>
/// The trace's JSON-lines form: one object per record, keys in record order starting with "t" (virtual seconds, a
/// decimal number with at most 7 fractional digits) and "type". Written byte-for-byte the same for the same records
/// (invariant culture, no indentation), and read back into equal records.
/// </summary>
public static class TraceJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Write(TraceRecord record)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("t", Seconds(record.T));
            w.WriteString("type", record.Type);
            foreach (var (key, value) in record.Fields) WriteValue(w, key, value);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static decimal Seconds(TimeSpan t) => t.Ticks / (decimal)TimeSpan.TicksPerSecond;

    private static void WriteValue(Utf8JsonWriter w, string key, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(key); break;
            case string s: w.WriteString(key, s); break;
            case bool b: w.WriteBoolean(key, b); break;
            case int i: w.WriteNumber(key, i); break;
            case long l: w.WriteNumber(key, l); break;
            case decimal d: w.WriteNumber(key, d); break;
            case IReadOnlyList<string> list:
                w.WriteStartArray(key);
                foreach (var item in list) w.WriteStringValue(item);
                w.WriteEndArray();
                break;
            case IReadOnlyList<KeyValuePair<string, bool>> map:
                w.WriteStartObject(key);
                foreach (var (k, v) in map) w.WriteBoolean(k, v);
                w.WriteEndObject();
                break;
            default: throw new ArgumentException($"cannot write {value.GetType().Name} to the trace");
        }
    }

    /// <summary>Reads one line; throws <see cref="FormatException"/> for anything that is not a trace record.</summary>
    public static TraceRecord Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("t", out var t) || !root.TryGetProperty("type", out var type))
            throw new FormatException("a trace record needs \"t\" and \"type\"");
        var fields = new List<KeyValuePair<string, object?>>();
        foreach (var p in root.EnumerateObject())
        {
            if (p.Name is "t" or "type") continue;
            fields.Add(new KeyValuePair<string, object?>(p.Name, ReadValue(p.Value)));
        }
        return new TraceRecord(TimeSpan.FromTicks((long)(t.GetDecimal() * TimeSpan.TicksPerSecond)), type.GetString()!, fields);
    }

    public static IReadOnlyList<TraceRecord> ReadFile(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(Read).ToList();

    private static object? ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : (object)e.GetDecimal(),
        JsonValueKind.Array => e.EnumerateArray().Select(x => x.ToString()).ToList(),
        JsonValueKind.Object => e.EnumerateObject().Select(p => new KeyValuePair<string, bool>(p.Name, p.Value.ValueKind == JsonValueKind.True)).ToList(),
        _ => e.ToString(),
    };

    public static string FormatSeconds(TimeSpan t) => Seconds(t).ToString("0.000", CultureInfo.InvariantCulture);
}
