using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ActorPods.Api.Serialization;

/// <summary>One YAML document of a file: its root node and where it starts. Broken: it had YAML-level errors (duplicate keys).</summary>
internal sealed record YamlDocumentText(int Index, int FirstLine, YNode? Root, bool Broken);

/// <summary>
/// Reads a manifest stream into positioned trees, one per document. Documents are split on "---"
/// lines first, as kubectl's YAMLReader does (k8s.io/apimachinery/pkg/util/yaml/decoder.go), so a
/// syntax error in one document does not hide the others. Duplicate keys are reported as
/// sigs.k8s.io/yaml's strict YAML-to-JSON conversion (go-yaml v2) reports them.
/// </summary>
internal static class YamlTreeReader
{
    /// <param name="plainReader">Read plain documents with <see cref="PlainYamlReader"/> (tests compare it with YamlDotNet).</param>
    public static List<YamlDocumentText> Read(string text, string file, bool rejectDuplicateKeys, List<ManifestError> errors,
        bool plainReader = true) =>
        [.. ReadLazily(text, file, rejectDuplicateKeys, errors, plainReader)];

    /// <summary>
    /// The documents one chunk at a time, so that a caller binding each as it comes keeps only one tree alive:
    /// holding every tree of a large file at once made the collector promote and re-scan them all.
    /// </summary>
    public static IEnumerable<YamlDocumentText> ReadLazily(string text, string file, bool rejectDuplicateKeys, List<ManifestError> errors,
        bool plainReader = true)
    {
        text = text.Replace("\r\n", "\n");
        // The whole file's lines serve only the hints of a syntax error; split them when one occurs.
        string[]? lines = null;
        var index = 0;
        var chunkDocuments = new List<YamlDocumentText>();
        foreach (var (firstLine, start, length) in SplitDocuments(text))
        {
            if (IsBlankOrComments(text.AsSpan(start, length))) continue;
            chunkDocuments.Clear();
            var chunk = text.Substring(start, length);
            if (plainReader && PlainYamlReader.TryRead(chunk, firstLine - 1) is { } plain)
            {
                index++;
                yield return new YamlDocumentText(index - 1, plain.Line, plain, Broken: false);
                continue;
            }
            ParseChunk(chunk, firstLine, file, () => lines ??= text.Split('\n'),
                rejectDuplicateKeys, index, chunkDocuments, errors);
            foreach (var doc in chunkDocuments)
            {
                index++;
                yield return doc;
            }
        }
    }

