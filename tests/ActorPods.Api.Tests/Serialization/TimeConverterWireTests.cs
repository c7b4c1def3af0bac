using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

public class TimeConverterWireTests
{
    private static readonly JsonSerializerOptions Options = KubeJson.Options;

    [Theory]
    [InlineData("2024-01-02T03:04:05Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2024-02-29T12:00:00Z")]
    [InlineData("2023-02-29T12:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2024-01-02T24:00:00Z")]
    [InlineData("2024-01-02T23:60:00Z")]
    [InlineData("2024-01-02T23:59:60Z")]
    [InlineData("2024-00-02T03:04:05Z")]
    [InlineData("2024-01-00T03:04:05Z")]
    [InlineData("2024-01-02t03:04:05Z")]
    [InlineData("2024-01-02T03:04:05z")]
    [InlineData("2024-01-02T03:04:05.5Z")]
    [InlineData("2024-01-02T03:04:05+01:00")]
    [InlineData("2024-1-02T03:04:05Z")]
    [InlineData("２０２４-01-02T03:04:05Z")]
    public void Reading_the_bytes_gives_what_parsing_the_text_gives_or_the_same_error(string text)
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));
        string? expectedError = null;
        DateTimeOffset expected = default;
        if (!Rfc3339.TryParse(text, out expected, out expectedError)) expectedError ??= "error";

        if (expectedError is null)
        {
            var read = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);
            Assert.Equal(expected.UtcTicks, read.UtcTicks);
            Assert.Equal(expected.Offset, read.Offset);
        }
        else
        {
            var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));
            Assert.Contains(expectedError, e.Message);
        }
        if (TimeConverter.TryParseWholeSecondsUtc(Encoding.UTF8.GetBytes(text), out var fast))
        {
            Assert.Null(expectedError);
            Assert.Equal((expected.UtcTicks, expected.Offset), (fast.UtcTicks, fast.Offset));
        }
    }

    [Fact]
    public void Timestamps_are_written_as_whole_UTC_seconds()
    {
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        Assert.Equal("\"2024-05-06T05:08:09Z\"", JsonSerializer.Serialize(at, Options));
        Assert.Equal("\"0001-01-01T00:00:00Z\"", JsonSerializer.Serialize(DateTimeOffset.MinValue, Options));
        Assert.Equal(DateTimeOffset.MaxValue.UtcDateTime.ToString(TimeConverter.Format, CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(DateTimeOffset.MaxValue, Options)));
    }
}
