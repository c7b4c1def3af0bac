using System.Globalization;
using System.Text;

namespace ActorPods.Sim.Reports.Html;

/// <summary>Escaping and number formatting for the report. All numbers go through the invariant culture so the page is
/// byte-identical whatever machine renders it.</summary>
public static class HtmlText
{
    /// <summary>Escapes text for element content and double- or single-quoted attribute values.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\0' => "\uFFFD",
                _ => ch.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>A CSS class token: anything outside [a-z0-9-] becomes '-', so data can never leave the attribute.</summary>
    public static string ClassToken(string text)
    {
        var chars = text.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')) chars[i] = '-';
        return new string(chars);
    }

    /// <summary>Virtual seconds, e.g. <c>75.25 s</c>.</summary>
    public static string Seconds(double t) => t.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>m:ss with the fraction kept when there is one, e.g. <c>1:15</c>, <c>1:15.25</c>.</summary>
    public static string Clock(double t)
    {
        var sign = t < 0 ? "-" : "";
        t = Math.Abs(Math.Round(t, 3));
        var minutes = Math.Floor(t / 60);
        var seconds = Math.Round(t - minutes * 60, 3);
        return sign + minutes.ToString("0", CultureInfo.InvariantCulture) + ":" +
               seconds.ToString("00.###", CultureInfo.InvariantCulture);
    }

    /// <summary>Both forms: <c>75.25 s (1:15.25)</c>.</summary>
    public static string Time(double t) => $"{Seconds(t)} ({Clock(t)})";

    public static string Percent(double value) =>
        Math.Clamp(value, 0, 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
