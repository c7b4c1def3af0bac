using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorPods.Api.Model;

/// <summary>
/// intstr.IntOrString (k8s.io/apimachinery/pkg/util/intstr): a port number or port name,
/// an absolute count or a percentage ("25%"). Serialized as a JSON number or string, as written.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private readonly int _int;
    private readonly string? _str;

    private IntOrString(int i, string? s) { _int = i; _str = s; }

    public static IntOrString FromInt(int value) => new(value, null);
    public static IntOrString FromString(string value) => new(0, value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator IntOrString(int value) => FromInt(value);
    public static implicit operator IntOrString(string value) => FromString(value);

    public bool IsString => _str is not null;
    public bool IsInt => _str is null;
    /// <summary>The number; 0 when this holds a string.</summary>
    public int IntValue => _int;
    /// <summary>The string; null when this holds a number.</summary>
    public string? StringValue => _str;

    /// <summary>
    /// Resolves a percentage against a total, as intstr.GetScaledValueFromIntOrPercent does
    /// (rounding up for maxSurge, down for maxUnavailable). A plain number is returned as is.
    /// </summary>
    public int GetScaledValue(int total, bool roundUp)
    {
        if (IsInt) return _int;
        var s = _str!;
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
            throw new FormatException($"invalid value for IntOrString: invalid value \"{s}\": must be an integer or percentage (e.g '5%')");
        var scaled = (long)percent * total;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    public override string ToString() => _str ?? _int.ToString(CultureInfo.InvariantCulture);
}

public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var i) => IntOrString.FromInt(i),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            JsonTokenType.Number => throw new JsonException("json: cannot unmarshal number into Go value of type int32"),
            _ => throw new JsonException($"cannot unmarshal {reader.TokenType} into intstr.IntOrString"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsString) writer.WriteStringValue(value.StringValue);
        else writer.WriteNumberValue(value.IntValue);
    }
}
