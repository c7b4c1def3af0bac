using System.Text;

namespace ActorPods.Userland.Shell;

/// <summary>
/// Turns script text into tokens, parsing each word's quoting and expansions as it goes.
/// $(...) bodies are parsed by a nested <see cref="Parser"/> over the same text, so nesting
/// and quotes inside substitutions work without a separate matching pass.
/// </summary>
public sealed class Lexer
{
    private readonly string _src;
    private int _pos;

    public Lexer(string source, int position = 0)
    {
        _src = source;
        _pos = position;
    }

    public int Position => _pos;
    public string Source => _src;

    private char Cur => _pos < _src.Length ? _src[_pos] : '\0';
    private char At(int offset) => _pos + offset < _src.Length ? _src[_pos + offset] : '\0';

    public static bool IsNameStart(char c) => c == '_' || char.IsAsciiLetter(c);
    public static bool IsNameChar(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);

    private static bool IsMeta(char c) => c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '\0';

    public Token Next()
    {
        SkipBlanks();
        var start = _pos;
        var c = Cur;
        if (_pos >= _src.Length) return new Token { Kind = TokenKind.Eof, Position = start };
        switch (c)
        {
            case '\n': _pos++; return Op(TokenKind.Newline, start);
            case ';':
                if (At(1) == ';') { _pos += 2; return Op(TokenKind.DoubleSemi, start); }
                _pos++; return Op(TokenKind.Semi, start);
            case '&':
                if (At(1) == '&') { _pos += 2; return Op(TokenKind.AndIf, start); }
                _pos++; return Op(TokenKind.Amp, start);
            case '|':
                if (At(1) == '|') { _pos += 2; return Op(TokenKind.OrIf, start); }
                _pos++; return Op(TokenKind.Pipe, start);
            case '(': _pos++; return Op(TokenKind.LParen, start);
            case ')': _pos++; return Op(TokenKind.RParen, start);
            case '<':
            case '>':
                return RedirOp(-1, start);
        }
        if (char.IsAsciiDigit(c))
        {
            // An IO number is digits immediately followed by < or >.
            var p = _pos;
            while (p < _src.Length && char.IsAsciiDigit(_src[p])) p++;
            if (p < _src.Length && (_src[p] == '<' || _src[p] == '>'))
            {
                var fd = int.Parse(_src.AsSpan(_pos, p - _pos));
                _pos = p;
                return RedirOp(fd, start);
            }
        }
        return ReadWord(start);
    }

    private static Token Op(TokenKind kind, int pos) => new() { Kind = kind, Position = pos };

    private Token RedirOp(int fd, int start)
    {
        TokenKind kind;
        if (Cur == '<')
        {
            if (At(1) == '<') { kind = At(2) == '-' ? TokenKind.DLessDash : TokenKind.DLess; _pos += kind == TokenKind.DLessDash ? 3 : 2; }
            else if (At(1) == '&') { kind = TokenKind.LessAnd; _pos += 2; }
            else if (At(1) == '>') { kind = TokenKind.LessGreat; _pos += 2; }
            else { kind = TokenKind.Less; _pos++; }
        }
        else
        {
            if (At(1) == '>') { kind = TokenKind.DGreat; _pos += 2; }
            else if (At(1) == '&') { kind = TokenKind.GreatAnd; _pos += 2; }
            else if (At(1) == '|') { kind = TokenKind.Clobber; _pos += 2; }
            else { kind = TokenKind.Great; _pos++; }
        }
        return new Token { Kind = kind, IoNumber = fd, Position = start };
    }

