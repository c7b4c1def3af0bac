using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Shell;

internal sealed partial class Interpreter
{
    /// <summary>Accumulates the fields one word expands to.</summary>
    private sealed class FieldBuilder
    {
        public readonly StringBuilder Text = new();
        public readonly StringBuilder Pattern = new();
        public bool HasContent;
        public bool Glob;
    }

    private string Ifs => _st.Get("IFS") ?? " \t\n";

    /// <summary>Expands a word with field splitting (when <paramref name="split"/>) and pathname
    /// expansion, appending the resulting fields to <paramref name="fields"/>.</summary>
    private async Job<int> ExpandWord(Word word, List<string> fields, bool split)
    {
        var f = new FieldBuilder();
        foreach (var part in word.Parts)
        {
            switch (part)
            {
                case LiteralPart lit:
                    f.Text.Append(lit.Text);
                    if (lit.Quoted) { f.Pattern.Append(Glob.Escape(lit.Text)); f.HasContent = true; }
                    else
                    {
                        f.Pattern.Append(lit.Text);
                        if (lit.Text.AsSpan().IndexOfAny("*?[") >= 0) f.Glob = true;
                    }
                    break;
                case ParamPart p when p.Op is null && p.Name is "@" or "*":
                    AddPositional(f, fields, p.Quoted, p.Name == "@", split);
                    break;
                case ParamPart p:
                    AddValue(f, fields, await ExpandParam(p), p.Quoted, split);
                    break;
                case CommandSubstPart cs:
                    AddValue(f, fields, await CommandSubstitution(cs.Body), cs.Quoted, split);
                    break;
                case ArithPart ap:
                    AddValue(f, fields, await EvaluateArithmetic(ap.Expression), ap.Quoted, split);
                    break;
            }
        }
        FinishField(f, fields);
        return 0;
    }

    private void AddPositional(FieldBuilder f, List<string> fields, bool quoted, bool at, bool split)
    {
        var ps = _st.Params;
        if (quoted && at)
        {
            for (var i = 0; i < ps.Length; i++)
            {
                if (i > 0) FinishField(f, fields);
                f.Text.Append(ps[i]);
                f.Pattern.Append(Glob.Escape(ps[i]));
                f.HasContent = true;
            }
            return;
        }
        if (quoted)
        {
            var sep = Ifs.Length > 0 ? Ifs[..1] : "";
            AddValue(f, fields, string.Join(sep, ps), true, split);
            return;
        }
        foreach (var p in ps) AddValue(f, fields, p, false, split);
    }

    private void AddValue(FieldBuilder f, List<string> fields, string value, bool quoted, bool split)
    {
        if (quoted || !split)
        {
            f.Text.Append(value);
            f.Pattern.Append(quoted ? Glob.Escape(value) : value);
            f.HasContent |= quoted;
            return;
        }
        var ifs = Ifs;
        var i = 0;
        var n = value.Length;
        while (i < n)
        {
            if (ifs.IndexOf(value[i]) >= 0)
            {
                FinishField(f, fields);
                var isWhite = value[i] is ' ' or '\t' or '\n';
                i++;
                if (isWhite) while (i < n && value[i] is ' ' or '\t' or '\n' && ifs.IndexOf(value[i]) >= 0) i++;
                continue;
            }
            var start = i;
            while (i < n && ifs.IndexOf(value[i]) < 0) i++;
            var piece = value.AsSpan(start, i - start);
            f.Text.Append(piece);
            f.Pattern.Append(piece);
            if (piece.IndexOfAny("*?[") >= 0) f.Glob = true;
            f.HasContent = true;
        }
    }

    private void FinishField(FieldBuilder f, List<string> fields)
    {
        if (f.Text.Length == 0 && !f.HasContent) { f.Pattern.Clear(); f.Glob = false; return; }
        if (f.Glob)
        {
            var matches = ExpandPathname(f.Pattern.ToString());
            if (matches.Count > 0) fields.AddRange(matches);
            else fields.Add(f.Text.ToString());
        }
        else fields.Add(f.Text.ToString());
        f.Text.Clear();
        f.Pattern.Clear();
        f.HasContent = false;
        f.Glob = false;
    }

    /// <summary>Pathname expansion against the container filesystem, sorted as sh does.</summary>
    private List<string> ExpandPathname(string pattern)
    {
        var results = new List<string>();
        var absolute = pattern.StartsWith('/');
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fs = _proc.Container.FileSystem;
        void Walk(string prefix, int index)
        {
            if (index == segments.Length) { results.Add(prefix); return; }
            var seg = segments[index];
            var dirPath = prefix.Length == 0 ? (absolute ? "/" : ".") : prefix;
            if (!Glob.HasMeta(seg))
            {
                var next = Join(prefix, Glob.Unescape(seg));
                if (fs.Get(next, _proc.Cwd) is not null) Walk(next, index + 1);
                return;
            }
            if (fs.Get(dirPath, _proc.Cwd) is not VDirectory dir) return;
            foreach (var name in dir.SortedNames())
            {
                if (name.StartsWith('.') && !seg.StartsWith('.')) continue;
                if (!Glob.Match(seg, name)) continue;
                if (index < segments.Length - 1 && dir.Children[name] is not VDirectory) continue;
                Walk(Join(prefix, name), index + 1);
            }
        }
        string Join(string prefix, string name) => prefix.Length == 0 ? (absolute ? "/" + name : name) : (prefix == "/" ? "/" + name : prefix + "/" + name);
        Walk("", 0);
        return results;
    }

