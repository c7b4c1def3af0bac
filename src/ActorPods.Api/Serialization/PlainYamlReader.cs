namespace ActorPods.Api.Serialization;

/// <summary>
/// A fast reader for the plain YAML most manifests are written in: block mappings and sequences (indentless ones
/// too), one-line flow collections, and one-line plain, single- or double-quoted scalars without escapes.
/// It builds exactly the tree <see cref="YamlTreeReader"/> builds from YamlDotNet's events (same nodes, lines and
/// columns), several times faster, and gives up on anything else — anchors, tags, block or multi-line scalars,
/// tabs, non-ASCII outside comments, duplicate or merge keys, empty values, anything malformed — so that
/// YamlDotNet reads those documents and reports their errors in its own words.
/// </summary>
internal sealed class PlainYamlReader
{
    private readonly string _text;
    private readonly int _lineOffset;
    // The chunk's lines as [start, end) offsets, and each one's indentation (-1: blank or comment only).
    private readonly List<(int Start, int End, int Indent)> _lines = [];
    private int _line; // the current content line
    private int _pos;  // the position in it

    private PlainYamlReader(string text, int lineOffset)
    {
        _text = text;
        _lineOffset = lineOffset;
    }

    /// <summary>The root mapping of a one-document chunk, or null when YamlDotNet must read it.</summary>
    public static YMapping? TryRead(string chunk, int lineOffset)
    {
        var reader = new PlainYamlReader(chunk, lineOffset);
        if (!reader.SplitLines()) return null;
        reader._line = reader.NextContent(0);
        if (reader._line >= reader._lines.Count) return null;
        var indent = reader._lines[reader._line].Indent;
        reader._pos = reader._lines[reader._line].Start + indent;
        if (reader.AtBlockEntry()) return null;
        var root = reader.BlockMapping(indent);
        // Nothing may follow the root mapping.
        return root is not null && reader._line >= reader._lines.Count ? root : null;
    }

    /// <summary>Splits the lines, rejecting characters whose handling (or column counting) differs in YamlDotNet.</summary>
    private bool SplitLines()
    {
        var start = 0;
        while (start <= _text.Length)
        {
            var end = _text.IndexOf('\n', start);
            if (end < 0) end = _text.Length;
            var indent = 0;
            while (start + indent < end && _text[start + indent] == ' ') indent++;
            var first = start + indent < end ? _text[start + indent] : '\0';
            var isContent = first is not '\0' and not '#';
            if (isContent)
            {
                if (indent == 0 && (_text.AsSpan(start, end - start).StartsWith("---", StringComparison.Ordinal)
                    || _text.AsSpan(start, end - start).StartsWith("...", StringComparison.Ordinal))) return false;
                // Outside a trailing comment, only printable ASCII.
                var inComment = false;
                for (var i = start + indent; i < end; i++)
                {
                    var c = _text[i];
                    if (c == '#' && _text[i - 1] == ' ') inComment = true;
                    if (c is '\t' or '\r' || (!inComment && (c < ' ' || c > '~'))) return false;
                }
            }
            else
            {
                for (var i = start; i < end; i++)
                    if (_text[i] is '\t' or '\r' or '\uFEFF' or '\u0085' or '\u2028' or '\u2029') return false;
            }
            _lines.Add((start, end, isContent ? indent : -1));
            start = end + 1;
        }
        return true;
    }

    private int NextContent(int line)
    {
        while (line < _lines.Count && _lines[line].Indent < 0) line++;
        return line;
    }

    private int End => _lines[_line].End;
    private char Peek(int ahead = 0) => _pos + ahead < End ? _text[_pos + ahead] : '\0';
    private int LineNumber => _line + 1 + _lineOffset;
    private int Column => _pos - _lines[_line].Start + 1;

    private bool AtBlockEntry() => Peek() == '-' && Peek(1) is ' ' or '\0';

    private void SkipSpaces()
    {
        while (Peek() == ' ') _pos++;
    }

    /// <summary>True at the end of the line, or at a comment.</summary>
    private bool AtLineEnd()
    {
        SkipSpaces();
        return _pos >= End || (Peek() == '#' && _text[_pos - 1] == ' ');
    }

