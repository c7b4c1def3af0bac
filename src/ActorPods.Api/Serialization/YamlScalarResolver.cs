using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace ActorPods.Api.Serialization;

/// <summary>
/// Plain-scalar resolution of go-yaml v2 (gopkg.in/yaml.v2 resolve.go), the YAML 1.1 dialect
/// kubectl reads manifests with: "yes"/"on"/"y" are booleans, "0777" is octal, "1e3" is a float.
/// Numbers are rendered as sigs.k8s.io/yaml's YAML-to-JSON step renders them (Go encoding/json).
/// </summary>
internal static partial class YamlScalarResolver
{
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    private static readonly HashSet<string> Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];

    public static (ScalarKind Kind, string Text) Resolve(string value, bool plain, string? tag)
    {
        switch (tag)
        {
            case "tag:yaml.org,2002:str": return (ScalarKind.String, value);
            case "tag:yaml.org,2002:null": return (ScalarKind.Null, "null");
        }
        if (!plain) return (ScalarKind.String, value);

        if (Nulls.Contains(value)) return (ScalarKind.Null, "null");
        if (Trues.Contains(value)) return (ScalarKind.Bool, "true");
        if (Falses.Contains(value)) return (ScalarKind.Bool, "false");

        var c = value[0];
        if ((c is '-' or '+' or '.' || char.IsAsciiDigit(c)) && CouldBeNumber(value))
        {
            if (TrySmallDecimal(value, out var small)) return (ScalarKind.Number, small.ToString(CultureInfo.InvariantCulture));
            if (TryInteger(value, out var integer)) return (ScalarKind.Number, integer.ToString(CultureInfo.InvariantCulture));
            if (YamlStyleFloat().IsMatch(value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                return (ScalarKind.Number, FormatGoFloat(d));
            switch (value)
            {
                // JSON cannot carry these; sigs.k8s.io/yaml fails on them, we keep them as text.
                case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                case ".nan" or ".NaN" or ".NAN":
                    return (ScalarKind.String, value);
            }
        }
        return (ScalarKind.String, value);
    }

    /// <summary>
    /// False when a character rules out every number form below (as the 'm' of "100m" or the 'M' of "64Mi" do),
    /// sparing the regex and BigInteger attempts. ".inf" and ".nan" stay strings either way.
    /// </summary>
    private static bool CouldBeNumber(string value)
    {
        foreach (var ch in value)
            if (!(char.IsAsciiHexDigit(ch) || ch is '-' or '+' or '.' or '_' or 'x' or 'X' or 'o' or 'O'))
                return false;
        return true;
    }

    /// <summary>
    /// The common case of <see cref="TryInteger"/> without BigInteger: an optionally signed decimal of at most
    /// 18 digits, with no leading zero (which would make it octal) and no '_'.
    /// </summary>
    private static bool TrySmallDecimal(string value, out long result)
    {
        result = 0;
        var digits = value.AsSpan(value[0] is '-' or '+' ? 1 : 0);
        if (digits.Length is 0 or > 18 || (digits[0] == '0' && digits.Length > 1)) return false;
        foreach (var ch in digits)
        {
            if (!char.IsAsciiDigit(ch)) return false;
            result = result * 10 + (ch - '0');
        }
        if (value[0] == '-') result = -result;
        return true;
    }

    /// <summary>go-yaml v2 integers: decimal with '_' separators, 0x hex, 0b binary, leading-0 octal.</summary>
    private static bool TryInteger(string value, out BigInteger result)
    {
        result = default;
        var s = value.Replace("_", "");
        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0) return false;

        bool ok;
        if (s.StartsWith("0x", StringComparison.Ordinal))
            ok = s.Length > 2 && BigInteger.TryParse("0" + s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result);
        else if (s.StartsWith("0b", StringComparison.Ordinal))
            ok = s.Length > 2 && s[2..].All(ch => ch is '0' or '1') && TryBase(s[2..], 2, out result);
        else if (s.Length > 1 && s[0] == '0')
            ok = s.All(ch => ch is >= '0' and <= '7') && TryBase(s[1..], 8, out result);
        else
            ok = s.All(char.IsAsciiDigit) && BigInteger.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out result);

        if (ok && negative) result = -result;
        return ok;
    }

    private static bool TryBase(string digits, int radix, out BigInteger result)
    {
        result = BigInteger.Zero;
        foreach (var ch in digits) result = result * radix + (ch - '0');
        return true;
    }

    /// <summary>Go's encoding/json float64 format: shortest round-trip, 'f' within [1e-6, 1e21), else 'e' (e.g. "1e+21").</summary>
    internal static string FormatGoFloat(double d)
    {
        var abs = Math.Abs(d);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21))
        {
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            if (!r.Contains('E')) return r;
            return decimal.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
                ? m.ToString(CultureInfo.InvariantCulture)
                : r;
        }
        var e = d.ToString("R", CultureInfo.InvariantCulture); // e.g. 1E+21
        var parts = e.Split('E');
        var exp = int.Parse(parts[1], CultureInfo.InvariantCulture);
        // Go writes at least two exponent digits: 1e-07, 1e+21.
        return parts[0] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }
}
