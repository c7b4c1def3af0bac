using System.Text;
using System.Text.RegularExpressions;
using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>sed [-n] [-i] [-E] [-e SCRIPT]... [SCRIPT] [FILE]...: commands s///[gpI N], p, d, q,
/// = with addresses N, $, /RE/ and ranges A,B; several commands separated by ';' or newlines.</summary>
public sealed class SedCommand : ICommand
{
    public string Name => "sed";

    private sealed class Cmd
    {
        public Func<int, string, bool, bool>? Addr1;
        public Func<int, string, bool, bool>? Addr2;
        public bool InRange;
        public char Op;
        public Regex? Pattern;
        public string Replacement = "";
        public bool Global;
        public int Occurrence = 1;
        public bool Print;
    }

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        bool quiet = false, inPlace = false, ere = false;
        var scripts = new List<string>();
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "-e" && i + 1 < args.Length) { scripts.Add(args[++i]); continue; }
            if (a.StartsWith("-i", StringComparison.Ordinal)) { inPlace = true; continue; }
            if (a is "-n" or "--quiet" or "--silent") { quiet = true; continue; }
            if (a is "-E" or "-r") { ere = true; continue; }
            if (a.Length > 1 && a[0] == '-' && a != "-")
            {
                quiet |= a.Contains('n');
                ere |= a.Contains('E') || a.Contains('r');
                inPlace |= a.Contains('i');
                continue;
            }
            if (scripts.Count == 0) scripts.Add(a);
            else files.Add(a);
        }
        List<Cmd> program;
        try { program = Compile(string.Join("\n", scripts), ere); }
        catch (FormatException e) { return new Job(ctx.Fail(e.Message)); }
        var status = 0;
        if (inPlace)
        {
            foreach (var f in files)
            {
                var err = ctx.Fs.ReadFile(f, ctx.Cwd, out var text);
                if (err != FsError.None) { ctx.Stderr.Write($"sed: can't read {f}: {FsErrors.Message(err, ctx.Gnu)}\n"); status = ctx.Gnu ? 2 : 4; continue; }
                var outp = new StringBuilder();
                Execute(program, CommandHelpers.Lines(text), quiet, outp);
                ctx.Fs.WriteFile(f, ctx.Cwd, outp.ToString(), append: false);
            }
            return new Job(status);
        }
        var lines = new List<string>();
        var st = 0;
        foreach (var (_, text) in TextInput.Read(ctx, files, ref st)) lines.AddRange(CommandHelpers.Lines(text));
        var sb = new StringBuilder();
        Execute(program, lines, quiet, sb);
        ctx.Stdout.Write(sb.ToString());
        return new Job(st == 0 ? 0 : 2);
    }

    private static void Execute(List<Cmd> program, List<string> lines, bool quiet, StringBuilder output)
    {
        foreach (var c in program) c.InRange = false;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var last = n == lines.Count - 1;
            var deleted = false;
            var quit = false;
            foreach (var c in program)
            {
                if (!Matches(c, n + 1, line, last)) continue;
                switch (c.Op)
                {
                    case 'p': output.Append(line).Append('\n'); break;
                    case 'd': deleted = true; break;
                    case 'q': quit = true; break;
                    case '=': output.Append(n + 1).Append('\n'); break;
                    case 's':
                    {
                        var count = 0;
                        var replaced = false;
                        var result = c.Pattern!.Replace(line, m =>
                        {
                            count++;
                            if (!c.Global && count != c.Occurrence) return m.Value;
                            replaced = true;
                            return Substitute(c.Replacement, m);
                        });
                        line = result;
                        if (replaced && c.Print) output.Append(line).Append('\n');
                        break;
                    }
                }
                if (deleted || quit) break;
            }
            if (!deleted && !quiet) output.Append(line).Append('\n');
            if (quit) break;
        }
    }

    private static bool Matches(Cmd c, int n, string line, bool last)
    {
        if (c.Addr1 is null) return true;
        if (c.Addr2 is null) return c.Addr1(n, line, last);
        if (c.InRange)
        {
            if (c.Addr2(n, line, last)) c.InRange = false;
            return true;
        }
        if (!c.Addr1(n, line, last)) return false;
        c.InRange = !c.Addr2(n, line, last) || c.Addr2 == c.Addr1;
        return true;
    }

    private static string Substitute(string replacement, Match m)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var ch = replacement[i];
            if (ch == '&') { sb.Append(m.Value); continue; }
            if (ch == '\\' && i + 1 < replacement.Length)
            {
                var n = replacement[++i];
                if (char.IsAsciiDigit(n)) sb.Append(m.Groups[n - '0'].Value);
                else if (n == 'n') sb.Append('\n');
                else if (n == 't') sb.Append('\t');
                else sb.Append(n);
                continue;
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static List<Cmd> Compile(string script, bool ere)
    {
        var cmds = new List<Cmd>();
        var i = 0;
        Regex Re(string p) => new(ere ? p : TextInput.BreToNet(p), RegexOptions.CultureInvariant);
        Func<int, string, bool, bool>? Address()
        {
            if (i >= script.Length) return null;
            if (char.IsAsciiDigit(script[i]))
            {
                var s = i;
                while (i < script.Length && char.IsAsciiDigit(script[i])) i++;
                var num = int.Parse(script[s..i]);
                return (n, _, _) => n == num;
            }
            if (script[i] == '$') { i++; return (_, _, last) => last; }
            if (script[i] == '/')
            {
                var re = Re(Delimited('/'));
                i++;
                return (_, line, _) => re.IsMatch(line);
            }
            return null;
        }
        string Delimited(char d)
        {
            i++;
            var sb = new StringBuilder();
            while (i < script.Length && script[i] != d)
            {
                if (script[i] == '\\' && i + 1 < script.Length && script[i + 1] == d) { sb.Append(d); i += 2; continue; }
                if (script[i] == '\\' && i + 1 < script.Length) { sb.Append(script[i]).Append(script[i + 1]); i += 2; continue; }
                sb.Append(script[i++]);
            }
            if (i >= script.Length) throw new FormatException("-e expression #1, char " + (i + 1) + ": unterminated `s' command");
            return sb.ToString();
        }
        while (i < script.Length)
        {
            while (i < script.Length && script[i] is ' ' or '\t' or '\n' or ';') i++;
            if (i >= script.Length) break;
            var c = new Cmd { Addr1 = Address() };
            if (c.Addr1 is not null && i < script.Length && script[i] == ',') { i++; c.Addr2 = Address(); }
            while (i < script.Length && script[i] == ' ') i++;
            if (i >= script.Length) throw new FormatException("missing command");
            c.Op = script[i];
            switch (c.Op)
            {
                case 's':
                {
                    var delim = script[i + 1];
                    i++;
                    var pattern = Delimited(delim);
                    var replacement = Delimited(delim);
                    i++;
                    var ignoreCase = false;
                    while (i < script.Length && script[i] is not (';' or '\n' or '}'))
                    {
                        var f = script[i++];
                        if (f == 'g') c.Global = true;
                        else if (f == 'p') c.Print = true;
                        else if (f is 'I' or 'i') ignoreCase = true;
                        else if (char.IsAsciiDigit(f)) c.Occurrence = f - '0';
                        else if (f != ' ') throw new FormatException($"-e expression #1, char {i}: unknown option to `s'");
                    }
                    c.Pattern = new Regex(ere ? pattern : TextInput.BreToNet(pattern), RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0));
                    c.Replacement = replacement;
                    break;
                }
                case 'p' or 'd' or 'q' or '=':
                    i++;
                    break;
                default:
                    throw new FormatException($"-e expression #1, char {i + 1}: unknown command: `{c.Op}'");
            }
            cmds.Add(c);
        }
        return cmds;
    }
}