    private void SkipBlanks()
    {
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c == ' ' || c == '\t' || c == '\r') { _pos++; continue; }
            if (c == '\\' && At(1) == '\n') { _pos += 2; continue; }
            if (c == '#')
            {
                while (_pos < _src.Length && _src[_pos] != '\n') _pos++;
                continue;
            }
            break;
        }
    }

    /// <summary>Reads the raw body of a here-document up to its delimiter line.</summary>
    public string ReadHereDocBody(string delimiter, bool stripTabs)
    {
        var sb = new StringBuilder();
        while (_pos < _src.Length)
        {
            var nl = _src.IndexOf('\n', _pos);
            var line = nl < 0 ? _src[_pos..] : _src[_pos..nl];
            _pos = nl < 0 ? _src.Length : nl + 1;
            if (stripTabs) line = line.TrimStart('\t');
            if (line == delimiter) return sb.ToString();
            sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    private Token ReadWord(int start)
    {
        var builder = new WordBuilder();
        var anyQuoted = false;
        string? assignName = null;
        // NAME=value: detected on the unquoted prefix, so "A=$x" keeps its value parts.
        if (IsNameStart(Cur))
        {
            var p = _pos;
            while (p < _src.Length && IsNameChar(_src[p])) p++;
            if (p < _src.Length && _src[p] == '=')
            {
                assignName = _src[_pos..p];
                _pos = p + 1;
            }
        }
        while (_pos < _src.Length)
        {
            var c = Cur;
            if (IsMeta(c)) break;
            switch (c)
            {
                case '\\':
                    if (At(1) == '\n') { _pos += 2; continue; }
                    anyQuoted = true;
                    if (_pos + 1 < _src.Length) builder.Literal(_src[_pos + 1].ToString(), true);
                    _pos += 2;
                    continue;
                case '\'':
                {
                    anyQuoted = true;
                    var end = _src.IndexOf('\'', _pos + 1);
                    if (end < 0) throw new ShellSyntaxException("syntax error: unterminated quoted string");
                    builder.Literal(_src[(_pos + 1)..end], true);
                    _pos = end + 1;
                    continue;
                }
                case '"':
                    anyQuoted = true;
                    _pos++;
                    ReadDoubleQuoted(builder);
                    continue;
                case '$':
                    ReadDollar(builder, false);
                    continue;
                case '`':
                    ReadBackquote(builder, false);
                    continue;
                default:
                    builder.Char(c, false);
                    _pos++;
                    continue;
            }
        }
        var word = builder.Build();
        var raw = _src[start.._pos];
        if (assignName is not null)
            return new Token { Kind = TokenKind.Word, Word = Concat(assignName + "=", word), Raw = raw, Quoted = anyQuoted, AssignName = assignName, AssignValue = word, Position = start };
        return new Token { Kind = TokenKind.Word, Word = word, Raw = raw, Quoted = anyQuoted, Position = start };
    }

    private static Word Concat(string prefix, Word word)
    {
        var parts = new WordPart[word.Parts.Length + 1];
        parts[0] = new LiteralPart(prefix, false);
        word.Parts.CopyTo(parts, 1);
        return new Word(WordBuilder.Merge(parts));
    }

    private void ReadDoubleQuoted(WordBuilder builder)
    {
        builder.MarkQuotedEmpty();
        while (true)
        {
            if (_pos >= _src.Length) throw new ShellSyntaxException("syntax error: unterminated quoted string");
            var c = Cur;
            if (c == '"') { _pos++; return; }
            if (c == '\\')
            {
                var n = At(1);
                if (n is '$' or '`' or '"' or '\\') { builder.Char(n, true); _pos += 2; continue; }
                if (n == '\n') { _pos += 2; continue; }
                builder.Char('\\', true);
                _pos++;
                continue;
            }
            if (c == '$') { ReadDollar(builder, true); continue; }
            if (c == '`') { ReadBackquote(builder, true); continue; }
            builder.Char(c, true);
            _pos++;
        }
    }

    private void ReadBackquote(WordBuilder builder, bool quoted)
    {
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _src.Length) throw new ShellSyntaxException("syntax error: unterminated backquote");
            var c = Cur;
            if (c == '`') { _pos++; break; }
            if (c == '\\' && At(1) is '`' or '\\' or '$') { sb.Append(At(1)); _pos += 2; continue; }
            sb.Append(c);
            _pos++;
        }
        builder.Part(new CommandSubstPart(Parser.ParseScript(sb.ToString()), quoted));
    }

    private void ReadDollar(WordBuilder builder, bool quoted)
    {
        var n = At(1);
        if (n == '(')
        {
            if (At(2) == '(')
            {
                _pos += 3;
                builder.Part(new ArithPart(ReadArithmetic(), quoted));
                return;
            }
            var parser = new Parser(_src, _pos + 2);
            var body = parser.ParseSubstitution();
            _pos = parser.Position;
            builder.Part(new CommandSubstPart(body, quoted));
            return;
        }
        if (n == '{')
        {
            _pos += 2;
            builder.Part(ReadBraceParam(quoted));
            return;
        }
        if (IsNameStart(n))
        {
            var p = _pos + 1;
            while (p < _src.Length && IsNameChar(_src[p])) p++;
            builder.Part(new ParamPart(_src[(_pos + 1)..p], null, null, quoted));
            _pos = p;
            return;
        }
        if (char.IsAsciiDigit(n) || n is '?' or '$' or '!' or '#' or '@' or '*' or '-')
        {
            builder.Part(new ParamPart(n.ToString(), null, null, quoted));
            _pos += 2;
            return;
        }
        // A lone $ is literal.
        builder.Char('$', quoted);
        _pos++;
    }

    private ParamPart ReadBraceParam(bool quoted)
    {
        var lengthOf = false;
        if (Cur == '#' && At(1) != '}') { lengthOf = true; _pos++; }
        string name;
        if (IsNameStart(Cur))
        {
            var p = _pos;
            while (p < _src.Length && IsNameChar(_src[p])) p++;
            name = _src[_pos..p];
            _pos = p;
        }
        else if (char.IsAsciiDigit(Cur))
        {
            var p = _pos;
            while (p < _src.Length && char.IsAsciiDigit(_src[p])) p++;
            name = _src[_pos..p];
            _pos = p;
        }
        else if (Cur is '?' or '$' or '!' or '#' or '@' or '*' or '-')
        {
            name = Cur.ToString();
            _pos++;
        }
        else throw new ShellSyntaxException("syntax error: bad substitution");

        if (lengthOf)
        {
            if (Cur != '}') throw new ShellSyntaxException("syntax error: bad substitution");
            _pos++;
            return new ParamPart(name, "len", null, quoted);
        }
        if (Cur == '}') { _pos++; return new ParamPart(name, null, null, quoted); }

        string op;
        if (Cur == ':' && At(1) is '-' or '=' or '+' or '?') { op = _src.Substring(_pos, 2); _pos += 2; }
        else if (Cur is '-' or '=' or '+' or '?') { op = Cur.ToString(); _pos++; }
        else if (Cur is '#' or '%') { op = At(1) == Cur ? _src.Substring(_pos, 2) : Cur.ToString(); _pos += op.Length; }
        else if (Cur is '/' or ':') throw new ShellSyntaxException($"unsupported: ${{{name}{Cur}...}} (substring/replacement expansion)");
        else throw new ShellSyntaxException("syntax error: bad substitution");

        var arg = ReadUntilBrace(quoted);
        return new ParamPart(name, op, arg, quoted);
    }

    /// <summary>The word inside ${name op word}, up to the matching close brace.</summary>
    private Word ReadUntilBrace(bool quoted)
    {
        var builder = new WordBuilder();
        while (true)
        {
            if (_pos >= _src.Length) throw new ShellSyntaxException("syntax error: missing '}'");
            var c = Cur;
            if (c == '}') { _pos++; break; }
            switch (c)
            {
                case '\\':
                    builder.Literal(At(1).ToString(), true);
                    _pos += 2;
                    break;
                case '\'' when !quoted:
                {
                    var end = _src.IndexOf('\'', _pos + 1);
                    if (end < 0) throw new ShellSyntaxException("syntax error: unterminated quoted string");
                    builder.Literal(_src[(_pos + 1)..end], true);
                    _pos = end + 1;
                    break;
                }
                case '"':
                    _pos++;
                    ReadDoubleQuoted(builder);
                    break;
                case '$':
                    ReadDollar(builder, quoted);
                    break;
                case '`':
                    ReadBackquote(builder, quoted);
                    break;
                default:
                    builder.Char(c, quoted);
                    _pos++;
                    break;
            }
        }
        return builder.Build();
    }

    /// <summary>The text of $(( ... )) up to the matching "))", with $ expansions parsed.</summary>
    private Word ReadArithmetic()
    {
        var builder = new WordBuilder();
        var depth = 0;
        while (true)
        {
            if (_pos >= _src.Length) throw new ShellSyntaxException("syntax error: missing '))'");
            var c = Cur;
            if (c == ')' && depth == 0)
            {
                if (At(1) != ')') throw new ShellSyntaxException("syntax error: missing '))'");
                _pos += 2;
                break;
            }
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == '$') { ReadDollar(builder, true); continue; }
            if (c == '`') { ReadBackquote(builder, true); continue; }
            builder.Char(c, true);
            _pos++;
        }
        return builder.Build();
    }
}

