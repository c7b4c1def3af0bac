using System.Globalization;
using System.Text;
using ActorPods.Api.Model;

namespace ActorPods.Api.Printing.Describe;

/// <summary>How Go's fmt and time packages render the values describe.go prints.</summary>
public static class GoText
{
    /// <summary>time.RFC1123Z, "Mon, 02 Jan 2006 15:04:05 -0700"; an unset time is Go's zero time.</summary>
    public static string Rfc1123Z(DateTimeOffset? time, TimeZoneInfo zone)
    {
        if (time is null) return "Mon, 01 Jan 0001 00:00:00 +0000";
        var local = TimeZoneInfo.ConvertTime(time.Value, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return local.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }

    /// <summary>printBool: "True"/"False".</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>%v / %t of a bool: "true"/"false".</summary>
    public static string Lower(bool value) => value ? "true" : "false";

    /// <summary>%v of a []string: "[a b c]".</summary>
    public static string List(IEnumerable<string>? items) => "[" + string.Join(" ", items ?? []) + "]";

    /// <summary>%q of a string (strconv.Quote for printable text).</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => ch.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>IntOrString.String(): the number or the name.</summary>
    public static string Port(IntOrString? port) => port?.ToString() ?? "0";
}
