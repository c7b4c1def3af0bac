namespace ActorPods.Userland.Shell;

/// <summary>fnmatch(3) without flags: *, ?, [set], [!set], and backslash escapes (how quoted
/// characters are protected inside a pattern).</summary>
public static class Glob
{
    /// <summary>
    /// Whether <paramref name="pattern"/> can match anything but itself: a *, a ?, a backslash escape, or a [ that opens
    /// a bracket expression (one with a closing ]). A lone [ — the test command's name, `[ "$1" = x ]` — is an ordinary
    /// character to <see cref="Match"/>, so such a word names one path at most and needs no directory listing.
    /// </summary>
    public static bool HasMeta(string pattern)
    {
        var span = pattern.AsSpan();
        if (span.IndexOfAny("*?\\") >= 0) return true;
        for (var i = span.IndexOf('['); i >= 0; i = span.Slice(i + 1).IndexOf('[') is var next and >= 0 ? i + 1 + next : -1)
            if (ClassEnd(span, i) > 0) return true;
        return false;
    }

    public static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*') { starP = ++p; starT = t; continue; }
                if (c == '?') { p++; t++; continue; }
                if (c == '[')
                {
                    var end = ClassEnd(pattern, p);
                    if (end > 0)
                    {
                        if (ClassMatch(pattern[(p + 1)..end], text[t])) { p = end + 1; t++; continue; }
                        goto backtrack;
                    }
                }
                if (c == '\\' && p + 1 < pattern.Length) { c = pattern[p + 1]; if (c == text[t]) { p += 2; t++; continue; } goto backtrack; }
                if (c == text[t]) { p++; t++; continue; }
            }
        backtrack:
            if (starP < 0) return false;
            p = starP;
            t = ++starT;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static int ClassEnd(ReadOnlySpan<char> pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^')) i++;
        if (i < pattern.Length && pattern[i] == ']') i++;
        for (; i < pattern.Length; i++) if (pattern[i] == ']') return i;
        return -1;
    }

    private static bool ClassMatch(ReadOnlySpan<char> set, char c)
    {
        var negate = set.Length > 0 && (set[0] == '!' || set[0] == '^');
        if (negate) set = set[1..];
        var found = false;
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (c >= set[i] && c <= set[i + 2]) found = true;
                i += 2;
            }
            else if (set[i] == c) found = true;
        }
        return found != negate;
    }

    /// <summary>Removes backslash escapes (a pattern that matched nothing is used literally).</summary>
    public static string Unescape(string pattern)
    {
        if (pattern.IndexOf('\\') < 0) return pattern;
        var sb = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length) i++;
            sb.Append(pattern[i]);
        }
        return sb.ToString();
    }

    /// <summary>Escapes glob characters so text matches itself (quoted parts of a pattern).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("*?[\\") < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
