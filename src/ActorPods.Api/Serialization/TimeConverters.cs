using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorPods.Api.Serialization;

/// <summary>
/// metav1.Time: RFC3339 in UTC with whole seconds ("2024-01-02T03:04:05Z"); finer precision is
/// dropped on output, as Time.MarshalJSON does (k8s.io/apimachinery/pkg/apis/meta/v1/time.go).
/// </summary>
public sealed class TimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ParseRfc3339(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        WriteUtc(writer, value, Format);

    /// <summary>The UTC time in <paramref name="format"/>, formatted on the stack (every status and event write has times).</summary>
    internal static void WriteUtc(Utf8JsonWriter writer, DateTimeOffset value, string format)
    {
        Span<byte> text = stackalloc byte[48];
        if (value.UtcDateTime.TryFormat(text, out var length, format, CultureInfo.InvariantCulture)) writer.WriteStringValue(text[..length]);
        else writer.WriteStringValue(value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }

    internal static DateTimeOffset ParseRfc3339(string? text) =>
        Rfc3339.TryParse(text ?? "", out var value, out var error) ? value : throw new JsonException(error);
}

/// <summary>metav1.MicroTime: RFC3339 with microseconds ("2024-01-02T03:04:05.000000Z"), used by Lease and Event.eventTime.</summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset?>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override bool HandleNull => false;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : TimeConverter.ParseRfc3339(reader.GetString());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) TimeConverter.WriteUtc(writer, v, Format);
        else writer.WriteNullValue();
    }
}
