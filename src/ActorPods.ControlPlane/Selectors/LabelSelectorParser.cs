namespace ActorPods.ControlPlane.Selectors;

/// <summary>
/// The label selector grammar and error texts of labels.Parse
/// (k8s.io/apimachinery/pkg/labels/selector.go: Lexer, Parser, NewRequirement).
/// </summary>
internal sealed class LabelSelectorParser
{
    private enum Token { Error, End, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan, NotEquals, NotIn, OpenPar }

    private enum Context { KeyAndOperator, Values }

    private static readonly Dictionary<string, Token> Keywords = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar, [","] = Token.Comma, ["!"] = Token.DoesNotExist, ["=="] = Token.DoubleEquals, ["="] = Token.Equals,
        [">"] = Token.GreaterThan, ["in"] = Token.In, ["<"] = Token.LessThan, ["!="] = Token.NotEquals, ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    private readonly List<(Token Tok, string Lit)> _items = new();
    private int _position;

    private LabelSelectorParser(string text) => Scan(text);

    /// <summary>Parses <paramref name="text"/>; the error is the apiserver's message, or null.</summary>
    public static List<LabelRequirement>? Parse(string text, out string? error) => new LabelSelectorParser(text).ParseAll(out error);

    private List<LabelRequirement>? ParseAll(out string? error)
    {
        error = null;
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (tok, lit) = Lookahead(Context.Values);
            switch (tok)
            {
                case Token.Identifier or Token.DoesNotExist:
                    var r = ParseRequirement(out var e);
                    if (r is null)
                    {
                        error = "unable to parse requirement: " + e;
                        return null;
                    }
                    requirements.Add(r);
                    var (t, l) = Consume(Context.Values);
                    switch (t)
                    {
                        case Token.End:
                            return Sorted(requirements);
                        case Token.Comma:
                            var (t2, l2) = Lookahead(Context.Values);
                            if (t2 is not Token.Identifier and not Token.DoesNotExist)
                            {
                                error = $"found '{l2}', expected: identifier after ','";
                                return null;
                            }
                            break;
                        default:
                            error = $"found '{l}', expected: ',' or 'end of string'";
                            return null;
                    }
                    break;
                case Token.End:
                    return Sorted(requirements);
                default:
                    error = $"found '{lit}', expected: !, identifier, or 'end of string'";
                    return null;
            }
        }
    }

    // labels.parse sorts requirements by key so the selector's string form is deterministic.
    private static List<LabelRequirement> Sorted(List<LabelRequirement> list)
    {
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    private LabelRequirement? ParseRequirement(out string? error)
    {
        error = null;
        LabelOperator? op = null;
        var (tok, key) = Consume(Context.Values);
        if (tok == Token.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            (tok, key) = Consume(Context.Values);
        }
        if (tok != Token.Identifier)
        {
            error = $"found '{key}', expected: identifier";
            return null;
        }
        var keyErrors = LabelNames.KeyErrors(key);
        if (keyErrors.Count > 0)
        {
            error = $"<nil>: Invalid value: \"{key}\": {string.Join("; ", keyErrors)}";
            return null;
        }
        var (next, _) = Lookahead(Context.Values);
        if (next is Token.End or Token.Comma)
        {
            op ??= LabelOperator.Exists;
        }
        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist) return new LabelRequirement(key, op.Value, []);

        var (opTok, opLit) = Consume(Context.KeyAndOperator);
        LabelOperator binary;
        switch (opTok)
        {
            case Token.In: binary = LabelOperator.In; break;
            case Token.Equals: binary = LabelOperator.Equals; break;
            case Token.DoubleEquals: binary = LabelOperator.DoubleEquals; break;
            case Token.GreaterThan: binary = LabelOperator.GreaterThan; break;
            case Token.LessThan: binary = LabelOperator.LessThan; break;
            case Token.NotIn: binary = LabelOperator.NotIn; break;
            case Token.NotEquals: binary = LabelOperator.NotEquals; break;
            default:
                error = $"found '{opLit}', expected: in, notin, =, ==, !=, gt, lt";
                return null;
        }
        var values = binary is LabelOperator.In or LabelOperator.NotIn ? ParseValues(out error) : ParseExactValue(out error);
        if (values is null) return null;
        return NewRequirement(key, binary, values, out error);
    }

    private static LabelRequirement? NewRequirement(string key, LabelOperator op, List<string> values, out string? error)
    {
        var errs = new List<string>();
        if (op is LabelOperator.GreaterThan or LabelOperator.LessThan)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (!long.TryParse(values[i], out _))
                {
                    errs.Add($"values[{i}]: Invalid value: \"{values[i]}\": for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }
        }
        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = LabelNames.ValueErrors(values[i]);
            if (valueErrors.Count > 0) errs.Add($"values[{i}][{key}]: Invalid value: \"{values[i]}\": {string.Join("; ", valueErrors)}");
        }
        // field.ErrorList.ToAggregate: one error prints alone, several as "[a, b]".
        error = errs.Count switch { 0 => null, 1 => errs[0], _ => "[" + string.Join(", ", errs) + "]" };
        return error is null ? new LabelRequirement(key, op, values.ToArray()) : null;
    }

    private List<string>? ParseValues(out string? error)
    {
        error = null;
        var (tok, lit) = Consume(Context.Values);
        if (tok != Token.OpenPar)
        {
            error = $"found '{lit}' expected: '('";
            return null;
        }
        (tok, lit) = Lookahead(Context.Values);
        switch (tok)
        {
            case Token.Identifier or Token.Comma:
                var set = ParseIdentifiersList(out error);
                if (set is null) return null;
                if (Consume(Context.Values).Tok != Token.ClosedPar)
                {
                    error = $"found '{lit}', expected: ')'";
                    return null;
                }
                return set;
            case Token.ClosedPar:
                Consume(Context.Values);
                return [""];
            default:
                error = $"found '{lit}', expected: ',', ')' or identifier";
                return null;
        }
    }

    private List<string>? ParseIdentifiersList(out string? error)
    {
        error = null;
        var set = new List<string>();
        void Add(string s)
        {
            if (!set.Contains(s)) set.Add(s);
        }
        while (true)
        {
            var (tok, lit) = Consume(Context.Values);
            switch (tok)
            {
                case Token.Identifier:
                    Add(lit);
                    var (tok2, lit2) = Lookahead(Context.Values);
                    if (tok2 == Token.Comma) continue;
                    if (tok2 == Token.ClosedPar) return set;
                    error = $"found '{lit2}', expected: ',' or ')'";
                    return null;
                case Token.Comma:
                    if (set.Count == 0) Add("");
                    var (t2, _) = Lookahead(Context.Values);
                    if (t2 == Token.ClosedPar)
                    {
                        Add("");
                        return set;
                    }
                    if (t2 == Token.Comma) Add("");
                    break;
                default:
                    error = $"found '{lit}', expected: ',', or identifier";
                    return null;
            }
        }
    }

    private List<string>? ParseExactValue(out string? error)
    {
        error = null;
        var (tok, _) = Lookahead(Context.Values);
        if (tok is Token.End or Token.Comma) return [""];
        var (t, lit) = Consume(Context.Values);
        if (t == Token.Identifier) return [lit];
        error = $"found '{lit}', expected: identifier";
        return null;
    }

    private (Token Tok, string Lit) Lookahead(Context context) => Contextual(_items[_position], context);

    private (Token Tok, string Lit) Consume(Context context) => Contextual(_items[_position++], context);

    // In a value position the keywords 'in' and 'notin' are plain identifiers ("x in (in)").
    private static (Token, string) Contextual((Token Tok, string Lit) item, Context context) =>
        context == Context.Values && item.Tok is Token.In or Token.NotIn ? (Token.Identifier, item.Lit) : item;

    private void Scan(string s)
    {
        var pos = 0;
        while (true)
        {
            while (pos < s.Length && IsWhitespace(s[pos])) pos++;
            if (pos >= s.Length)
            {
                _items.Add((Token.End, ""));
                return;
            }
            if (IsSpecial(s[pos]))
            {
                var start = pos;
                (Token Tok, string Lit) last = (Token.Error, "");
                while (pos < s.Length && IsSpecial(s[pos]))
                {
                    var candidate = s[start..(pos + 1)];
                    if (Keywords.TryGetValue(candidate, out var t)) last = (t, candidate);
                    else if (last.Tok != Token.Error) break;
                    pos++;
                }
                _items.Add(last.Tok == Token.Error ? (Token.Error, $"error expected: keyword found '{s[start..pos]}'") : last);
                if (last.Tok == Token.Error) pos = s.Length;
                else pos = start + last.Lit.Length;
                continue;
            }
            var begin = pos;
            while (pos < s.Length && !IsSpecial(s[pos]) && !IsWhitespace(s[pos])) pos++;
            var word = s[begin..pos];
            _items.Add(Keywords.TryGetValue(word, out var kw) ? (kw, word) : (Token.Identifier, word));
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
