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
        var hints = new List<string>();
        var from = Math.Max(1, line - 3);

        var glued = Enumerable.Range(from, line - from + 1).Reverse()
            .Select(n => (n, m: KeyWithoutSpace().Match(CodePart(lines, n)))).FirstOrDefault(x => x.m.Success);
        if (glued.m is { Success: true })
            hints.Add($"line {glued.n}: \"{glued.m.Groups[1].Value}:\" has no space after the colon, so YAML reads the whole line as a string; write \"{glued.m.Groups[1].Value}: ...\"");

        var tab = Enumerable.Range(from, line - from + 1).Reverse().FirstOrDefault(n => IndentOf(lines, n).Contains('\t'));
        if (tab > 0) hints.Add($"line {tab} is indented with a tab; YAML allows only spaces");

        if (hints.Count == 0 && problem == "mapping values are not allowed in this context"
            && OverIndented(lines, line) is { } over)
            hints.Add(over);

        if (hints.Count == 0)
        {
            var generic = problem switch
            {
                "mapping values are not allowed in this context" =>
                    $"a 'key: value' appears where YAML expects a plain value; check the indentation of line {line} against the line above it",
                "did not find expected key" or "could not find expected ':'" =>
                    $"check the indentation of line {line}: items of one mapping must start in the same column",
                "did not find expected '-' indicator" => $"line {line} is not aligned with the list items above it",
                "block sequence entries are not allowed in this context" =>
                    $"a '- ' list item must start its own line, aligned with the other items (line {line})",
                _ => null,
            };
            if (generic is not null) hints.Add(generic);
        }

        // A full-width colon near the error is the likely cause, even when YAML trips a line earlier.
        var fullWidth = Enumerable.Range(from, Math.Min(lines.Length, line + 2) - from + 1)
            .FirstOrDefault(n => CodePart(lines, n).Contains('：'));
        if (fullWidth > 0)
            hints.Insert(fullWidth == line ? 0 : hints.Count,
                $"line {fullWidth} uses a full-width colon '：' (U+FF1A); YAML needs an ASCII ':' followed by a space");

        return hints.Count == 0 ? null : string.Join("; also ", hints);
    }

    // "key: value" (optionally as a list item): group 1 is the indentation up to the key.
    [GeneratedRegex(@"^(\s*(?:-\s+)?)([^\s#:][^:#]*?):\s+\S")]
    private static partial Regex KeyWithScalarValue();

    /// <summary>
    /// The commonest cause of "mapping values are not allowed": a line indented deeper than the key above it,
    /// which YAML then reads as the continuation of that key's value.
    /// </summary>
    private static string? OverIndented(string[] lines, int line)
    {
        if (line < 2 || line > lines.Length) return null;
        var current = lines[line - 1];
        var indent = current.Length - current.TrimStart().Length;
        for (var n = line - 1; n >= 1; n--)
        {
            var above = CodePart(lines, n);
            if (above.Trim().Length == 0) continue;
            var m = KeyWithScalarValue().Match(above);
            if (!m.Success) return null;
            var keyColumn = m.Groups[1].Length;
            if (indent <= keyColumn) return null;
            return $"line {line} is indented deeper than \"{m.Groups[2].Value.Trim()}:\" on line {n}, so YAML reads it as part of that value; " +
                   $"start it in column {keyColumn + 1}, under \"{m.Groups[2].Value.Trim()}\"";
        }
        return null;
    }

    private static string IndentOf(string[] lines, int n)
    {
        if (n < 1 || n > lines.Length) return "";
        var text = lines[n - 1];
        return text[..(text.Length - text.TrimStart().Length)];
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
