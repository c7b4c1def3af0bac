using System.Text;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

internal static class CountArg
{
    /// <summary>Reads -n N, -nN, -N, and "-n +N" (from line N). Returns remaining operands.</summary>
    public static List<string> Parse(string[] args, out int n, out bool fromStart, out bool follow, out bool bytes)
    {
        n = 10;
        fromStart = false;
        follow = false;
        bytes = false;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? value = null;
            if (a is "-n" or "-c" && i + 1 < args.Length) { bytes = a == "-c"; value = args[++i]; }
            else if (a.StartsWith("-n", StringComparison.Ordinal) && a.Length > 2) value = a[2..];
            else if (a.StartsWith("-c", StringComparison.Ordinal) && a.Length > 2) { bytes = true; value = a[2..]; }
            else if (a is "-f" or "-F") { follow = true; continue; }
            else if (a.Length > 1 && a[0] == '-' && char.IsAsciiDigit(a[1])) value = a[1..];
            else if (a.Length > 1 && a[0] == '-') continue;
            else { files.Add(a); continue; }
            if (value.StartsWith('+')) { fromStart = true; value = value[1..]; }
            int.TryParse(value, out n);
        }
        return files;
    }
}

/// <summary>head [-n N] [FILE]...</summary>
public sealed class HeadCommand : ICommand
{
    public string Name => "head";

    public Job Run(CommandContext ctx)
    {
        var files = CountArg.Parse(ctx.Args, out var n, out _, out _, out var bytes);
        var status = 0;
        var sb = new StringBuilder();
        var inputs = TextInput.Read(ctx, files, ref status);
        foreach (var (name, text) in inputs)
        {
            if (inputs.Count > 1) sb.Append(sb.Length > 0 ? "\n" : "").Append($"==> {name} <==\n");
            if (bytes) { sb.Append(text[..Math.Min(n, text.Length)]); continue; }
            foreach (var line in CommandHelpers.Lines(text).Take(n)) sb.Append(line).Append('\n');
        }
        ctx.Stdout.Write(sb.ToString());
        return new Job(status == 0 ? 0 : 1);
    }
}

/// <summary>tail [-n [+]N] [-f] [FILE]...: with -f it keeps running until killed (the
/// "tail -f /dev/null" keep-alive idiom).</summary>
public sealed class TailCommand : ICommand
{
    public string Name => "tail";

    public Job Run(CommandContext ctx)
    {
        var files = CountArg.Parse(ctx.Args, out var n, out var fromStart, out var follow, out var bytes);
        var status = 0;
        var sb = new StringBuilder();
        var inputs = TextInput.Read(ctx, files, ref status);
        foreach (var (name, text) in inputs)
        {
            if (inputs.Count > 1) sb.Append(sb.Length > 0 ? "\n" : "").Append($"==> {name} <==\n");
            if (bytes) { sb.Append(fromStart ? text[Math.Min(Math.Max(n - 1, 0), text.Length)..] : text[Math.Max(0, text.Length - n)..]); continue; }
            var lines = CommandHelpers.Lines(text);
            var selected = fromStart ? lines.Skip(Math.Max(n - 1, 0)) : lines.Skip(Math.Max(0, lines.Count - n));
            foreach (var line in selected) sb.Append(line).Append('\n');
        }
        ctx.Stdout.Write(sb.ToString());
        if (follow && status == 0) return ctx.Process.WaitFor(ctx.Process.NewWait().Job);
        return new Job(status == 0 ? 0 : 1);
    }
}

/// <summary>wc [-lwc] [FILE]...</summary>
public sealed class WcCommand : ICommand
{
    public string Name => "wc";

    public Job Run(CommandContext ctx)
    {
        var (flags, files) = CommandHelpers.Parse(ctx.Args);
        if (flags.Contains('m')) flags.Add('c');
        var all = !flags.Contains('l') && !flags.Contains('w') && !flags.Contains('c');
        var status = 0;
        var sb = new StringBuilder();
        var inputs = TextInput.Read(ctx, files, ref status);
        long tl = 0, tw = 0, tc = 0;
        void Row(long l, long w, long c, string? name)
        {
            var cols = new List<long>();
            if (all || flags.Contains('l')) cols.Add(l);
            if (all || flags.Contains('w')) cols.Add(w);
            if (all || flags.Contains('c')) cols.Add(c);
            var width = cols.Count == 1 && name is null ? 0 : 7;
            sb.Append(string.Join(' ', cols.Select(v => v.ToString().PadLeft(width)))).Append(name is null ? "" : " " + name).Append('\n');
        }
        foreach (var (name, text) in inputs)
        {
            long l = text.Count(ch => ch == '\n');
            long w = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            long c = Encoding.UTF8.GetByteCount(text);
            tl += l; tw += w; tc += c;
            Row(l, w, c, name == "-" ? null : name);
        }
        if (inputs.Count > 1) Row(tl, tw, tc, "total");
        ctx.Stdout.Write(sb.ToString());
        return new Job(status == 0 ? 0 : 1);
    }
}