/// <summary>Accumulates word parts, merging adjacent literals so most words are one part.</summary>
internal sealed class WordBuilder
{
    private readonly List<WordPart> _parts = new(2);
    private readonly StringBuilder _lit = new();
    private bool _litQuoted;
    private bool _hasLit;
    private bool _quotedEmpty;

    public void Char(char c, bool quoted)
    {
        if (_hasLit && _litQuoted != quoted) FlushLiteral();
        _lit.Append(c);
        _litQuoted = quoted;
        _hasLit = true;
    }

    public void Literal(string s, bool quoted)
    {
        if (s.Length == 0) { _quotedEmpty |= quoted; return; }
        if (_hasLit && _litQuoted != quoted) FlushLiteral();
        _lit.Append(s);
        _litQuoted = quoted;
        _hasLit = true;
    }

    /// <summary>"" is a word even though it has no characters.</summary>
    public void MarkQuotedEmpty() => _quotedEmpty = true;

    public void Part(WordPart part)
    {
        FlushLiteral();
        _parts.Add(part);
    }

    private void FlushLiteral()
    {
        if (!_hasLit) return;
        _parts.Add(new LiteralPart(_lit.ToString(), _litQuoted));
        _lit.Clear();
        _hasLit = false;
    }

    public Word Build()
    {
        FlushLiteral();
        if (_parts.Count == 0 && _quotedEmpty) _parts.Add(new LiteralPart("", true));
        return new Word(Merge(_parts.ToArray()));
    }

    /// <summary>Joins neighbouring literals when that cannot change globbing.</summary>
    public static WordPart[] Merge(WordPart[] parts)
    {
        if (parts.Length < 2) return parts;
        var result = new List<WordPart>(parts.Length);
        foreach (var p in parts)
        {
            if (p is LiteralPart b && result.Count > 0 && result[^1] is LiteralPart a)
            {
                var aGlob = !a.Quoted && a.Text.AsSpan().IndexOfAny("*?[") >= 0;
                var bGlob = !b.Quoted && b.Text.AsSpan().IndexOfAny("*?[") >= 0;
                if (a.Quoted == b.Quoted || (!aGlob && !bGlob))
                {
                    result[^1] = new LiteralPart(a.Text + b.Text, a.Quoted || b.Quoted);
                    continue;
                }
            }
            result.Add(p);
        }
        return result.ToArray();
    }
}
