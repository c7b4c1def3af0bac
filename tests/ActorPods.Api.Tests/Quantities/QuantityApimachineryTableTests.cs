using System.Numerics;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Tests.Quantities;

/// <summary>
/// Tables ported from k8s.io/apimachinery/pkg/api/resource/quantity_test.go
/// (TestQuantityParse, TestQuantityString alternates, TestQuantityParseEmit, the invalid list).
/// </summary>
public class QuantityApimachineryTableTests
{
    private const string D = "DecimalSI", B = "BinarySI", E = "DecimalExponent";

    // input, unscaled, exponent (value = unscaled * 10^exponent), format
    [Theory]
    [InlineData("0", 0, 0, D)]
    [InlineData("0n", 0, 0, D)]
    [InlineData("0Ki", 0, 0, B)]
    [InlineData("0M", 0, 0, D)]
    [InlineData("1", 1, 0, D)]
    [InlineData("1Ki", 1024, 0, B)]
    [InlineData("7Mi", 7L * 1024 * 1024, 0, B)]
    [InlineData("3Ei", 3L * 1024 * 1024 * 1024 * 1024 * 1024 * 1024, 0, B)]
    [InlineData("5n", 5, -9, D)]
    [InlineData("4u", 4, -6, D)]
    [InlineData("50k", 5, 4, D)]
    [InlineData("300T", 3, 14, D)]
    [InlineData("1E", 1, 18, D)]
    [InlineData("1E-3", 1, -3, E)]
    [InlineData("1e3", 1, 3, E)]
    [InlineData("1E18", 1, 18, E)]
    [InlineData("100.035k", 100035, 0, D)]
    [InlineData("0.0005k", 5, -1, D)]
    [InlineData("0.00500", 5, -3, D)]
    [InlineData("0.5e0", 5, -1, E)]
    [InlineData("0.5e-2", 5, -3, E)]
    [InlineData("10.035M", 10035, 3, D)]
    [InlineData("1.3E+6", 13, 5, E)]
    [InlineData("1.7E18", 17, 17, E)]
    [InlineData("6.987654321G", 6987654321, 0, D)]
    [InlineData("1.01E", 101, 16, D)]
    [InlineData("3.001n", 4, -9, D)]
    [InlineData("1.1E-9", 2, -9, E)]
    [InlineData("0.0000000005", 1, -9, D)]
    [InlineData("0.5e-9", 1, -9, E)]
    [InlineData("0.00000012345", 124, -9, D)]
    [InlineData("9Ei", long.MaxValue, 0, B)]
    [InlineData("9223372036854775807Ki", long.MaxValue, 0, B)]
    [InlineData("12E", 12, 18, D)]
    [InlineData("100.035Ki", 10243584, -2, B)]
    [InlineData("0.5Mi", 524288, 0, B)]
    [InlineData("0.025Ti", 274877906944, -1, B)]
    [InlineData("0.000000000001Ki", 2, -9, D)]
    [InlineData(".001", 1, -3, D)]
    [InlineData(".0001k", 100, -3, D)]
    [InlineData("1.", 1, 0, D)]
    [InlineData("1.G", 1, 9, D)]
    [InlineData(".", 0, 0, D)]
    public void Parses_value_and_format(string input, long unscaled, int exponent, string format)
    {
        var expected = exponent >= -9
            ? new BigInteger(unscaled) * BigInteger.Pow(10, exponent + 9)
            : new BigInteger(unscaled) / BigInteger.Pow(10, -9 - exponent);
        foreach (var (text, sign) in new[] { (input, 1), ("-" + input, -1), ("+" + input, 1) })
        {
            var q = Quantity.Parse(text);
            Assert.Equal(expected * sign, q.Nanos);
            Assert.Equal(format, q.Format.ToString());
        }
    }

    [Theory]
    [InlineData("1.1.M")]
    [InlineData("1+1.0M")]
    [InlineData("0.1mi")]
    [InlineData("0.1am")]
    [InlineData("aoeu")]
    [InlineData(".5i")]
    [InlineData("1i")]
    [InlineData("-3.01i")]
    [InlineData("-3.01e-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    public void Rejects(string input) => Assert.False(Quantity.TryParse(input, out _));

    // alternate spelling -> canonical String()
    [Theory]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("307200Ki", "300Mi")]
    [InlineData("1025024Mi", "1001Gi")]
    [InlineData("1024Gi", "1Ti")]
    [InlineData("1000M", "1G")]
    [InlineData("0.001T", "1G")]
    [InlineData("1000u", "1m")]
    [InlineData("1.08", "1080m")]
    [InlineData("1080000000n", "1080m")]
    [InlineData("1000E", "1e21")]
    [InlineData("1000000E", "1e24")]
    [InlineData(".001e12", "1e9")]
    [InlineData("0.001e0", "1e-3")]
    [InlineData("1000e-12", "1e-9")]
    [InlineData("00", "0")]
    [InlineData(".001Ki", "1024m")]
    [InlineData(".000001Ki", "1024u")]
    [InlineData(".000000001Ki", "1024n")]
    [InlineData(".000000000001Ki", "2n")]
    [InlineData("-1024Mi", "-1Gi")]
    [InlineData("-.001Ki", "-1024m")]
    public void Emits_canonical_form(string input, string canonical)
    {
        Assert.Equal(canonical, Quantity.Parse(input).ToString());
        // The canonical text parses back to itself.
        Assert.Equal(canonical, Quantity.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData(1, "1m")]
    [InlineData(1000, "1")]
    [InlineData(1234000, "1234")]
    public void FromMilli_matches_NewMilliQuantity(long milli, string expected) =>
        Assert.Equal(expected, Quantity.FromMilli(milli).ToString());

    [Fact]
    public void Binary_milli_quantities_fall_back_to_decimal()
    {
        Assert.Equal("1024m", Quantity.FromMilli(1024, QuantityFormat.BinarySI).ToString());
        Assert.Equal("1048576m", Quantity.FromMilli(1024 * 1024, QuantityFormat.BinarySI).ToString());
        Assert.Equal("1Ki", Quantity.FromValue(1024, QuantityFormat.BinarySI).ToString());
        Assert.Equal("1e6", Quantity.FromValue(1000000, QuantityFormat.DecimalExponent).ToString());
    }
}
