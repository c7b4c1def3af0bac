using System.Numerics;

namespace ActorPods.Api.Quantities;

/// <summary>
/// ParseQuantity and parseQuantityString from k8s.io/apimachinery/pkg/api/resource/quantity.go,
/// suffix interpretation from suffix.go, with the same error texts.
/// </summary>
internal static class QuantityParser
{
    internal const string ErrFormatWrong =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    internal const string ErrNumeric = "unable to parse numeric part of quantity";
    internal const string ErrSuffix = "unable to parse quantity's suffix";

    private const string SuffixChars = "eEinumkKMGTP";
    // quantity.go maxInt64Factors: the number of decimal digits an int64 always holds.
    private const int MaxInt64Factors = 18;
    // Not a Kubernetes limit: keeps "1e999999999" from allocating a gigantic BigInteger.
    private const int MaxDecimalExponent = 4096;

    public static bool TryParse(string? str, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;
        if (string.IsNullOrEmpty(str)) { error = ErrFormatWrong; return false; }
        if (str == "0") { quantity = Quantity.Create(BigInteger.Zero, QuantityFormat.DecimalSI, "0"); return true; }

        if (!Split(str, out var positive, out _, out var num, out var denom, out var suffix))
        {
            error = ErrFormatWrong;
            return false;
        }
        if (!Interpret(suffix, out var base10, out var exponent, out var format))
        {
            error = ErrSuffix;
            return false;
        }

        var verbatim = KeepsVerbatim(str, num, denom, base10, exponent, format) ? str : null;

        // Exact amount = sign * digits * 10^-len(denom) * base^exponent, then in nano units,
        // rounded away from zero ("if you want some resources, you should get some resources").
        // num has its leading zeros stripped and denom is the fraction's digits: as the fast path's "shifted".
        if (!BigInteger.TryParse(num + denom, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var mantissa)) { error = ErrNumeric; return false; }
        var shift = 9 - denom.Length + (base10 ? exponent : 0);
        var numerator = mantissa;
        var denominator = BigInteger.One;
        if (shift >= 0) numerator *= BigInteger.Pow(10, shift);
        else denominator = BigInteger.Pow(10, -shift);
        if (!base10) numerator <<= exponent;
        var nanos = BigInteger.DivRem(numerator, denominator, out var rem);
        if (!rem.IsZero) nanos += 1;
        if (!positive) nanos = -nanos;

        quantity = Quantity.Create(nanos, format, verbatim);
        return true;
    }

    /// <summary>parseQuantityString: sign, digits, optional fraction, then the suffix.</summary>
    private static bool Split(string str, out bool positive, out string value, out string num, out string denom, out string suffix)
    {
        positive = true;
        value = num = denom = suffix = "";
        int pos = 0, end = str.Length;
        if (str[0] == '-') { positive = false; pos++; }
        else if (str[0] == '+') pos++;

        while (pos < end && str[pos] == '0') pos++;
        if (pos >= end) { num = "0"; value = "0"; return true; }

        var start = pos;
        while (pos < end && char.IsAsciiDigit(str[pos])) pos++;
        num = str[start..pos];
        if (pos >= end) { value = str; return true; }
        if (num.Length == 0) num = "0";

        if (str[pos] == '.')
        {
            pos++;
            start = pos;
            while (pos < end && char.IsAsciiDigit(str[pos])) pos++;
            denom = str[start..pos];
            if (pos >= end) { value = str; return true; }
        }
        value = str[..pos];

        var suffixStart = pos;
        while (pos < end && SuffixChars.Contains(str[pos])) pos++;
        if (pos < end && (str[pos] == '-' || str[pos] == '+')) pos++;
        while (pos < end && char.IsAsciiDigit(str[pos])) pos++;
        if (pos < end) return false;
        suffix = str[suffixStart..];
        return true;
    }

    /// <summary>suffix.go interpret: decimal SI table, binary SI table, then e/E exponent.</summary>
    private static bool Interpret(string suffix, out bool base10, out int exponent, out QuantityFormat format)
    {
        base10 = true;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "n" => -9, "u" => -6, "m" => -3, "" => 0, "k" => 3, "M" => 6,
            "G" => 9, "T" => 12, "P" => 15, "E" => 18,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue) return true;

        exponent = suffix switch
        {
            "Ki" => 10, "Mi" => 20, "Gi" => 30, "Ti" => 40, "Pi" => 50, "Ei" => 60,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue) { base10 = false; format = QuantityFormat.BinarySI; return true; }

        format = QuantityFormat.DecimalExponent;
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E')
            && long.TryParse(suffix.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            && Math.Abs(parsed) <= MaxDecimalExponent)
        {
            exponent = (int)parsed;
            return true;
        }
        exponent = 0;
        return false;
    }

    /// <summary>
    /// ParseQuantity's fast path keeps the input string when it is already canonical
    /// (quantity.go: "if the number is in canonical form, reuse the string").
    /// </summary>
    private static bool KeepsVerbatim(string str, string num, string denom, bool base10, int exponent, QuantityFormat format)
    {
        var shifted = num + denom;
        if (format == QuantityFormat.BinarySI)
        {
            if (exponent < 0 || denom.Length != 0) return false;
            var precision = 15 - num.Length - (int)((float)exponent * 3 / 10) - 1;
            if (precision < 0 || !long.TryParse(shifted, out var v)) return false;
            if (v != 0 && (v > (long.MaxValue >> exponent))) return false; // int64Multiply overflow
            return exponent % 10 == 0 && (v & 0x07) != 0;
        }
        var precisionDec = MaxInt64Factors - (num.Length + denom.Length);
        var scale = exponent - denom.Length;
        if (precisionDec < 0 || scale < -9) return false;
        return scale % 3 == 0 && !shifted.EndsWith("000", StringComparison.Ordinal) && shifted[0] != '0';
    }
}
