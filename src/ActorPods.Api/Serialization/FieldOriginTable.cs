using System.Collections;
using System.Diagnostics.CodeAnalysis;
using ActorPods.Api.Model;

namespace ActorPods.Api.Serialization;

/// <summary>
/// <see cref="KubeObject.FieldOrigins"/> as the loader records it: one compact entry per field, list item and map
/// key (its parent, its last path segment, line and column), turned into the dictionary of JSON paths on first
/// use. Most loaded objects never have their origins looked up, and spelling out every path string and location
/// up front was most of the memory a loaded object held.
/// </summary>
internal sealed class FieldOriginTable(string file) : IReadOnlyDictionary<string, SourceLocation>
{
    private enum Form : byte { Field, Index, MapKey }

    private readonly record struct Entry(int Parent, Form Form, string? Segment, int Index, int Line, int Column);

    // A typical pod records about 60 origins.
    private Entry[] _entries = new Entry[64];
    private int _count;
    private Dictionary<string, SourceLocation>? _dictionary;

    /// <summary>The id of the document root, whose path is "".</summary>
    public const int Root = -1;

    /// <summary>"parent.name" (just "name" at the root).</summary>
    public int AddField(int parent, string name, int line, int column) => Add(new(parent, Form.Field, name, 0, line, column));

    /// <summary>"parent[index]".</summary>
    public int AddIndex(int parent, int index, int line, int column) => Add(new(parent, Form.Index, null, index, line, column));

    /// <summary>"parent[key]".</summary>
    public int AddMapKey(int parent, string key, int line, int column) => Add(new(parent, Form.MapKey, key, 0, line, column));

    private int Add(Entry entry)
    {
        if (_dictionary is not null) throw new InvalidOperationException("origins are read-only once read");
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count] = entry;
        return _count++;
    }

    /// <summary>The JSON path of an entry, e.g. "spec.containers[0].image" (built on demand: for errors).</summary>
    public string PathOf(int id) => id == Root ? "" : Combine(PathOf(_entries[id].Parent), _entries[id]);

    private static string Combine(string parent, in Entry e) => e.Form switch
    {
        Form.Field => parent.Length == 0 ? e.Segment! : $"{parent}.{e.Segment}",
        Form.Index => $"{parent}[{e.Index}]",
        _ => $"{parent}[{e.Segment}]",
    };

    private Dictionary<string, SourceLocation> Dictionary =>
        LazyInitializer.EnsureInitialized(ref _dictionary, Build);

    private Dictionary<string, SourceLocation> Build()
    {
        var paths = new string[_count];
        var dictionary = new Dictionary<string, SourceLocation>(_count, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            // Parents come before their children, so each path extends one already built.
            var e = _entries[i];
            paths[i] = Combine(e.Parent == Root ? "" : paths[e.Parent], e);
            dictionary[paths[i]] = new SourceLocation(file, e.Line, e.Column);
        }
        return dictionary;
    }

    public SourceLocation this[string key] => Dictionary[key];
    public IEnumerable<string> Keys => Dictionary.Keys;
    public IEnumerable<SourceLocation> Values => Dictionary.Values;
    public int Count => Dictionary.Count;
    public bool ContainsKey(string key) => Dictionary.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SourceLocation value) => Dictionary.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, SourceLocation>> GetEnumerator() => Dictionary.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
