using System.Globalization;
using System.Text.Json;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

/// <summary>metav1.Time and MicroTime are formatted on the stack; the text must be what DateTime.ToString gave.</summary>
public class TimeConverterTests
{
    public static TheoryData<DateTimeOffset> Times() => new()
    {
        new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-7)).AddTicks(9_999_999),
        new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(5.5)).AddTicks(1_234_567),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
    };

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void A_time_is_written_in_utc_with_whole_seconds_as_the_format_string_gives(DateTimeOffset t)
    {
        var expected = "\"" + t.UtcDateTime.ToString(TimeConverter.Format, CultureInfo.InvariantCulture) + "\"";
        Assert.Equal(expected, Written(w => new TimeConverter().Write(w, t, KubeJson.Options)));
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void A_micro_time_is_written_in_utc_with_microseconds_as_the_format_string_gives(DateTimeOffset t)
    {
        var expected = "\"" + t.UtcDateTime.ToString(MicroTimeConverter.Format, CultureInfo.InvariantCulture) + "\"";
        Assert.Equal(expected, Written(w => new MicroTimeConverter().Write(w, t, KubeJson.Options)));
    }
}
