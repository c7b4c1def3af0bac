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

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // What this converter writes (and the api-server re-reads on every write) is parsed from the bytes; anything
        // else goes through the text and Rfc3339, which also words the errors.
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryParseWholeSecondsUtc(reader.ValueSpan, out var value)) return value;
        return ParseRfc3339(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        WriteUtc(writer, value, Format);

    /// <summary>The UTC time in <paramref name="format"/>, formatted on the stack (every status and event write has times).</summary>
    internal static void WriteUtc(Utf8JsonWriter writer, DateTimeOffset value, string format)
    {
        Span<byte> text = stackalloc byte[48];
        if (value.UtcDateTime.TryFormat(text, out var length, format, CultureInfo.InvariantCulture)) writer.WriteStringValue(text[..length]);
        else writer.WriteStringValue(value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>Exactly "yyyy-MM-ddTHH:mm:ssZ" with every field in range: the instant in UTC, as Rfc3339.TryParse reads it.</summary>
    internal static bool TryParseWholeSecondsUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = text[i] - (byte)'0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
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
