using System.Globalization;

namespace ActorPods.Api.Serialization;

/// <summary>
/// RFC3339 parsing with Go's error wording: time.Parse(time.RFC3339, s) fails with
/// <c>parsing time "s" as "2006-01-02T15:04:05Z07:00": cannot parse "rest" as "element"</c>,
/// naming the layout element where the text stopped matching (Go's time/format.go).
/// </summary>
internal static class Rfc3339
{
    private const string Layout = "2006-01-02T15:04:05Z07:00";

    private static readonly (string Element, Func<string, int, int> Match)[] Elements =
    [
        ("2006", (s, i) => Digits(s, i, 4)),
        ("-", (s, i) => Literal(s, i, '-')),
        ("01", (s, i) => Digits(s, i, 2)),
        ("-", (s, i) => Literal(s, i, '-')),
        ("02", (s, i) => Digits(s, i, 2)),
        ("T", (s, i) => Literal(s, i, 'T')),
        ("15", (s, i) => Digits(s, i, 2)),
        (":", (s, i) => Literal(s, i, ':')),
        ("04", (s, i) => Digits(s, i, 2)),
        (":", (s, i) => Literal(s, i, ':')),
        ("05", Seconds),
        ("Z07:00", Zone),
    ];

    public static bool TryParse(string text, out DateTimeOffset value, out string? error)
    {
        value = default;
        error = null;
        var pos = 0;
        foreach (var (element, match) in Elements)
        {
            var end = match(text, pos);
            if (end < 0)
            {
                error = $"parsing time \"{text}\" as \"{Layout}\": cannot parse \"{text[pos..]}\" as \"{element}\"";
                return false;
            }
            pos = end;
        }
        if (pos < text.Length)
        {
            error = $"parsing time \"{text}\": extra text: \"{text[pos..]}\"";
            return false;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value))
        {
            error = $"parsing time \"{text}\": {RangeProblem(text)}";
            return false;
        }
        return true;
    }

    private static string RangeProblem(string text)
    {
        int Part(int start) => int.Parse(text.AsSpan(start, 2), CultureInfo.InvariantCulture);
        if (Part(5) is < 1 or > 12) return "month out of range";
        if (Part(11) > 23) return "hour out of range";
        if (Part(14) > 59) return "minute out of range";
        if (Part(17) > 59) return "second out of range";
        return "day out of range";
    }

    private static int Digits(string s, int i, int n)
    {
        if (i + n > s.Length) return -1;
        for (var k = i; k < i + n; k++)
            if (!char.IsAsciiDigit(s[k])) return -1;
        return i + n;
    }

    private static int Literal(string s, int i, char c) => i < s.Length && s[i] == c ? i + 1 : -1;

    private static int Seconds(string s, int i)
    {
        var end = Digits(s, i, 2);
        if (end < 0) return -1;
        if (end < s.Length && s[end] == '.')
        {
            var k = end + 1;
            while (k < s.Length && char.IsAsciiDigit(s[k])) k++;
            if (k > end + 1) end = k;
        }
        return end;
    }

    private static int Zone(string s, int i)
    {
        if (i < s.Length && s[i] == 'Z') return i + 1;
        if (i < s.Length && (s[i] == '+' || s[i] == '-') && Digits(s, i + 1, 2) > 0 && Literal(s, i + 3, ':') > 0 && Digits(s, i + 4, 2) > 0)
            return i + 6;
        return -1;
    }
}