/// <summary>cut -d DELIM -f LIST | -c LIST [FILE]...</summary>
public sealed class CutCommand : ICommand
{
    public string Name => "cut";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var delim = '\t';
        string? fields = null;
        string? chars = null;
        var files = new List<string>();
        var onlyDelimited = false;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? Value(string flag) => a.Length > 2 ? a[2..] : i + 1 < args.Length ? args[++i] : null;
            if (a.StartsWith("-d", StringComparison.Ordinal)) { var v = Value("-d"); if (!string.IsNullOrEmpty(v)) delim = v[0]; }
            else if (a.StartsWith("-f", StringComparison.Ordinal)) fields = Value("-f");
            else if (a.StartsWith("-c", StringComparison.Ordinal) || a.StartsWith("-b", StringComparison.Ordinal)) chars = Value("-c");
            else if (a == "-s") onlyDelimited = true;
            else files.Add(a);
        }
        var list = fields ?? chars;
        if (list is null) return new Job(ctx.Fail(ctx.Gnu ? "you must specify a list of bytes, characters, or fields" : "expected a list of bytes, characters, or fields"));
        var ranges = ParseList(list);
        var status = 0;
        var sb = new StringBuilder();
        foreach (var (_, text) in TextInput.Read(ctx, files, ref status))
        {
            foreach (var line in CommandHelpers.Lines(text))
            {
                if (chars is not null)
                {
                    for (var k = 0; k < line.Length; k++) if (Selected(ranges, k + 1)) sb.Append(line[k]);
                    sb.Append('\n');
                    continue;
                }
                if (line.IndexOf(delim) < 0) { if (!onlyDelimited) sb.Append(line).Append('\n'); continue; }
                var parts = line.Split(delim);
                sb.Append(string.Join(delim, parts.Where((_, k) => Selected(ranges, k + 1)))).Append('\n');
            }
        }
        ctx.Stdout.Write(sb.ToString());
        return new Job(status == 0 ? 0 : 1);
    }

    private static List<(int From, int To)> ParseList(string list)
    {
        var r = new List<(int, int)>();
        foreach (var item in list.Split(','))
        {
            var dash = item.IndexOf('-');
            if (dash < 0) { if (int.TryParse(item, out var v)) r.Add((v, v)); continue; }
            var from = dash == 0 ? 1 : int.TryParse(item[..dash], out var f) ? f : 1;
            var to = dash == item.Length - 1 ? int.MaxValue : int.TryParse(item[(dash + 1)..], out var t) ? t : int.MaxValue;
            r.Add((from, to));
        }
        return r;
    }

    private static bool Selected(List<(int From, int To)> ranges, int k) => ranges.Any(r => k >= r.From && k <= r.To);
}