    /// <summary>Moves to the next content line; false when there is none.</summary>
    private bool NextLine()
    {
        _line = NextContent(_line + 1);
        if (_line >= _lines.Count) return false;
        _pos = _lines[_line].Start + _lines[_line].Indent;
        return true;
    }

    private int CurrentIndent => _line < _lines.Count ? _lines[_line].Indent : -1;

    /// <summary>A block mapping whose keys start at column <paramref name="indent"/> (0-based), from the current position.</summary>
    private YMapping? BlockMapping(int indent)
    {
        var map = new YMapping(LineNumber, Column);
        while (true)
        {
            var key = Scalar(flow: false, key: true);
            if (key is null || Peek() != ':' || Peek(1) is not (' ' or '\0')) return null;
            if (key is { Raw: "<<", Kind: ScalarKind.String }) return null;
            foreach (var e in map.Entries)
                if (e.Key.Text == key.Text) return null;
            _pos++;
            var value = MappingValue(indent);
            if (value is null) return null;
            map.Entries.Add(new(key, value));
            // The next key, or the end of the mapping.
            var next = CurrentIndent;
            if (next < indent) return map;
            if (next > indent || AtBlockEntry()) return null;
        }
    }

    /// <summary>The value after "key:", leaving the position at the start of the next content line.</summary>
    private YNode? MappingValue(int keyIndent)
    {
        if (!AtLineEnd())
        {
            var inline = InlineValue();
            if (inline is null || !AtLineEnd()) return null;
            NextLine();
            // Deeper lines would continue a multi-line scalar (or be an error).
            return CurrentIndent > keyIndent ? null : inline;
        }
        if (!NextLine()) return null; // an empty value: YamlDotNet places its null itself
        var indent = CurrentIndent;
        if (indent > keyIndent) return AtBlockEntry() ? BlockSequence(indent) : BlockNode(indent);
        // A sequence may start at its key's own column ("indentless").
        if (indent == keyIndent && AtBlockEntry()) return BlockSequence(indent);
        return null;
    }

    /// <summary>A mapping or sequence that starts a line at <paramref name="indent"/>.</summary>
    private YNode? BlockNode(int indent)
    {
        var c = Peek();
        if (c is '[' or '{' or '"' or '\'') return null; // a flow value on its own line: rare; let YamlDotNet place it
        return BlockMapping(indent);
    }

    /// <summary>Entries "- item" starting at column <paramref name="indent"/>.</summary>
    private YSequence? BlockSequence(int indent)
    {
        var seq = new YSequence(LineNumber, Column);
        while (true)
        {
            _pos++; // '-'
            if (AtLineEnd()) return null; // an empty item, or an item starting on the next line
            var itemColumn = _pos - _lines[_line].Start;
            YNode? item;
            if (AtBlockEntry()) return null; // "- - x"
            if (Peek() is '[' or '{' or '"' or '\'' || !LooksLikeKey())
            {
                item = InlineValue();
                if (item is null || !AtLineEnd()) return null;
                NextLine();
            }
            else item = BlockMapping(itemColumn);
            if (item is null) return null;
            seq.Items.Add(item);
            var next = CurrentIndent;
            if (next < indent) return seq;
            if (next > indent || !AtBlockEntry())
                // At the sequence's column but not an entry: the end of an indentless sequence; anything else is not ours.
                return next == indent && !AtBlockEntry() ? seq : null;
        }
    }

    /// <summary>Whether the rest of the line starts with "key:" (a plain or quoted scalar, then ': ').</summary>
    private bool LooksLikeKey()
    {
        var saved = _pos;
        var key = Scalar(flow: false, key: true);
        var isKey = key is not null && Peek() == ':' && Peek(1) is ' ' or '\0';
        _pos = saved;
        return isKey;
    }

    /// <summary>A scalar or a flow collection on the rest of this line.</summary>
    private YNode? InlineValue() => Peek() switch
    {
        '{' => FlowMapping(),
        '[' => FlowSequence(),
        _ => Scalar(flow: false, key: false),
    };