    /// <summary>True when every line is blank or a comment (what was string.IsNullOrWhiteSpace of the comment-stripped chunk).</summary>
    private static bool IsBlankOrComments(ReadOnlySpan<char> chunk)
    {
        while (true)
        {
            var newline = chunk.IndexOf('\n');
            var trimmed = (newline < 0 ? chunk : chunk[..newline]).TrimStart();
            if (trimmed.Length > 0 && trimmed[0] != '#') return false;
            if (newline < 0) return true;
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>
    /// The "---"-separated chunks as offsets into the text: each chunk is the lines between two separators, joined
    /// by their '\n' (without the last one), and FirstLine turns the parser's chunk-relative marks back into file lines.
    /// </summary>
    private static IEnumerable<(int FirstLine, int Start, int Length)> SplitDocuments(string text)
    {
        var lineNumber = 0; // 0-based number of the line starting at lineStart
        var chunkStart = 0;
        var chunkFirstLine = 0;
        var lineStart = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            if (IsSeparator(text.AsSpan(lineStart, lineEnd - lineStart)))
            {
                yield return (chunkFirstLine + 1, chunkStart, Math.Max(0, lineStart - 1 - chunkStart));
                chunkStart = newline < 0 ? text.Length : newline + 1;
                chunkFirstLine = lineNumber + 1;
            }
            if (newline < 0) break;
            lineStart = newline + 1;
            lineNumber++;
        }
        // The last chunk runs to the end of the text (a trailing separator leaves an empty one, as Split did).
        yield return (chunkFirstLine + 1, Math.Min(chunkStart, text.Length), text.Length - Math.Min(chunkStart, text.Length));
    }

    private static bool IsSeparator(ReadOnlySpan<char> line)
    {
        if (!line.StartsWith("---", StringComparison.Ordinal)) return false;
        var rest = line[3..].Trim();
        return rest.Length == 0 || rest[0] == '#';
    }

    private static void ParseChunk(string chunk, int firstLine, string file, Func<string[]> allLines, bool rejectDuplicates,
        int documentsBefore, List<YamlDocumentText> documents, List<ManifestError> errors)
    {
        var lineOffset = firstLine - 1;
        // Errors of this chunk: a syntax error replaces them all, because go-yaml stops parsing
        // before it would decode (and find duplicate keys).
        var chunkErrors = new List<ManifestError>();
        try
        {
            var parser = new Parser(new StringReader(chunk));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var docStart))
            {
                var before = chunkErrors.Count;
                var builder = new TreeBuilder(parser, lineOffset, file, rejectDuplicates, chunkErrors);
                var root = parser.Accept<DocumentEnd>(out _) ? null : builder.ReadNode();
                parser.Consume<DocumentEnd>();
                if (root is YScalar { Kind: ScalarKind.Null }) root = null;
                if (root is not null)
                    documents.Add(new YamlDocumentText(documentsBefore + documents.Count,
                        (int)docStart.Start.Line + lineOffset, root, chunkErrors.Count > before));
            }
            if (chunkErrors.Count > 0) errors.AddRange(chunkErrors.OrderBy(e => e.Line).ThenBy(e => e.Column));
        }
        catch (YamlException ex)
        {
            documents.Clear(); // the chunk's documents are lost with it, as go-yaml stops at the first syntax error
            // YamlDotNet may wrap the scanner's exception; the innermost one has the precise mark.
            var inner = ex;
            while (inner.InnerException is YamlException deeper) inner = deeper;
            var mark = inner.Start.Line > 0 ? inner.Start : ex.Start;
            var line = (int)mark.Line + lineOffset;
            var column = (int)mark.Column;
            if (inner.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(chunk) is { } tab)
            {
                // YamlDotNet marks tab-indentation errors at the start of the document; point at the tab.
                line = tab.Line + lineOffset;
                column = tab.Column;
            }
            var problem = GoYamlWording(ex);
            errors.Add(new ManifestError(file, line, column, null,
                $"error converting YAML to JSON: yaml: line {line}: {problem}",
                YamlHints.ForSyntaxError(allLines(), line, problem)) { Category = ManifestErrorKind.Syntax });
        }
    }

    private static (int Line, int Column)? FirstTabIndent(string chunk)
    {
        var lines = chunk.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart().Length;
            var tab = lines[i].IndexOf('\t');
            if (tab >= 0 && tab < indent) return (i + 1, tab + 1);
        }
        return null;
    }

    /// <summary>YamlDotNet's messages, reworded as go-yaml's (scannerc.go / parserc.go) where they correspond.</summary>
    private static string GoYamlWording(YamlException ex)
    {
        var m = (ex.InnerException as YamlException ?? ex).Message;
        if (m.Contains("Mapping values are not allowed", StringComparison.OrdinalIgnoreCase)
            || m.Contains("found invalid mapping", StringComparison.OrdinalIgnoreCase)) return "mapping values are not allowed in this context";
        if (m.Contains("could not find expected ':'", StringComparison.OrdinalIgnoreCase)) return "could not find expected ':'";
        if (m.Contains("did not find expected key", StringComparison.OrdinalIgnoreCase)) return "did not find expected key";
        if (m.Contains("did not find expected '-' indicator", StringComparison.OrdinalIgnoreCase)) return "did not find expected '-' indicator";
        if (m.Contains("did not find expected <document start>", StringComparison.OrdinalIgnoreCase)) return "did not find expected <document start>";
        if (m.Contains("did not find expected node content", StringComparison.OrdinalIgnoreCase)) return "did not find expected node content";
        if (m.Contains("found character that cannot start any token", StringComparison.OrdinalIgnoreCase)
            || m.Contains("tab", StringComparison.OrdinalIgnoreCase)) return "found character that cannot start any token";
        if (m.Contains("block sequence entries are not allowed", StringComparison.OrdinalIgnoreCase)) return "block sequence entries are not allowed in this context";
        if (m.StartsWith("unknown anchor", StringComparison.Ordinal)) return m;
        return m.TrimEnd('.').Replace("While ", "while ", StringComparison.Ordinal);
    }

    /// <summary>Builds the positioned tree from parser events; resolves aliases and &lt;&lt; merge keys as go-yaml v2 does.</summary>
    private sealed class TreeBuilder(IParser parser, int lineOffset, string file, bool rejectDuplicates, List<ManifestError> errors)
    {
        private readonly Dictionary<string, YNode> _anchors = new();

        public YNode ReadNode()
        {
            var ev = parser.Current!;
            var line = (int)ev.Start.Line + lineOffset;
            var column = (int)ev.Start.Column;
            switch (ev)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
                    return target;

                case Scalar scalar:
                {
                    parser.MoveNext();
                    var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
                    var plain = scalar.Style == ScalarStyle.Plain && (tag is null || tag == "?");
                    var (kind, text) = YamlScalarResolver.Resolve(scalar.Value, plain, tag);
                    var node = new YScalar(line, column, scalar.Value, kind, text);
                    Remember(scalar.Anchor, node);
                    return node;
                }

                case SequenceStart seqStart:
                {
                    parser.MoveNext();
                    var seq = new YSequence(line, column);
                    Remember(seqStart.Anchor, seq);
                    while (!parser.TryConsume<SequenceEnd>(out _)) seq.Items.Add(ReadNode());
                    return seq;
                }

                case MappingStart mapStart:
                {
                    parser.MoveNext();
                    var map = new YMapping(line, column);
                    Remember(mapStart.Anchor, map);
                    // Most mappings are small: look keys up by scanning until one grows past a few entries.
                    Dictionary<string, int>? seen = null;
                    List<YNode>? merges = null;
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode();
                        var value = ReadNode();
                        if (keyNode is YScalar { Raw: "<<" } k && k.Kind == ScalarKind.String)
                        {
                            (merges ??= []).Add(value);
                            continue;
                        }
                        var key = keyNode as YScalar
                            ?? new YScalar(keyNode.Line, keyNode.Column, "", ScalarKind.String, "");
                        if (keyNode is not YScalar)
                            errors.Add(new ManifestError(file, keyNode.Line, keyNode.Column, null,
                                "error converting YAML to JSON: yaml: invalid map key: a mapping or sequence cannot be a key", null) { Category = ManifestErrorKind.Syntax });
                        // The line a key was first set on is that of the entry holding it (the last one wins when
                        // duplicates are allowed, and that entry replaces the earlier one).
                        var firstLine = FirstLineOf(map, ref seen, key.Text);
                        if (firstLine is not null && rejectDuplicates)
                        {
                            errors.Add(new ManifestError(file, key.Line, key.Column, null,
                                $"error converting YAML to JSON: yaml: unmarshal errors:\n  line {key.Line}: key \"{key.Text}\" already set in map",
                                $"\"{key.Text}\" is first set on line {firstLine}; YAML keeps one value per key, so remove or merge one of them")
                            { Category = ManifestErrorKind.DuplicateKey });
                            continue;
                        }
                        if (firstLine is not null)
                        {
                            map.Entries.RemoveAll(e => e.Key.Text == key.Text); // the last one wins, as in non-strict go-yaml
                            seen?.Remove(key.Text);
                        }
                        map.Entries.Add(new(key, value));
                        seen?.Add(key.Text, key.Line);
                    }
                    if (merges is not null) ApplyMerges(map, merges, ref seen);
                    return map;
                }

                default:
                    throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
            }
        }

        private const int ScanLimit = 8;

        /// <summary>The line of the entry with this key, or null; indexes the entries once there are more than a few.</summary>
        private static int? FirstLineOf(YMapping map, ref Dictionary<string, int>? seen, string key)
        {
            if (seen is null)
            {
                var entries = map.Entries;
                if (entries.Count < ScanLimit)
                {
                    foreach (var e in entries)
                        if (e.Key.Text == key) return e.Key.Line;
                    return null;
                }
                seen = new Dictionary<string, int>(entries.Count * 2);
                foreach (var e in entries) seen.Add(e.Key.Text, e.Key.Line);
            }
            return seen.TryGetValue(key, out var line) ? line : null;
        }

        private static void ApplyMerges(YMapping map, List<YNode> merges, ref Dictionary<string, int>? seen)
        {
            foreach (var merge in merges)
            {
                var sources = merge is YSequence s ? s.Items : [merge];
                foreach (var source in sources.OfType<YMapping>())
                    foreach (var entry in source.Entries)
                        if (FirstLineOf(map, ref seen, entry.Key.Text) is null)
                        {
                            map.Entries.Add(entry);
                            seen?.Add(entry.Key.Text, entry.Key.Line);
                        }
            }
        }

        private void Remember(AnchorName anchor, YNode node)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
        }
    }
}