/// <summary>sort [-rnu] [-t SEP] [-k N] [FILE]...</summary>
public sealed class SortCommand : ICommand
{
    public string Name => "sort";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        bool reverse = false, numeric = false, unique = false;
        char? sep = null;
        var key = 0;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "-t" && i + 1 < args.Length) { sep = args[++i][0]; continue; }
            if (a == "-k" && i + 1 < args.Length) { int.TryParse(args[++i].Split(',')[0], out key); continue; }
            if (a.Length > 1 && a[0] == '-')
            {
                reverse |= a.Contains('r');
                numeric |= a.Contains('n');
                unique |= a.Contains('u');
                continue;
            }
            files.Add(a);
        }
        var status = 0;
        var lines = TextInput.Read(ctx, files, ref status).SelectMany(t => CommandHelpers.Lines(t.Text)).ToList();
        string Key(string line)
        {
            if (key <= 0) return line;
            var parts = sep is { } s ? line.Split(s) : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return key - 1 < parts.Length ? parts[key - 1] : "";
        }
        Comparison<string> cmp = numeric
            ? (x, y) => { var c = NumberPrefix(Key(x)).CompareTo(NumberPrefix(Key(y))); return c != 0 ? c : string.CompareOrdinal(x, y); }
            : (x, y) => string.CompareOrdinal(Key(x), Key(y));
        lines.Sort(cmp);
        if (reverse) lines.Reverse();
        if (unique) lines = lines.Distinct().ToList();
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(l).Append('\n');
        ctx.Stdout.Write(sb.ToString());
        return new Job(status == 0 ? 0 : 2);
    }

    private static double NumberPrefix(string s)
    {
        s = s.TrimStart();
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.' || (end == 0 && s[end] == '-'))) end++;
        return double.TryParse(s[..end], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}

/// <summary>uniq [-cd] [FILE]: collapses adjacent duplicates.</summary>
public sealed class UniqCommand : ICommand
{
    public string Name => "uniq";

    public Job Run(CommandContext ctx)
    {
        var (flags, files) = CommandHelpers.Parse(ctx.Args);
        var status = 0;
        var lines = TextInput.Read(ctx, files.Take(1).ToList(), ref status).SelectMany(t => CommandHelpers.Lines(t.Text)).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            while (j < lines.Count && lines[j] == lines[i]) j++;
            var n = j - i;
            if (!flags.Contains('d') || n > 1)
                sb.Append(flags.Contains('c') ? $"{n,7} {lines[i]}\n" : lines[i] + "\n");
            i = j;
        }
        ctx.Stdout.Write(sb.ToString());
        return new Job(status == 0 ? 0 : 1);
    }
}

/// <summary>tr [-d] SET1 [SET2]: character translation with a-z ranges.</summary>
public sealed class TrCommand : ICommand
{
    public string Name => "tr";

    public Job Run(CommandContext ctx)
    {
        var (flags, sets) = CommandHelpers.Parse(ctx.Args);
        if (sets.Count == 0) return new Job(ctx.Fail("missing operand"));
        var s1 = Expand(sets[0]);
        var s2 = sets.Count > 1 ? Expand(sets[1]) : "";
        var input = ctx.Stdin.ReadToEnd();
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            var k = s1.IndexOf(c);
            if (k < 0) { sb.Append(c); continue; }
            if (flags.Contains('d')) continue;
            if (s2.Length > 0) sb.Append(s2[Math.Min(k, s2.Length - 1)]);
        }
        ctx.Stdout.Write(sb.ToString());
        return CommandHelpers.Zero;
    }

    private static string Expand(string set)
    {
        set = set.Replace("[:lower:]", "a-z").Replace("[:upper:]", "A-Z").Replace("[:digit:]", "0-9").Replace("[:space:]", " \t\n\r").Replace("\\n", "\n").Replace("\\t", "\t");
        var sb = new StringBuilder();
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                for (var c = set[i]; c <= set[i + 2]; c++) sb.Append(c);
                i += 2;
            }
            else sb.Append(set[i]);
        }
        return sb.ToString();
    }
}

/// <summary>seq [-s SEP] [FIRST [INCREMENT]] LAST</summary>
public sealed class SeqCommand : ICommand
{
    public string Name => "seq";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args.ToList();
        var sep = "\n";
        var si = args.IndexOf("-s");
        if (si > 0 && si + 1 < args.Count) { sep = args[si + 1]; args.RemoveRange(si, 2); }
        var nums = new List<long>();
        foreach (var a in args.Skip(1))
        {
            if (!long.TryParse(a, out var v)) return new Job(ctx.Fail($"invalid number '{a}'"));
            nums.Add(v);
        }
        if (nums.Count is 0 or > 3) return new Job(ctx.Fail("missing operand"));
        long first = 1, inc = 1, last = nums[^1];
        if (nums.Count >= 2) first = nums[0];
        if (nums.Count == 3) inc = nums[1];
        if (inc == 0) return new Job(ctx.Fail("invalid Zero increment value: '0'"));
        var sb = new StringBuilder();
        var any = false;
        for (var v = first; inc > 0 ? v <= last : v >= last; v += inc)
        {
            if (any) sb.Append(sep);
            sb.Append(v);
            any = true;
            if (sb.Length > 1 << 20) break;
        }
        if (any) sb.Append('\n');
        ctx.Stdout.Write(sb.ToString());
        return CommandHelpers.Zero;
    }
}
