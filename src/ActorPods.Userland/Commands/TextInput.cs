using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>Reads the inputs of a text filter: each named file, or stdin when none (or "-").</summary>
internal static class TextInput
{
    public static List<(string Name, string Text)> Read(CommandContext ctx, List<string> files, ref int status)
    {
        var result = new List<(string, string)>();
        if (files.Count == 0) { result.Add(("-", ctx.Stdin.ReadToEnd())); return result; }
        foreach (var f in files)
        {
            if (f == "-") { result.Add(("-", ctx.Stdin.ReadToEnd())); continue; }
            var err = ctx.Fs.ReadFile(f, ctx.Cwd, out var text);
            if (err == FsError.None) { result.Add((f, text)); continue; }
            ctx.Stderr.Write($"{ctx.Name}: {f}: {FsErrors.Message(err, ctx.Gnu)}\n");
            status = 2;
        }
        return result;
    }

    /// <summary>Converts a POSIX basic regular expression to .NET syntax (\( \) \{ \} \| \+ \?
    /// are operators; bare ( ) { } | + ? are literals).</summary>
    public static string BreToNet(string bre)
    {
        var sb = new System.Text.StringBuilder(bre.Length + 8);
        for (var i = 0; i < bre.Length; i++)
        {
            var c = bre[i];
            if (c == '\\' && i + 1 < bre.Length)
            {
                var n = bre[++i];
                if (n is '(' or ')' or '{' or '}' or '|' or '+' or '?') sb.Append(n);
                else sb.Append('\\').Append(n);
                continue;
            }
            if (c is '(' or ')' or '{' or '}' or '|' or '+' or '?') sb.Append('\\').Append(c);
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), System.Text.RegularExpressions.Regex> Cache = new();

    /// <summary>Compiled regexes by pattern, so a loop calling grep does not rebuild them.</summary>
    public static System.Text.RegularExpressions.Regex Regex(string netPattern, bool ignoreCase) =>
        Cache.GetOrAdd((netPattern, ignoreCase), k => new System.Text.RegularExpressions.Regex(k.Item1,
            System.Text.RegularExpressions.RegexOptions.CultureInvariant | (k.Item2 ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : 0)));
}
