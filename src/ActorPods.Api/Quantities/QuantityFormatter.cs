using System.Globalization;
using System.Numerics;

namespace ActorPods.Api.Quantities;

/// <summary>
/// Canonical formatting, after Quantity.CanonicalizeBytes, AsCanonicalBytes and
/// AsCanonicalBase1024Bytes (k8s.io/apimachinery/pkg/api/resource/quantity.go, amount.go):
/// no precision lost, no fractional digits, the largest suffix possible.
/// </summary>
internal static class QuantityFormatter
{
    private static readonly BigInteger Billion = 1_000_000_000;
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    public static string Canonical(BigInteger nanos, QuantityFormat format)
    {
        if (nanos.IsZero) return "0";

        if (format == QuantityFormat.BinarySI)
        {
            // Between -1024 and 1024, or not a whole number: shown as DecimalSI so nothing is rounded.
            if (BigInteger.Abs(nanos) < 1024 * Billion || !(nanos % Billion).IsZero)
                format = QuantityFormat.DecimalSI;
            else
                return Base1024(nanos / Billion);
        }

        // Mantissa * 10^exponent with the exponent a multiple of 3 and as large as possible.
        var mantissa = nanos;
        var exponent = -9;
        while ((mantissa % 1000).IsZero)
        {
            mantissa /= 1000;
            exponent += 3;
        }
        var number = mantissa.ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
            return exponent == 0 ? number : number + "e" + exponent.ToString(CultureInfo.InvariantCulture);

        var suffix = exponent switch
        {
            -9 => "n", -6 => "u", -3 => "m", 0 => "", 3 => "k", 6 => "M",
            9 => "G", 12 => "T", 15 => "P", 18 => "E",
            // DecimalSI has no suffix above E: quantity.go falls back to the exponent notation.
            _ => "e" + exponent.ToString(CultureInfo.InvariantCulture),
        };
        return number + suffix;
    }

    private static string Base1024(BigInteger units)
    {
        var exponent = 0;
        while (exponent < BinarySuffixes.Length - 1 && (units % 1024).IsZero)
        {
            units /= 1024;
            exponent++;
        }
        return units.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[exponent];
    }
}