    /// <summary>Expands without splitting or globbing (assignments, redirection targets, case).</summary>
    private async Job<string> ExpandToString(Word word)
    {
        if (word.Literal is { } lit) return lit;
        var sb = new StringBuilder();
        foreach (var part in word.Parts)
        {
            switch (part)
            {
                case LiteralPart l: sb.Append(l.Text); break;
                case ParamPart p when p.Op is null && p.Name is "@" or "*": sb.Append(string.Join(' ', _st.Params)); break;
                case ParamPart p: sb.Append(await ExpandParam(p)); break;
                case CommandSubstPart cs: sb.Append(await CommandSubstitution(cs.Body)); break;
                case ArithPart ap: sb.Append(await EvaluateArithmetic(ap.Expression)); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Expands a pattern word: quoted text is escaped so it matches literally.</summary>
    private async Job<string> ExpandPattern(Word word)
    {
        var sb = new StringBuilder();
        foreach (var part in word.Parts)
        {
            switch (part)
            {
                case LiteralPart l: sb.Append(l.Quoted ? Glob.Escape(l.Text) : l.Text); break;
                case ParamPart p:
                {
                    var v = p.Op is null && p.Name is "@" or "*" ? string.Join(' ', _st.Params) : await ExpandParam(p);
                    sb.Append(p.Quoted ? Glob.Escape(v) : v);
                    break;
                }
                case CommandSubstPart cs:
                {
                    var v = await CommandSubstitution(cs.Body);
                    sb.Append(cs.Quoted ? Glob.Escape(v) : v);
                    break;
                }
                case ArithPart ap: sb.Append(await EvaluateArithmetic(ap.Expression)); break;
            }
        }
        return sb.ToString();
    }

    private string? GetParam(string name)
    {
        switch (name)
        {
            case "?": return _st.LastStatus.ToString();
            case "$": return _st.ShellPid.ToString();
            case "!": return _st.LastBackgroundPid == 0 ? "" : _st.LastBackgroundPid.ToString();
            case "#": return _st.Params.Length.ToString();
            case "@" or "*": return string.Join(' ', _st.Params);
            case "-": return (_st.ErrExit ? "e" : "") + (_st.XTrace ? "x" : "") + (_st.NoUnset ? "u" : "");
            case "0": return _st.Arg0;
        }
        if (char.IsAsciiDigit(name[0]))
        {
            var n = int.Parse(name);
            return n >= 1 && n <= _st.Params.Length ? _st.Params[n - 1] : null;
        }
        return _st.Get(name);
    }

    private async Job<string> ExpandParam(ParamPart p)
    {
        var value = GetParam(p.Name);
        switch (p.Op)
        {
            case null:
                if (value is null && _st.NoUnset && !char.IsAsciiDigit(p.Name[0]) && p.Name.Length > 0 && Lexer.IsNameStart(p.Name[0]))
                {
                    ShellError($"{p.Name}: parameter not set");
                    Exit(2);
                }
                return value ?? "";
            case "len": return (value ?? "").Length.ToString();
            case ":-": return string.IsNullOrEmpty(value) ? await ExpandToString(p.Argument!) : value;
            case "-": return value ?? await ExpandToString(p.Argument!);
            case ":=":
            case "=":
                if (value is null || (p.Op == ":=" && value.Length == 0))
                {
                    value = await ExpandToString(p.Argument!);
                    _st.Set(p.Name, value);
                }
                return value;
            case ":+": return string.IsNullOrEmpty(value) ? "" : await ExpandToString(p.Argument!);
            case "+": return value is null ? "" : await ExpandToString(p.Argument!);
            case ":?":
            case "?":
                if (value is null || (p.Op == ":?" && value.Length == 0))
                {
                    var msg = p.Argument is null ? "" : await ExpandToString(p.Argument);
                    ShellError($"{p.Name}: {(msg.Length > 0 ? msg : "parameter not set")}");
                    Exit(2);
                    return "";
                }
                return value;
            case "#" or "##" or "%" or "%%":
            {
                value ??= "";
                var pattern = await ExpandPattern(p.Argument!);
                return RemoveAffix(value, pattern, p.Op);
            }
        }
        return value ?? "";
    }

    private static string RemoveAffix(string value, string pattern, string op)
    {
        switch (op)
        {
            case "#":
                for (var i = 0; i <= value.Length; i++) if (Glob.Match(pattern, value.AsSpan(0, i))) return value[i..];
                return value;
            case "##":
                for (var i = value.Length; i >= 0; i--) if (Glob.Match(pattern, value.AsSpan(0, i))) return value[i..];
                return value;
            case "%":
                for (var i = value.Length; i >= 0; i--) if (Glob.Match(pattern, value.AsSpan(i))) return value[..i];
                return value;
            default:
                for (var i = 0; i <= value.Length; i++) if (Glob.Match(pattern, value.AsSpan(i))) return value[..i];
                return value;
        }
    }

    private async Job<string> CommandSubstitution(Node body)
    {
        var buffer = new BufferSink();
        var io = _io.Copy();
        io.Out[1] = buffer;
        var sub = new Interpreter(_proc, _st.Clone(), io, _shellName, isSubshell: true);
        var status = await sub.RunScript(body);
        _lastSubstStatus = status;
        _st.LastStatus = status;
        var text = buffer.ToString();
        var end = text.Length;
        while (end > 0 && text[end - 1] == '\n') end--;
        return end == text.Length ? text : text[..end];
    }

    private async Job<string> EvaluateArithmetic(Word expression)
    {
        var text = await ExpandToString(expression);
        try
        {
            return Arithmetic.Evaluate(text, n => _st.Get(n), (n, v) => _st.Set(n, v)).ToString();
        }
        catch (Arithmetic.ArithException e)
        {
            ShellError(e.Message);
            Exit(2);
            return "";
        }
    }
}
