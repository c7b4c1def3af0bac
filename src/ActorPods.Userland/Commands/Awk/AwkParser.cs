using System.Globalization;
using System.Text;

namespace ActorPods.Userland.Commands;

/// <summary>Tokenizer and recursive-descent parser for the awk subset.</summary>
internal sealed class AwkParser
{
    private enum T { Num, Str, Regex, Name, Func, Punct, Newline, Eof }

    private readonly List<(T Kind, string Text)> _toks = new();
    private int _p;

    private static readonly HashSet<string> Builtins = new() { "length", "substr", "index", "toupper", "tolower", "int", "sprintf", "split", "sub", "gsub", "match" };

    private AwkParser(string src) => Lex(src);

    public static AwkProgram Parse(string src) => new AwkParser(src).Program();

    private void Lex(string s)
    {
        var i = 0;
        bool OperandExpected()
        {
            if (_toks.Count == 0) return true;
            var (k, t) = _toks[^1];
            if (k is T.Num or T.Str or T.Regex or T.Name) return false;
            return t is not (")" or "$" or "++" or "--");
        }
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\r') { i++; continue; }
            if (c == '\\' && i + 1 < s.Length && s[i + 1] == '\n') { i += 2; continue; }
            if (c == '#') { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (c == '\n') { _toks.Add((T.Newline, "\n")); i++; continue; }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                var st = i;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.' || s[i] is 'e' or 'E')) i++;
                _toks.Add((T.Num, s[st..i]));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var st = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
                var name = s[st..i];
                _toks.Add((Builtins.Contains(name) ? T.Func : T.Name, name));
                continue;
            }
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        var n = s[++i];
                        sb.Append(n switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '\\' => '\\', '"' => '"', '/' => '/', _ => n });
                        i++;
                        continue;
                    }
                    sb.Append(s[i++]);
                }
                if (i >= s.Length) throw new AwkError("unterminated string");
                i++;
                _toks.Add((T.Str, sb.ToString()));
                continue;
            }
            if (c == '/' && OperandExpected())
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length && s[i] != '/')
                {
                    if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '/') { sb.Append('/'); i += 2; continue; }
                    sb.Append(s[i++]);
                }
                if (i >= s.Length) throw new AwkError("unterminated regexp");
                i++;
                _toks.Add((T.Regex, sb.ToString()));
                continue;
            }
            var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is "&&" or "||" or "==" or "!=" or "<=" or ">=" or "!~" or "++" or "--" or "+=" or "-=" or "*=" or "/=" or "%=" or ">>")
            {
                _toks.Add((T.Punct, two));
                i += 2;
                continue;
            }
            if ("{}();,$+-*/%^!<>~?:=[]".IndexOf(c) >= 0) { _toks.Add((T.Punct, c.ToString())); i++; continue; }
            throw new AwkError($"syntax error at source line 1: unexpected character '{c}'");
        }
        _toks.Add((T.Eof, ""));
    }

    private (T Kind, string Text) Peek => _toks[_p];
    private bool Is(string punct) => _toks[_p].Kind is T.Punct or T.Name && _toks[_p].Text == punct;
    private (T, string) Take() => _toks[_p++];

    private void Expect(string punct)
    {
        if (!Is(punct)) throw new AwkError($"syntax error at source line 1: expected '{punct}' near '{Peek.Text}'");
        _p++;
    }

    private void SkipTerminators()
    {
        while (Peek.Kind == T.Newline || Is(";")) _p++;
    }

    private AwkProgram Program()
    {
        var rules = new List<AwkRule>();
        SkipTerminators();
        while (Peek.Kind != T.Eof)
        {
            if (Peek.Kind == T.Name && Peek.Text is "BEGIN" or "END")
            {
                var kind = Take().Item2 == "BEGIN" ? 1 : 2;
                rules.Add(new AwkRule(kind, null, Block()));
            }
            else if (Is("{")) rules.Add(new AwkRule(0, null, Block()));
            else
            {
                var pattern = Expr();
                rules.Add(new AwkRule(0, pattern, Is("{") ? Block() : null));
            }
            SkipTerminators();
        }
        return new AwkProgram(rules);
    }

    private AwkBlock Block()
    {
        Expect("{");
        var body = new List<AwkStmt>();
        SkipTerminators();
        while (!Is("}"))
        {
            if (Peek.Kind == T.Eof) throw new AwkError("syntax error: unexpected end of program");
            body.Add(Statement());
            SkipTerminators();
        }
        Expect("}");
        return new AwkBlock(body);
    }

    private AwkStmt Statement()
    {
        if (Is("{")) return Block();
        if (Peek.Kind == T.Name)
        {
            switch (Peek.Text)
            {
                case "print":
                case "printf":
                {
                    var name = Take().Item2;
                    var args = new List<AwkExpr>();
                    var paren = Is("(");
                    if (!(Peek.Kind == T.Newline || Is(";") || Is("}") || Peek.Kind == T.Eof))
                    {
                        args.Add(Expr(noGt: true));
                        while (Is(",")) { _p++; args.Add(Expr(noGt: true)); }
                    }
                    if (Is(">") || Is(">>") || Is("|")) throw new AwkError("unsupported: output redirection in awk print");
                    _ = paren;
                    return name == "print" ? new AwkPrint(args) : new AwkPrintf(args);
                }
                case "if":
                {
                    _p++;
                    Expect("(");
                    var c = Expr();
                    Expect(")");
                    SkipNewlines();
                    var then = Statement();
                    var save = _p;
                    SkipTerminators();
                    if (Peek.Kind == T.Name && Peek.Text == "else")
                    {
                        _p++;
                        SkipNewlines();
                        return new AwkIf(c, then, Statement());
                    }
                    _p = save;
                    return new AwkIf(c, then, null);
                }
                case "next": _p++; return new AwkNext();
                case "exit":
                    _p++;
                    return new AwkExit(Peek.Kind == T.Newline || Is(";") || Is("}") ? null : Expr());
                case "while" or "for" or "do" or "function" or "getline" or "delete":
                    throw new AwkError($"unsupported: awk '{Peek.Text}'");
            }
        }
        return new AwkExprStmt(Expr());
    }

    private void SkipNewlines()
    {
        while (Peek.Kind == T.Newline) _p++;
    }

    private AwkExpr Expr(bool noGt = false) => Ternary(noGt);

    private AwkExpr Ternary(bool noGt)
    {
        var c = Assignment(noGt);
        if (!Is("?")) return c;
        _p++;
        var a = Ternary(noGt);
        Expect(":");
        return new AwkCond(c, a, Ternary(noGt));
    }

    private AwkExpr Assignment(bool noGt)
    {
        var left = Or(noGt);
        if (left is AwkVar or AwkField && Peek.Kind == T.Punct && Peek.Text is "=" or "+=" or "-=" or "*=" or "/=" or "%=")
        {
            var op = Take().Item2;
            return new AwkAssign(op, left, Assignment(noGt));
        }
        return left;
    }

    private AwkExpr Or(bool noGt)
    {
        var l = And(noGt);
        while (Is("||")) { _p++; SkipNewlines(); l = new AwkBinary("||", l, And(noGt)); }
        return l;
    }

    private AwkExpr And(bool noGt)
    {
        var l = Match(noGt);
        while (Is("&&")) { _p++; SkipNewlines(); l = new AwkBinary("&&", l, Match(noGt)); }
        return l;
    }

    private AwkExpr Match(bool noGt)
    {
        var l = Comparison(noGt);
        while (Is("~") || Is("!~"))
        {
            var op = Take().Item2;
            l = new AwkBinary(op, l, Comparison(noGt));
        }
        return l;
    }

    private AwkExpr Comparison(bool noGt)
    {
        var l = Concat();
        if (Peek.Kind == T.Punct && (Peek.Text is "<" or "<=" or "==" or "!=" or ">=" || (Peek.Text == ">" && !noGt)))
        {
            var op = Take().Item2;
            return new AwkBinary(op, l, Concat());
        }
        return l;
    }

    private bool StartsOperand()
    {
        var (k, t) = Peek;
        return k is T.Num or T.Str or T.Name or T.Func or T.Regex || (k == T.Punct && t is "$" or "(" or "!" or "++" or "--")
            && !(k == T.Name && t is "in" or "else");
    }

    private AwkExpr Concat()
    {
        var l = Additive();
        while (StartsOperand()) l = new AwkBinary("concat", l, Additive());
        return l;
    }

    private AwkExpr Additive()
    {
        var l = Multiplicative();
        while (Is("+") || Is("-")) { var op = Take().Item2; l = new AwkBinary(op, l, Multiplicative()); }
        return l;
    }

    private AwkExpr Multiplicative()
    {
        var l = Unary();
        while (Is("*") || Is("/") || Is("%")) { var op = Take().Item2; l = new AwkBinary(op, l, Unary()); }
        return l;
    }

    private AwkExpr Unary()
    {
        if (Is("!")) { _p++; return new AwkUnary("!", Unary()); }
        if (Is("-")) { _p++; return new AwkUnary("-", Unary()); }
        if (Is("+")) { _p++; return new AwkUnary("+", Unary()); }
        return Power();
    }

    private AwkExpr Power()
    {
        var b = Postfix();
        if (Is("^")) { _p++; return new AwkBinary("^", b, Unary()); }
        return b;
    }

    private AwkExpr Postfix()
    {
        if (Is("++") || Is("--"))
        {
            var d = Take().Item2 == "++" ? 1 : -1;
            return new AwkIncr(Primary(), d, true);
        }
        var e = Primary();
        if (e is AwkVar or AwkField && (Is("++") || Is("--")))
            return new AwkIncr(e, Take().Item2 == "++" ? 1 : -1, false);
        return e;
    }

    private AwkExpr Primary()
    {
        var (k, t) = Take();
        switch (k)
        {
            case T.Num: return new AwkNum(double.Parse(t, CultureInfo.InvariantCulture));
            case T.Str: return new AwkStr(t);
            case T.Regex: return new AwkRegex(t);
            case T.Name:
                if (Is("[")) throw new AwkError("unsupported: awk arrays");
                return new AwkVar(t);
            case T.Func:
            {
                var args = new List<AwkExpr>();
                if (Is("("))
                {
                    _p++;
                    if (!Is(")"))
                    {
                        args.Add(Expr());
                        while (Is(",")) { _p++; args.Add(Expr()); }
                    }
                    Expect(")");
                }
                return new AwkCall(t, args);
            }
            case T.Punct when t == "$": return new AwkField(Postfix0());
            case T.Punct when t == "(":
            {
                var e = Expr();
                Expect(")");
                return e;
            }
        }
        throw new AwkError($"syntax error at source line 1 near '{t}'");
    }

    /// <summary>The operand of $: a primary without postfix increment ($NF, $(i+1), $1).</summary>
    private AwkExpr Postfix0()
    {
        if (Is("-")) { _p++; return new AwkUnary("-", Primary()); }
        return Primary();
    }
}
