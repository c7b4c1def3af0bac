using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorPods.Api.Quantities;

/// <summary>
/// Quantities are JSON strings in canonical form; a JSON number is accepted on input
/// (Quantity.UnmarshalJSON strips optional quotes and parses the text either way).
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            _ => throw new JsonException($"cannot unmarshal {reader.TokenType} into resource.Quantity"),
        };
        if (!Quantity.TryParse(text.Trim(), out var q, out var error))
            throw new JsonException(error);
        return q;
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override Quantity ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quantity.Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