    private YMapping? FlowMapping()
    {
        var map = new YMapping(LineNumber, Column);
        _pos++;
        SkipSpaces();
        if (Peek() == '}')
        {
            _pos++;
            return map;
        }
        while (true)
        {
            var key = Scalar(flow: true, key: true);
            if (key is null || Peek() != ':' || Peek(1) != ' ') return null;
            if (key is { Raw: "<<", Kind: ScalarKind.String }) return null;
            foreach (var e in map.Entries)
                if (e.Key.Text == key.Text) return null;
            _pos++;
            SkipSpaces();
            var value = FlowValue();
            if (value is null) return null;
            map.Entries.Add(new(key, value));
            SkipSpaces();
            if (Peek() == '}')
            {
                _pos++;
                return map;
            }
            if (Peek() != ',') return null;
            _pos++;
            SkipSpaces();
            if (Peek() is '}' or ',') return null; // a trailing or doubled comma
        }
    }

    private YSequence? FlowSequence()
    {
        var seq = new YSequence(LineNumber, Column);
        _pos++;
        SkipSpaces();
        if (Peek() == ']')
        {
            _pos++;
            return seq;
        }
        while (true)
        {
            var item = FlowValue();
            if (item is null) return null;
            seq.Items.Add(item);
            SkipSpaces();
            if (Peek() == ']')
            {
                _pos++;
                return seq;
            }
            if (Peek() != ',') return null;
            _pos++;
            SkipSpaces();
            if (Peek() is ']' or ',') return null;
        }
    }

    private YNode? FlowValue() => Peek() switch
    {
        '{' => FlowMapping(),
        '[' => FlowSequence(),
        _ => Scalar(flow: true, key: false),
    };

    /// <summary>
    /// A plain or quoted scalar on this line, stopping before ": " (and, in a flow, before ',', ']' or '}').
    /// Null for anything it does not take on: indicators, escapes, a scalar that would go on to the next line.
    /// </summary>
    private YScalar? Scalar(bool flow, bool key)
    {
        var line = LineNumber;
        var column = Column;
        var c = Peek();
        if (c is '\'' or '"')
        {
            var close = _text.IndexOf(c, _pos + 1, End - _pos - 1);
            if (close < 0) return null;
            string value;
            if (c == '"')
            {
                value = _text.Substring(_pos + 1, close - _pos - 1);
                if (value.Contains('\\')) return null;
                _pos = close + 1;
            }
            else
            {
                // '' is an escaped quote inside a single-quoted scalar.
                while (close + 1 < End && _text[close + 1] == '\'')
                {
                    close = _text.IndexOf('\'', close + 2, End - close - 2);
                    if (close < 0) return null;
                }
                value = _text.Substring(_pos + 1, close - _pos - 1).Replace("''", "'");
                _pos = close + 1;
            }
            // Non-ASCII was let through only as a comment; here it is text (and columns after it could differ).
            foreach (var ch in value)
                if (ch > '~') return null;
            // The closing quote must end the token.
            var after = Peek();
            if (!(after is '\0' or ' ' || after == ':' || (flow && after is ',' or ']' or '}'))) return null;
            var (kind, text) = YamlScalarResolver.Resolve(value, plain: false, tag: null);
            return new YScalar(line, column, value, kind, text);
        }

        // Indicators that start something else (or are errors) at the start of a plain scalar.
        if (c is '\0' or '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '?' or ':')
            return null;
        if (c == '-' && Peek(1) is ' ' or '\0') return null;
        var start = _pos;
        var end = _pos; // after the last non-space character
        while (_pos < End)
        {
            var ch = _text[_pos];
            if (ch == ':' && (_pos + 1 >= End || _text[_pos + 1] == ' ' || (flow && _text[_pos + 1] is ',' or ']' or '}'))) break;
            if (ch == '#' && _text[_pos - 1] == ' ') break;
            if (flow && ch is ',' or ']' or '}') break;
            // Left to YamlDotNet: ':' glued to a flow indicator, flow indicators inside block scalars.
            if (ch is '[' or '{' or '}' or ']' && !flow) return null;
            if (flow && ch is '[' or '{' or ':') return null;
            _pos++;
            if (ch != ' ') end = _pos;
        }
        if (key && end - start > 1024) return null; // YamlDotNet's limit on a simple key
        _pos = end;
        var raw = _text.Substring(start, end - start);
        var resolved = YamlScalarResolver.Resolve(raw, plain: true, tag: null);
        return new YScalar(line, column, raw, resolved.Kind, resolved.Text);
    }
}
