using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorPods.Userland.Commands;

/// <summary>Executes an <see cref="AwkProgram"/>. Values are strings or doubles; a string that
/// looks numeric compares numerically, as awk's "strnum" rule says.</summary>
internal sealed class AwkRuntime
{
    private readonly AwkProgram _program;
    private readonly StringBuilder _out;
    private List<string> _fields = new() { "" };
    private bool _next;
    private bool _exit;

    public AwkRuntime(AwkProgram program, StringBuilder output)
    {
        _program = program;
        _out = output;
        Vars["FS"] = " ";
        Vars["OFS"] = " ";
        Vars["ORS"] = "\n";
        Vars["NR"] = 0.0;
        Vars["NF"] = 0.0;
    }

    public Dictionary<string, object> Vars { get; } = new(StringComparer.Ordinal);
    public int? ExitCode { get; private set; }

    public void Run(IEnumerable<string> lines)
    {
        foreach (var r in _program.Rules.Where(r => r.Kind == 1)) { Exec(r.Action!); if (_exit) return; }
        var nr = 0;
        var hasMain = _program.Rules.Any(r => r.Kind != 1);
        if (hasMain)
        {
            foreach (var line in lines)
            {
                Vars["NR"] = (double)++nr;
                SetRecord(line);
                _next = false;
                foreach (var r in _program.Rules.Where(r => r.Kind == 0))
                {
                    if (r.Pattern is not null && !Truthy(Eval(r.Pattern))) continue;
                    if (r.Action is null) Print(new List<AwkExpr>());
                    else Exec(r.Action);
                    if (_next || _exit) break;
                }
                if (_exit) break;
            }
        }
        _exit = false;
        foreach (var r in _program.Rules.Where(r => r.Kind == 2)) { Exec(r.Action!); if (_exit) return; }
    }

    private void SetRecord(string line)
    {
        _fields = new List<string> { line };
        var fs = Str(Vars["FS"]);
        IEnumerable<string> parts = fs == " "
            ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : fs.Length == 1 ? line.Split(fs[0]) : Regex.Split(line, fs);
        if (line.Length == 0) parts = Array.Empty<string>();
        _fields.AddRange(parts);
        Vars["NF"] = (double)(_fields.Count - 1);
    }

    private void Exec(AwkStmt s)
    {
        if (_next || _exit) return;
        switch (s)
        {
            case AwkBlock b:
                foreach (var x in b.Body) { Exec(x); if (_next || _exit) return; }
                break;
            case AwkPrint p: Print(p.Args); break;
            case AwkPrintf pf:
            {
                if (pf.Args.Count == 0) throw new AwkError("printf: no format");
                var args = new string[pf.Args.Count + 1];
                args[0] = "printf";
                for (var i = 0; i < pf.Args.Count; i++) args[i + 1] = Str(Eval(pf.Args[i]));
                var sb = new StringBuilder();
                PrintfCommand.Format(sb, args[1], args, 2, null);
                _out.Append(sb);
                break;
            }
            case AwkExprStmt e: Eval(e.E); break;
            case AwkIf i:
                if (Truthy(Eval(i.C))) Exec(i.Then);
                else if (i.Else is not null) Exec(i.Else);
                break;
            case AwkNext: _next = true; break;
            case AwkExit x:
                ExitCode = x.Code is null ? 0 : (int)Num(Eval(x.Code));
                _exit = true;
                break;
        }
    }

    private void Print(List<AwkExpr> args)
    {
        if (args.Count == 0) _out.Append(_fields[0]);
        else
        {
            var ofs = Str(Vars["OFS"]);
            for (var i = 0; i < args.Count; i++)
            {
                if (i > 0) _out.Append(ofs);
                _out.Append(Str(Eval(args[i])));
            }
        }
        _out.Append(Str(Vars["ORS"]));
    }

    private object Eval(AwkExpr e)
    {
        switch (e)
        {
            case AwkNum n: return n.V;
            case AwkStr s: return s.V;
            case AwkRegex r: return r.Re.IsMatch(_fields[0]) ? 1.0 : 0.0;
            case AwkVar v: return Vars.TryGetValue(v.Name, out var val) ? val : "";
            case AwkField f:
            {
                var i = (int)Num(Eval(f.Index));
                if (i < 0) throw new AwkError($"trying to access out of range field {i}");
                return i < _fields.Count ? _fields[i] : "";
            }
            case AwkUnary u:
            {
                var x = Eval(u.E);
                return u.Op switch { "!" => Truthy(x) ? 0.0 : 1.0, "-" => -Num(x), _ => Num(x) };
            }
            case AwkCond c: return Truthy(Eval(c.C)) ? Eval(c.A) : Eval(c.B);
            case AwkAssign a:
            {
                object value = Eval(a.Value);
                if (a.Op != "=")
                {
                    var cur = Num(Eval(a.Target));
                    var rhs = Num(value);
                    value = a.Op switch { "+=" => cur + rhs, "-=" => cur - rhs, "*=" => cur * rhs, "/=" => cur / rhs, _ => cur % rhs };
                }
                Store(a.Target, value);
                return value;
            }
            case AwkIncr inc:
            {
                var old = Num(Eval(inc.Target));
                Store(inc.Target, old + inc.Delta);
                return inc.Prefix ? old + inc.Delta : old;
            }
            case AwkBinary b: return Binary(b);
            case AwkCall call: return Call(call);
        }
        throw new AwkError("bad expression");
    }

