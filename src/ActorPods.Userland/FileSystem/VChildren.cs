using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorPods.Userland.FileSystem;

/// <summary>
/// The entries of a directory (name → node, ordinal). A dictionary that counts every change of any directory's
/// entries in <see cref="FileTree.Version"/>, so a path resolved earlier is known to still resolve the same way
/// while that number has not moved (servers answering the same path every probe period keep what they found).
/// </summary>
public sealed class VChildren : IReadOnlyDictionary<string, VNode>
{
    private readonly Dictionary<string, VNode> _entries;
    private bool _frozen;

    public VChildren() => _entries = new(StringComparer.Ordinal);

    private VChildren(Dictionary<string, VNode> entries) => _entries = entries;

    public VNode this[string name]
    {
        get => _entries[name];
        set
        {
            ThrowIfFrozen();
            _entries[name] = value;
            FileTree.Changed();
        }
    }

    /// <summary>The same entries in the same enumeration order, changeable (a directory copied up from a shared layer).</summary>
    internal VChildren Copy() => new(new Dictionary<string, VNode>(_entries, StringComparer.Ordinal));

    /// <summary>From now on the entries never change (a directory of a shared image layer).</summary>
    internal void Freeze() => _frozen = true;

    private void ThrowIfFrozen()
    {
        if (_frozen) throw new InvalidOperationException("a directory of a shared image layer cannot change; it must be copied up first");
    }

    public int Count => _entries.Count;
    public IEnumerable<string> Keys => _entries.Keys;
    public IEnumerable<VNode> Values => _entries.Values;

    public bool ContainsKey(string name) => _entries.ContainsKey(name);

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out VNode node) => _entries.TryGetValue(name, out node);

    /// <summary>TryGetValue for a name given as part of a path, with the entry's own key string.</summary>
    internal bool TryGetValue(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out string key, [MaybeNullWhen(false)] out VNode node) =>
        _entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out key, out node);

    public bool Remove(string name)
    {
        ThrowIfFrozen();
        var removed = _entries.Remove(name);
        FileTree.Changed();
        return removed;
    }

    public void Clear()
    {
        ThrowIfFrozen();
        _entries.Clear();
        FileTree.Changed();
    }

    public Dictionary<string, VNode>.Enumerator GetEnumerator() => _entries.GetEnumerator();
    IEnumerator<KeyValuePair<string, VNode>> IEnumerable<KeyValuePair<string, VNode>>.GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();
}

/// <summary>The version of the shape of every file tree (entries added, replaced, removed; mounts).</summary>
public static class FileTree
{
    private static long s_version;

    /// <summary>Changes whenever any directory's entries or any container's mounts change (file contents do not count).</summary>
    public static long Version => Volatile.Read(ref s_version);

    // Interlocked: two containers changing their trees at once on different threads must both move the number.
    internal static void Changed() => Interlocked.Increment(ref s_version);
}
