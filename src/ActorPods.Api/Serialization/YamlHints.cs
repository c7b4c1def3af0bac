using System.Text.RegularExpressions;

namespace ActorPods.Api.Serialization;

/// <summary>Suggestions for YAML syntax errors, from the offending line and the few lines above it.</summary>
internal static partial class YamlHints
{
    // A would-be key glued to its value: "preStop:#comment" or "image:nginx" (but not "http://").
    [GeneratedRegex(@"^\s*(?:-\s+)?([A-Za-z][\w.-]*):(?![\s/]|$)")]
    private static partial Regex KeyWithoutSpace();

    public static string? ForSyntaxError(string[] lines, int line, string problem)
    {
        var from = Math.Max(1, line - 3);
        for (var n = line; n >= from; n--)
        {
            var text = CodePart(lines, n);
            if (text.Contains('：'))
                return $"line {n} uses a full-width colon '：' (U+FF1A); YAML needs an ASCII ':' followed by a space";
        }
        for (var n = line; n >= from; n--)
        {
            var raw = n <= lines.Length ? lines[n - 1] : "";
            if (raw.Length - raw.TrimStart().Length > 0 && raw[..(raw.Length - raw.TrimStart().Length)].Contains('\t'))
                return $"line {n} is indented with a tab; YAML allows only spaces";
        }
        for (var n = line; n >= from; n--)
        {
            var m = KeyWithoutSpace().Match(CodePart(lines, n));
            if (m.Success)
                return $"line {n}: \"{m.Groups[1].Value}:\" has no space after the colon, so YAML reads the whole line as a string; write \"{m.Groups[1].Value}: ...\"";
        }
        return problem switch
        {
            "mapping values are not allowed in this context" =>
                $"a 'key: value' appears where YAML expects a plain value; check the indentation of line {line} against the line above it",
            "did not find expected key" or "could not find expected ':'" =>
                $"check the indentation of line {line}: items of one mapping must start in the same column",
            "did not find expected '-' indicator" => $"line {line} is not aligned with the list items above it",
            _ => null,
        };
    }

    /// <summary>The line without its trailing comment (a '#' after whitespace, or at the start).</summary>
    private static string CodePart(string[] lines, int n)
    {
        if (n < 1 || n > lines.Length) return "";
        var text = lines[n - 1];
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1]))) return text[..i];
        return text;
    }
}
