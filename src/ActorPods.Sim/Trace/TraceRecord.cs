namespace ActorPods.Sim.Trace;

/// <summary>
/// One line of the trace: the virtual time since the start, the record type (pod, container, event, probe, hook,
/// signal, log, action) and its fields in their fixed order. Values are string, long, bool, null, a list of strings,
/// or an ordered map of string to bool (pod conditions).
/// </summary>
public sealed record TraceRecord(TimeSpan T, string Type, IReadOnlyList<KeyValuePair<string, object?>> Fields)
{
    public object? this[string key]
    {
        get
        {
            foreach (var (k, v) in Fields)
                if (k == key) return v;
            return null;
        }
    }

    public string? String(string key) => this[key] as string;

    public long? Long(string key) => this[key] switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    public bool? Bool(string key) => this[key] as bool?;

    public bool Has(string key) => Fields.Any(f => f.Key == key);

    public override string ToString() => TraceJson.Write(this);
}

/// <summary>Builds a record's fields in order.</summary>
public sealed class TraceFields
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public TraceFields Add(string key, object? value)
    {
        _fields.Add(new KeyValuePair<string, object?>(key, value));
        return this;
    }

    public IReadOnlyList<KeyValuePair<string, object?>> Build() => _fields;
}
