using ActorPods.Api.Quantities;

namespace ActorPods.Api.Tests.Quantities;

/// <summary>Expectations taken from k8s.io/apimachinery/pkg/api/resource/quantity_test.go and the doc comment of Quantity.</summary>
public class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("100m", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1", "1")]
    [InlineData("32Mi", "32Mi")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("2048Ki", "2Mi")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1e3", "1e3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("12e6", "12e6")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("128M", "128M")]
    [InlineData("2k", "2k")]
    [InlineData("1000", "1k")]
    [InlineData("1024", "1024")]
    [InlineData("1.2345", "1234500u")]
    [InlineData("0.9n", "1n")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("-100m", "-100m")]
    [InlineData("-1.5Gi", "-1536Mi")]
    [InlineData("1000000000000000000000", "1e21")]
    [InlineData("8Ei", "9223372036854775807")]
    // ParseQuantity reuses an already-canonical input verbatim, leading zeros included.
    [InlineData("007", "007")]
    [InlineData(".5", "500m")]
    public void Formats_canonically(string input, string expected) =>
        Assert.Equal(expected, Quantity.Parse(input).ToString());

    [Theory]
    [InlineData("", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("abc", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("1.5.5", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("1Gb", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("1K", "unable to parse quantity's suffix")]
    [InlineData("1Mii", "unable to parse quantity's suffix")]
    public void Rejects_malformed_text_with_apimachinery_messages(string input, string message)
    {
        Assert.False(Quantity.TryParse(input, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("100m", 1, 100)]
    [InlineData("1", 1, 1000)]
    [InlineData("0.5", 1, 500)]
    [InlineData("1n", 1, 1)]
    [InlineData("1.5Gi", 1610612736, 1610612736000)]
    [InlineData("128M", 128000000, 128000000000)]
    [InlineData("1e3", 1000, 1000000)]
    [InlineData("-1500m", -2, -1500)]
    public void Value_and_MilliValue_round_up_away_from_zero(string input, long value, long milli)
    {
        var q = Quantity.Parse(input);
        Assert.Equal(value, q.Value());
        Assert.Equal(milli, q.MilliValue());
    }

    [Fact]
    public void Value_of_a_quantity_too_large_for_64_bit_nanos_is_still_exact()
    {
        // 9E is 9e27 nanos: beyond the 64-bit fast path, so this goes through the big-integer division.
        Assert.Equal(9_000_000_000_000_000_000, Quantity.Parse("9E").Value());
        Assert.Equal(9_000_000_000_000_000, Quantity.Parse("9P").Value());
    }

    [Fact]
    public void Compares_by_value_across_notations()
    {
        Assert.Equal(Quantity.Parse("1Ki"), Quantity.Parse("1024"));
        Assert.True(Quantity.Parse("100m") < Quantity.Parse("0.2"));
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
        Assert.Equal(0, Quantity.Parse("1e3").CompareTo(Quantity.Parse("1k")));
    }

    [Fact]
    public void Add_keeps_the_first_format_unless_it_is_zero()
    {
        Assert.Equal("1600m", (Quantity.Parse("100m") + Quantity.Parse("1.5")).ToString());
        Assert.Equal("1Gi", (Quantity.Zero + Quantity.Parse("1Gi")).ToString());
        Assert.Equal("1536Mi", (Quantity.Parse("1Gi") + Quantity.Parse("512Mi")).ToString());
        Assert.Equal("500m", (Quantity.Parse("1") - Quantity.Parse("500m")).ToString());
    }

    [Fact]
    public void Factories_produce_canonical_text()
    {
        Assert.Equal("250m", Quantity.FromMilli(250).ToString());
        Assert.Equal("1Mi", Quantity.FromValue(1 << 20, QuantityFormat.BinarySI).ToString());
        Assert.Equal("2", Quantity.FromValue(2).ToString());
    }
}
