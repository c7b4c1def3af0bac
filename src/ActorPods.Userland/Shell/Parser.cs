namespace ActorPods.Userland.Shell;

/// <summary>
/// Recursive-descent parser for the POSIX shell grammar subset the userland supports.
/// Reserved words are recognised only where the grammar allows them (command position).
/// </summary>
public sealed class Parser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "{", "}", "!",
    };

    private readonly Lexer _lexer;
    private Token? _peeked;
    private readonly List<(Redirect Redirect, HereDoc Body)> _pendingHereDocs = new();

    public Parser(string source, int position = 0) => _lexer = new Lexer(source, position);

    /// <summary>Where the next unconsumed token starts (used to resume lexing after $( ... )).</summary>
    public int Position => _peeked is null ? _lexer.Position : _peeked.Position;

    /// <summary>
    /// Parses a whole script. Like sh, which reads one complete command at a time, the commands
    /// before a syntax error still run: the error becomes a <see cref="SyntaxErrorNode"/> at the
    /// point it was found. A script whose first command is bad throws instead.
    /// </summary>
    public static Node ParseScript(string source)
    {
        var p = new Parser(source);
        var items = new List<ListItem>();
        while (true)
        {
            try
            {
                p.SkipNewlines();
                var t = p.Peek();
                if (t.Kind == TokenKind.Eof) break;
                if (p.AtListEnd()) throw Unexpected(t);
                var cmd = p.ParseAndOr();
                var sep = p.Peek();
                var background = false;
                if (sep.Kind == TokenKind.Amp) { p.Next(); background = true; }
                else if (sep.Kind is TokenKind.Semi or TokenKind.Newline) p.Next();
                else if (sep.Kind != TokenKind.Eof) throw Unexpected(sep);
                items.Add(new ListItem(cmd, background));
            }
            catch (ShellSyntaxException e)
            {
                if (items.Count == 0) throw;
                items.Add(new ListItem(new SyntaxErrorNode(e.Message), false));
                break;
            }
        }
        return items.Count == 1 && !items[0].Background ? items[0].Command : new CommandList(items.ToArray());
    }

    /// <summary>Parses the body of $( ... ) and consumes the closing parenthesis.</summary>
    internal Node ParseSubstitution()
    {
        var list = ParseList(allowEmpty: true);
        var t = Next();
        if (t.Kind != TokenKind.RParen) throw t.Kind == TokenKind.Eof
            ? new ShellSyntaxException("syntax error: unterminated $(...)")
            : Unexpected(t);
        return list;
    }

    private Token Peek() => _peeked ??= _lexer.Next();

    private Token Next()
    {
        var t = Peek();
        _peeked = null;
        if (t.Kind == TokenKind.Newline && _pendingHereDocs.Count > 0) ReadHereDocs();
        return t;
    }

    private static ShellSyntaxException Unexpected(Token t) =>
        new(t.Kind == TokenKind.Eof ? "syntax error: unexpected end of file" : $"syntax error: unexpected \"{t}\"");

    private void SkipNewlines()
    {
        while (Peek().Kind == TokenKind.Newline) Next();
    }

    private bool AtListEnd()
    {
        var t = Peek();
        if (t.Kind is TokenKind.Eof or TokenKind.RParen or TokenKind.DoubleSemi) return true;
        return t.Kind == TokenKind.Word && !t.Quoted && t.Raw is "then" or "else" or "elif" or "fi" or "do" or "done" or "esac" or "}";
    }

    private Node ParseList(bool allowEmpty = false)
    {
        var items = new List<ListItem>();
        while (true)
        {
            SkipNewlines();
            if (AtListEnd()) break;
            var cmd = ParseAndOr();
            var t = Peek();
            var background = false;
            if (t.Kind == TokenKind.Amp) { Next(); background = true; }
            else if (t.Kind is TokenKind.Semi or TokenKind.Newline) Next();
            else if (!AtListEnd()) throw Unexpected(t);
            items.Add(new ListItem(cmd, background));
        }
        if (items.Count == 0 && !allowEmpty) throw Unexpected(Peek());
        return items.Count == 1 && !items[0].Background ? items[0].Command : new CommandList(items.ToArray());
    }

    private Node ParseAndOr()
    {
        var left = ParsePipeline();
        while (true)
        {
            var t = Peek();
            if (t.Kind is not (TokenKind.AndIf or TokenKind.OrIf)) return left;
            Next();
            SkipNewlines();
            var right = ParsePipeline();
            left = new AndOr(left, t.Kind == TokenKind.AndIf, right);
        }
    }

    private Node ParsePipeline()
    {
        var negated = false;
        if (Peek().IsReserved("!")) { Next(); negated = true; }
        var first = ParseCommand();
        if (Peek().Kind != TokenKind.Pipe) return negated ? new Pipeline(new[] { first }, true) : first;
        var cmds = new List<Node> { first };
        while (Peek().Kind == TokenKind.Pipe)
        {
            Next();
            SkipNewlines();
            cmds.Add(ParseCommand());
        }
        return new Pipeline(cmds.ToArray(), negated);
    }

    private Node ParseCommand()
    {
        var t = Peek();
        if (t.Kind == TokenKind.LParen)
        {
            Next();
            var body = ParseList();
            Expect(TokenKind.RParen, ")");
            return WithRedirects(new SubshellNode(body));
        }
        if (t.Kind == TokenKind.Word && !t.Quoted)
        {
            switch (t.Raw)
            {
                case "{":
                {
                    Next();
                    var body = ParseList();
                    ExpectWord("}");
                    return WithRedirects(new GroupNode(body));
                }
                case "if": Next(); return WithRedirects(ParseIf());
                case "while": Next(); return WithRedirects(ParseLoop(false));
                case "until": Next(); return WithRedirects(ParseLoop(true));
                case "for": Next(); return WithRedirects(ParseFor());
                case "case": Next(); return WithRedirects(ParseCase());
                case "function": Next(); return ParseFunctionKeyword();
                case "then" or "else" or "elif" or "fi" or "do" or "done" or "esac" or "}" or "in":
                    throw Unexpected(t);
                case "[[":
                    throw new ShellSyntaxException("unsupported: [[ ... ]] (bash conditional; use [ ... ])");
            }
        }
        return ParseSimple();
    }

    private Node WithRedirects(Node node)
    {
        var redirects = new List<Redirect>();
        while (TryParseRedirect(redirects)) { }
        if (redirects.Count > 0) node.Redirects = redirects.ToArray();
        return node;
    }

    private void Expect(TokenKind kind, string text)
    {
        var t = Next();
        if (t.Kind != kind) throw t.Kind == TokenKind.Eof
            ? new ShellSyntaxException($"syntax error: unexpected end of file (expecting \"{text}\")")
            : Unexpected(t);
    }

    private void ExpectWord(string word)
    {
        var t = Next();
        if (!t.IsReserved(word)) throw t.Kind == TokenKind.Eof
            ? new ShellSyntaxException($"syntax error: unexpected end of file (expecting \"{word}\")")
            : new ShellSyntaxException($"syntax error: unexpected \"{t}\" (expecting \"{word}\")");
    }

    private Node ParseIf()
    {
        var cond = ParseList();
        ExpectWord("then");
        var then = ParseList();
        var t = Next();
        if (t.IsReserved("fi")) return new IfNode(cond, then, null);
        if (t.IsReserved("else"))
        {
            var @else = ParseList();
            ExpectWord("fi");
            return new IfNode(cond, then, @else);
        }
        if (t.IsReserved("elif")) return new IfNode(cond, then, ParseIf());
        throw t.Kind == TokenKind.Eof
            ? new ShellSyntaxException("syntax error: unexpected end of file (expecting \"fi\")")
            : Unexpected(t);
    }

    private Node ParseLoop(bool until)
    {
        var cond = ParseList();
        ExpectWord("do");
        var body = ParseList();
        ExpectWord("done");
        return new LoopNode(cond, body, until);
    }

    private Node ParseFor()
    {
        var nameTok = Next();
        if (nameTok.Kind != TokenKind.Word || nameTok.Quoted || nameTok.Raw is null || !IsName(nameTok.Raw))
            throw new ShellSyntaxException($"syntax error: bad for loop variable");
        Word[]? items = null;
        SkipNewlines();
        if (Peek().IsReserved("in"))
        {
            Next();
            var list = new List<Word>();
            while (Peek().Kind == TokenKind.Word) list.Add(Next().Word!);
            items = list.ToArray();
            var sep = Peek();
            if (sep.Kind is TokenKind.Semi or TokenKind.Newline) Next();
            else throw Unexpected(sep);
        }
        else if (Peek().Kind == TokenKind.Semi) Next();
        SkipNewlines();
        ExpectWord("do");
        var body = ParseList();
        ExpectWord("done");
        return new ForNode(nameTok.Raw, items, body);
    }

    private Node ParseCase()
    {
        var subject = Next();
        if (subject.Kind != TokenKind.Word) throw Unexpected(subject);
        SkipNewlines();
        ExpectWord("in");
        var items = new List<CaseItem>();
        while (true)
        {
            SkipNewlines();
            var t = Peek();
            if (t.IsReserved("esac")) { Next(); break; }
            if (t.Kind == TokenKind.LParen) Next();
            var patterns = new List<Word>();
            while (true)
            {
                var p = Next();
                if (p.Kind != TokenKind.Word) throw Unexpected(p);
                patterns.Add(p.Word!);
                var sep = Next();
                if (sep.Kind == TokenKind.Pipe) continue;
                if (sep.Kind == TokenKind.RParen) break;
                throw Unexpected(sep);
            }
            SkipNewlines();
            Node? body = null;
            if (Peek().Kind != TokenKind.DoubleSemi && !Peek().IsReserved("esac")) body = ParseList(allowEmpty: true);
            items.Add(new CaseItem(patterns.ToArray(), body));
            if (Peek().Kind == TokenKind.DoubleSemi) { Next(); continue; }
            SkipNewlines();
            ExpectWord("esac");
            break;
        }
        return new CaseNode(subject.Word!, items.ToArray());
    }

    private Node ParseFunctionKeyword()
    {
        var name = Next();
        if (name.Kind != TokenKind.Word || name.Raw is null) throw Unexpected(name);
        if (Peek().Kind == TokenKind.LParen) { Next(); Expect(TokenKind.RParen, ")"); }
        SkipNewlines();
        return new FunctionDef(name.Raw, ParseCommand());
    }

    private static bool IsName(string s)
    {
        if (s.Length == 0 || !Lexer.IsNameStart(s[0])) return false;
        foreach (var c in s) if (!Lexer.IsNameChar(c)) return false;
        return true;
    }

    private Node ParseSimple()
    {
        var assignments = new List<Assignment>();
        var words = new List<Word>();
        var redirects = new List<Redirect>();
        while (true)
        {
            if (TryParseRedirect(redirects)) continue;
            var t = Peek();
            if (t.Kind != TokenKind.Word) break;
            if (words.Count == 0 && t.AssignName is not null)
            {
                Next();
                assignments.Add(new Assignment(t.AssignName, t.AssignValue!));
                continue;
            }
            Next();
            if (words.Count == 0 && assignments.Count == 0 && redirects.Count == 0 && !t.Quoted
                && Peek().Kind == TokenKind.LParen && t.Raw is not null && IsName(t.Raw))
            {
                // name() compound-command
                Next();
                Expect(TokenKind.RParen, ")");
                SkipNewlines();
                return new FunctionDef(t.Raw, ParseCommand());
            }
            words.Add(t.Word!);
        }
        if (words.Count == 0 && assignments.Count == 0 && redirects.Count == 0) throw Unexpected(Peek());
        return new SimpleCommand(assignments.ToArray(), words.ToArray()) { Redirects = redirects.Count == 0 ? Array.Empty<Redirect>() : redirects.ToArray() };
    }

    private bool TryParseRedirect(List<Redirect> redirects)
    {
        var t = Peek();
        RedirKind kind;
        int defaultFd;
        switch (t.Kind)
        {
            case TokenKind.Great: kind = RedirKind.Out; defaultFd = 1; break;
            case TokenKind.Clobber: kind = RedirKind.Clobber; defaultFd = 1; break;
            case TokenKind.DGreat: kind = RedirKind.Append; defaultFd = 1; break;
            case TokenKind.Less: kind = RedirKind.In; defaultFd = 0; break;
            case TokenKind.GreatAnd: kind = RedirKind.DupOut; defaultFd = 1; break;
            case TokenKind.LessAnd: kind = RedirKind.DupIn; defaultFd = 0; break;
            case TokenKind.LessGreat: kind = RedirKind.ReadWrite; defaultFd = 0; break;
            case TokenKind.DLess:
            case TokenKind.DLessDash:
            {
                Next();
                var delimTok = Next();
                if (delimTok.Kind != TokenKind.Word) throw Unexpected(delimTok);
                var delimiter = Unquote(delimTok.Raw!);
                var body = new HereDoc();
                var r = new Redirect(t.IoNumber >= 0 ? t.IoNumber : 0, RedirKind.HereDoc, new Word(new WordPart[] { body }), !delimTok.Quoted);
                body.Delimiter = delimiter;
                body.StripTabs = t.Kind == TokenKind.DLessDash;
                _pendingHereDocs.Add((r, body));
                redirects.Add(r);
                return true;
            }
            default: return false;
        }
        Next();
        var target = Next();
        if (target.Kind != TokenKind.Word) throw Unexpected(target);
        redirects.Add(new Redirect(t.IoNumber >= 0 ? t.IoNumber : defaultFd, kind, target.Word!));
        return true;
    }

    private static string Unquote(string raw) => raw.Replace("'", "").Replace("\"", "").Replace("\\", "");

    private void ReadHereDocs()
    {
        foreach (var (redirect, body) in _pendingHereDocs)
        {
            var text = _lexer.ReadHereDocBody(body.Delimiter, body.StripTabs);
            body.Body = redirect.HereDocExpand ? HereDocWord(text) : new Word(new WordPart[] { new LiteralPart(text, true) });
        }
        _pendingHereDocs.Clear();
    }

    /// <summary>A here-document body expands like double-quoted text.</summary>
    private static Word HereDocWord(string text)
    {
        // Only $, ` and \ are special in a here-document; quotes must stay literal.
        var escaped = text.Replace("\"", "\\\"");
        var lexer = new Lexer("\"" + escaped + "\"");
        var token = lexer.Next();
        return token.Word ?? new Word(Array.Empty<WordPart>());
    }
}

/// <summary>Placeholder part for a here-document whose body is read after the line ends.</summary>
public sealed class HereDoc : WordPart
{
    public string Delimiter { get; set; } = "";
    public bool StripTabs { get; set; }
    public Word? Body { get; set; }
}
