using System.Globalization;
using System.Text;

namespace ActorPods.Api.Validation;

/// <summary>
/// A field error's bad value, kept as the Go type the api-server would hold, so that it prints the way
/// field.Error.ErrorBody prints it in v0.32: numbers and bools with %v, strings with %q, named string types
/// with a String() method bare, and anything else with %#v (maps as <c>map[string]string{"a":"b"}</c>).
/// </summary>
public abstract record GoValue
{
    public abstract string Render();

    public static GoValue Of(string value) => new GoString(value);
    public static GoValue Of(long value) => new GoInt(value);
    public static GoValue Of(bool value) => new GoBool(value);

    /// <summary>A value already rendered as Go would print it (%#v of a struct, a Stringer's String()).</summary>
    public static GoValue Raw(string rendered) => new GoRaw(rendered);

    /// <summary>A nil pointer: ErrorBody prints "null".</summary>
    public static GoValue Null { get; } = new GoRaw("null");

    /// <summary>%#v of a map[string]string: keys sorted, as fmt sorts map keys.</summary>
    public static GoValue StringMap(IReadOnlyDictionary<string, string>? map) => new GoRaw(GoFormat.StringMap(map));

    public override string ToString() => Render();
}

public sealed record GoString(string Value) : GoValue
{
    public override string Render() => GoFormat.Quote(Value);
}

public sealed record GoInt(long Value) : GoValue
{
    public override string Render() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed record GoBool(bool Value) : GoValue
{
    public override string Render() => Value ? "true" : "false";
}

public sealed record GoRaw(string Text) : GoValue
{
    public override string Render() => Text;
}

/// <summary>Go fmt emulation for the few verbs validation messages use.</summary>
public static class GoFormat
{
    /// <summary>strconv.Quote: double quotes, Go escapes, printable Unicode kept as is.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c)) sb.Append("\\ufffd");
                    else if (IsPrintable(c)) sb.Append(c);
                    else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsPrintable(char c)
    {
        var cat = char.GetUnicodeCategory(c);
        return cat is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
            && (cat != UnicodeCategory.SpaceSeparator || c == ' ');
    }

    /// <summary>%#v of map[string]string: <c>map[string]string{"a":"1", "b":"2"}</c>; nil is <c>map[string]string(nil)</c>.</summary>
    public static string StringMap(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return "map[string]string(nil)";
        var entries = map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Quote(kv.Key) + ":" + Quote(kv.Value));
        return "map[string]string{" + string.Join(", ", entries) + "}";
    }

    /// <summary>%#v of a Go string slice: <c>[]string{"a", "b"}</c>.</summary>
    public static string StringSlice(IEnumerable<string>? values) =>
        values is null ? "[]string(nil)" : "[]string{" + string.Join(", ", values.Select(Quote)) + "}";
}
