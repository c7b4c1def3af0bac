using System.Text;
using System.Text.RegularExpressions;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>grep [-EFivcqnlowhH] [-e PATTERN] PATTERN [FILE]...: exit 0 when a line matched,
/// 1 when none, 2 on errors.</summary>
public sealed class GrepCommand : ICommand
{
    public string Name => "grep";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        bool ext = ctx.Name == "egrep", fixedStr = false, ignoreCase = false, invert = false, count = false, quiet = false,
            lineNumbers = false, filesOnly = false, onlyMatching = false, word = false, noName = false, withName = false;
        var patterns = new List<string>();
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "-e" && i + 1 < args.Length) { patterns.Add(args[++i]); continue; }
            if (a.Length > 1 && a[0] == '-' && a != "-")
            {
                foreach (var c in a.AsSpan(1))
                {
                    switch (c)
                    {
                        case 'E': ext = true; break;
                        case 'F': fixedStr = true; break;
                        case 'i': ignoreCase = true; break;
                        case 'v': invert = true; break;
                        case 'c': count = true; break;
                        case 'q' or 's': quiet |= c == 'q'; break;
                        case 'n': lineNumbers = true; break;
                        case 'l': filesOnly = true; break;
                        case 'o': onlyMatching = true; break;
                        case 'w': word = true; break;
                        case 'h': noName = true; break;
                        case 'H': withName = true; break;
                        case 'r' or 'R': break;
                        default: return new Job(ctx.Fail($"invalid option -- '{c}'", 2));
                    }
                }
                continue;
            }
            if (patterns.Count == 0 && !args.Contains("-e")) patterns.Add(a);
            else files.Add(a);
        }
        if (patterns.Count == 0) return new Job(ctx.Fail(ctx.Gnu ? "Usage: grep [OPTION]... PATTERNS [FILE]..." : "usage: grep PATTERN [FILE]...", 2));
        var alternatives = patterns.SelectMany(p => p.Split('\n')).Select(p =>
            fixedStr ? Regex.Escape(p) : ext ? p : TextInput.BreToNet(p));
        var pattern = string.Join("|", alternatives.Select(p => "(?:" + p + ")"));
        if (word) pattern = @"(?<![\w])(?:" + pattern + @")(?![\w])";
        Regex regex;
        try { regex = TextInput.Regex(pattern, ignoreCase); }
        catch (ArgumentException) { return new Job(ctx.Fail("bad regex", 2)); }
        var status = 0;
        var inputs = TextInput.Read(ctx, files, ref status);
        var showNames = (files.Count > 1 || withName) && !noName;
        var matchedAny = false;
        var sb = new StringBuilder();
        foreach (var (name, text) in inputs)
        {
            var n = 0;
            var lineNo = 0;
            foreach (var line in CommandHelpers.Lines(text))
            {
                lineNo++;
                var m = regex.Match(line);
                if (m.Success == invert) continue;
                n++;
                matchedAny = true;
                if (quiet) return CommandHelpers.Zero;
                if (count || filesOnly) continue;
                var prefix = (showNames ? (name == "-" ? "(standard input)" : name) + ":" : "") + (lineNumbers ? lineNo + ":" : "");
                if (onlyMatching && !invert)
                    for (; m.Success; m = m.NextMatch()) { if (m.Length > 0) sb.Append(prefix).Append(m.Value).Append('\n'); }
                else sb.Append(prefix).Append(line).Append('\n');
            }
            if (count) sb.Append(showNames ? name + ":" : "").Append(n).Append('\n');
            if (filesOnly && n > 0) sb.Append(name == "-" ? "(standard input)" : name).Append('\n');
        }
        ctx.Stdout.Write(sb.ToString());
        if (status != 0 && !matchedAny) return new Job(2);
        return matchedAny ? CommandHelpers.Zero : CommandHelpers.One;
    }
}
