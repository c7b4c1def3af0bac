using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorPods.Bench.Reporting;

/// <summary>Named figures from one run, printed as an aligned table or as one JSON object (stable keys for machines).</summary>
public sealed class ResultSheet(string title)
{
    private readonly List<(string Key, string Label, double Value, string Unit, string Note)> _rows = [];

    public void Add(string key, string label, double value, string unit, string note = "") => _rows.Add((key, label, value, unit, note));

    public double this[string key] => _rows.First(r => r.Key == key).Value;

    public string ToJson()
    {
        var obj = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in _rows) obj[r.Key] = Math.Round(r.Value, 3);
        return JsonSerializer.Serialize(obj);
    }

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(title);
        var labelWidth = _rows.Max(r => r.Label.Length);
        var values = _rows.Select(r => Format(r.Value)).ToArray();
        var valueWidth = values.Max(v => v.Length);
        var unitWidth = _rows.Max(r => r.Unit.Length);
        for (var i = 0; i < _rows.Count; i++)
        {
            var r = _rows[i];
            sb.Append("  ").Append(r.Label.PadRight(labelWidth)).Append("  ").Append(values[i].PadLeft(valueWidth))
              .Append(' ').Append(r.Unit.PadRight(unitWidth));
            if (r.Note.Length > 0) sb.Append("  ").Append(r.Note);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Format(double v) =>
        v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);
}
