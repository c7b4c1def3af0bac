namespace ActorPods.Userland.Shell;

/// <summary>$(( )) evaluation: C-like integer expressions over shell variables (64-bit, as
/// busybox and dash use intmax_t).</summary>
internal sealed class Arithmetic
{
    private readonly string _s;
    private int _p;
    private readonly Func<string, string?> _get;
    private readonly Action<string, string> _set;

    private Arithmetic(string s, Func<string, string?> get, Action<string, string> set)
    {
        _s = s;
        _get = get;
        _set = set;
    }

    public sealed class ArithException(string message) : Exception(message);

    public static long Evaluate(string expression, Func<string, string?> get, Action<string, string> set)
    {
        var a = new Arithmetic(expression, get, set);
        a.Skip();
        if (a._p >= a._s.Length) return 0;
        var v = a.Assign();
        a.Skip();
        if (a._p < a._s.Length) throw new ArithException("arithmetic syntax error");
        return v;
    }

    private void Skip()
    {
        while (_p < _s.Length && char.IsWhiteSpace(_s[_p])) _p++;
    }

    private bool Eat(string op)
    {
        Skip();
        if (string.CompareOrdinal(_s, _p, op, 0, op.Length) != 0) return false;
        // Do not take "<" out of "<<" or "<=", "=" out of "==", "&" out of "&&", "|" out of "||".
        var next = _p + op.Length < _s.Length ? _s[_p + op.Length] : '\0';
        if (op is "<" or ">" && (next == op[0] || next == '=')) return false;
        if (op is "=" && next == '=') return false;
        if (op is "&" && next == '&') return false;
        if (op is "|" && next == '|') return false;
        if (op is "!" && next == '=') return false;
        if (op is "*" or "/" or "%" or "+" or "-" or "&" or "|" or "^" or "<<" or ">>" && next == '=') return false;
        _p += op.Length;
        return true;
    }

    private long Assign()
    {
        Skip();
        var save = _p;
        if (_p < _s.Length && Lexer.IsNameStart(_s[_p]))
        {
            var start = _p;
            while (_p < _s.Length && Lexer.IsNameChar(_s[_p])) _p++;
            var name = _s[start.._p];
            Skip();
            foreach (var op in new[] { "=", "+=", "-=", "*=", "/=", "%=" })
            {
                if (string.CompareOrdinal(_s, _p, op, 0, op.Length) != 0) continue;
                if (op == "=" && _p + 1 < _s.Length && _s[_p + 1] == '=') break;
                _p += op.Length;
                var rhs = Assign();
                var cur = op == "=" ? 0 : Var(name);
                var v = op switch
                {
                    "=" => rhs,
                    "+=" => cur + rhs,
                    "-=" => cur - rhs,
                    "*=" => cur * rhs,
                    "/=" => rhs == 0 ? throw new ArithException("divide by zero") : cur / rhs,
                    _ => rhs == 0 ? throw new ArithException("divide by zero") : cur % rhs,
                };
                _set(name, v.ToString());
                return v;
            }
        }
        _p = save;
        return Ternary();
    }

    private long Ternary()
    {
        var c = Or();
        if (!Eat("?")) return c;
        var a = Assign();
        if (!Eat(":")) throw new ArithException("arithmetic syntax error");
        var b = Assign();
        return c != 0 ? a : b;
    }

    private long Or() { var v = And(); while (Eat("||")) { var r = And(); v = (v != 0 || r != 0) ? 1 : 0; } return v; }
    private long And() { var v = BitOr(); while (Eat("&&")) { var r = BitOr(); v = (v != 0 && r != 0) ? 1 : 0; } return v; }
    private long BitOr() { var v = BitXor(); while (Eat("|")) v |= BitXor(); return v; }
    private long BitXor() { var v = BitAnd(); while (Eat("^")) v ^= BitAnd(); return v; }
    private long BitAnd() { var v = Equality(); while (Eat("&")) v &= Equality(); return v; }

    private long Equality()
    {
        var v = Relational();
        while (true)
        {
            if (Eat("==")) v = v == Relational() ? 1 : 0;
            else if (Eat("!=")) v = v != Relational() ? 1 : 0;
            else return v;
        }
    }

    private long Relational()
    {
        var v = Shift();
        while (true)
        {
            if (Eat("<=")) v = v <= Shift() ? 1 : 0;
            else if (Eat(">=")) v = v >= Shift() ? 1 : 0;
            else if (Eat("<")) v = v < Shift() ? 1 : 0;
            else if (Eat(">")) v = v > Shift() ? 1 : 0;
            else return v;
        }
    }

    private long Shift()
    {
        var v = Additive();
        while (true)
        {
            if (Eat("<<")) v <<= (int)Additive();
            else if (Eat(">>")) v >>= (int)Additive();
            else return v;
        }
    }

    private long Additive()
    {
        var v = Term();
        while (true)
        {
            if (Eat("+")) v += Term();
            else if (Eat("-")) v -= Term();
            else return v;
        }
    }

    private long Term()
    {
        var v = Unary();
        while (true)
        {
            if (Eat("*")) v *= Unary();
            else if (Eat("/")) { var d = Unary(); if (d == 0) throw new ArithException("divide by zero"); v /= d; }
            else if (Eat("%")) { var d = Unary(); if (d == 0) throw new ArithException("divide by zero"); v %= d; }
            else return v;
        }
    }

    private long Unary()
    {
        Skip();
        if (Eat("!")) return Unary() == 0 ? 1 : 0;
        if (Eat("~")) return ~Unary();
        if (Eat("-")) return -Unary();
        if (Eat("+")) return Unary();
        return Primary();
    }

    private long Primary()
    {
        Skip();
        if (_p >= _s.Length) throw new ArithException("arithmetic syntax error");
        var c = _s[_p];
        if (c == '(')
        {
            _p++;
            var v = Assign();
            if (!Eat(")")) throw new ArithException("arithmetic syntax error");
            return v;
        }
        if (char.IsAsciiDigit(c))
        {
            var start = _p;
            while (_p < _s.Length && char.IsAsciiLetterOrDigit(_s[_p])) _p++;
            return ParseNumber(_s[start.._p]) ?? throw new ArithException("arithmetic syntax error");
        }
        if (Lexer.IsNameStart(c))
        {
            var start = _p;
            while (_p < _s.Length && Lexer.IsNameChar(_s[_p])) _p++;
            var name = _s[start.._p];
            Skip();
            if (string.CompareOrdinal(_s, _p, "++", 0, 2) == 0) { _p += 2; var v = Var(name); _set(name, (v + 1).ToString()); return v; }
            if (string.CompareOrdinal(_s, _p, "--", 0, 2) == 0) { _p += 2; var v = Var(name); _set(name, (v - 1).ToString()); return v; }
            return Var(name);
        }
        throw new ArithException("arithmetic syntax error");
    }

    private long Var(string name)
    {
        var text = _get(name);
        if (string.IsNullOrWhiteSpace(text)) return 0;
        return ParseNumber(text.Trim()) ?? Evaluate(text, _get, _set);
    }

    internal static long? ParseNumber(string t)
    {
        try
        {
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return Convert.ToInt64(t[2..], 16);
            if (t.Length > 1 && t[0] == '0' && t.All(char.IsAsciiDigit)) return Convert.ToInt64(t, 8);
            return long.TryParse(t, out var v) ? v : null;
        }
        catch (FormatException) { return null; }
    }
}