    private object Binary(AwkBinary b)
    {
        if (b.Op == "&&") return Truthy(Eval(b.L)) && Truthy(Eval(b.R)) ? 1.0 : 0.0;
        if (b.Op == "||") return Truthy(Eval(b.L)) || Truthy(Eval(b.R)) ? 1.0 : 0.0;
        if (b.Op is "~" or "!~")
        {
            var text = Str(Eval(b.L));
            var re = b.R is AwkRegex r ? r.Re : new Regex(Str(Eval(b.R)));
            return re.IsMatch(text) == (b.Op == "~") ? 1.0 : 0.0;
        }
        var l = Eval(b.L);
        var rv = Eval(b.R);
        switch (b.Op)
        {
            case "concat": return Str(l) + Str(rv);
            case "+": return Num(l) + Num(rv);
            case "-": return Num(l) - Num(rv);
            case "*": return Num(l) * Num(rv);
            case "/": return Num(rv) == 0 ? throw new AwkError("division by zero") : Num(l) / Num(rv);
            case "%": return Num(rv) == 0 ? throw new AwkError("division by zero in %") : Num(l) % Num(rv);
            case "^": return Math.Pow(Num(l), Num(rv));
        }
        int cmp;
        if (LooksNumeric(l) && LooksNumeric(rv)) cmp = Num(l).CompareTo(Num(rv));
        else cmp = string.CompareOrdinal(Str(l), Str(rv));
        return b.Op switch
        {
            "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, ">=" => cmp >= 0, "==" => cmp == 0, _ => cmp != 0,
        } ? 1.0 : 0.0;
    }

    private object Call(AwkCall c)
    {
        string Arg(int i) => i < c.Args.Count ? Str(Eval(c.Args[i])) : "";
        switch (c.Name)
        {
            case "length": return (double)(c.Args.Count == 0 ? _fields[0] : Arg(0)).Length;
            case "substr":
            {
                var s = Arg(0);
                var start = (int)Math.Round(Num(Eval(c.Args[1])));
                var len = c.Args.Count > 2 ? (int)Math.Round(Num(Eval(c.Args[2]))) : int.MaxValue / 2;
                var from = Math.Max(start, 1);
                var to = Math.Min(s.Length + 1, start + len);
                return to <= from ? "" : s.Substring(from - 1, to - from);
            }
            case "index": return (double)(Arg(0).IndexOf(Arg(1), StringComparison.Ordinal) + 1);
            case "toupper": return Arg(0).ToUpperInvariant();
            case "tolower": return Arg(0).ToLowerInvariant();
            case "int": return Math.Truncate(Num(Eval(c.Args[0])));
            case "sprintf":
            {
                var args = new string[c.Args.Count + 1];
                args[0] = "sprintf";
                for (var i = 0; i < c.Args.Count; i++) args[i + 1] = Str(Eval(c.Args[i]));
                var sb = new StringBuilder();
                if (c.Args.Count > 0) PrintfCommand.Format(sb, args[1], args, 2, null);
                return sb.ToString();
            }
        }
        throw new AwkError($"unsupported: awk function {c.Name}()");
    }

    private void Store(AwkExpr target, object value)
    {
        if (target is AwkVar v) { Vars[v.Name] = value; return; }
        if (target is AwkField f)
        {
            var i = (int)Num(Eval(f.Index));
            while (_fields.Count <= i) _fields.Add("");
            _fields[i] = Str(value);
            if (i == 0) SetRecord(_fields[0]);
            else
            {
                _fields[0] = string.Join(Str(Vars["OFS"]), _fields.Skip(1));
                Vars["NF"] = (double)(_fields.Count - 1);
            }
        }
    }

    private static bool LooksNumeric(object o) => o is double || (o is string s && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) && s.Trim().Length > 0);

    private static bool Truthy(object o) => o is double d ? d != 0 : LooksNumeric(o) ? Num(o) != 0 : ((string)o).Length > 0;

    public static double Num(object o)
    {
        if (o is double d) return d;
        var s = ((string)o).Trim();
        var end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] is '.' or 'e' or 'E' || (end == 0 && s[end] is '-' or '+'))) end++;
        while (end > 0 && !double.TryParse(s[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out _)) end--;
        return end == 0 ? 0 : double.Parse(s[..end], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string Str(object o)
    {
        if (o is string s) return s;
        var d = (double)o;
        if (d == Math.Truncate(d) && Math.Abs(d) < 1e16) return ((long)d).ToString(CultureInfo.InvariantCulture);
        return d.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
