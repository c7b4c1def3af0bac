namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// A bounded map with string keys that forgets the least recently used key (groupcache/lru as client-go's event caches
/// use it). Keys may be looked up and added as characters: a key string is made only when a new key is stored.
/// </summary>
internal sealed class LruCache<TValue>
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly LinkedList<(string Key, TValue Value)> _order = new();

    public LruCache(int capacity)
    {
        _capacity = capacity;
        _byChars = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _map.Count;

    public bool TryGet(ReadOnlySpan<char> key, out TValue value)
    {
        if (_byChars.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> as the most recently used; returns the key as stored.</summary>
    public string Add(ReadOnlySpan<char> key, TValue value) =>
        _byChars.TryGetValue(key, out var node) ? Update(node, value) : Insert(key.ToString(), value);

    public string Add(string key, TValue value) => _map.TryGetValue(key, out var node) ? Update(node, value) : Insert(key, value);

    private string Update(LinkedListNode<(string Key, TValue Value)> node, TValue value)
    {
        _order.Remove(node);
        node.Value = (node.Value.Key, value);
        _order.AddFirst(node);
        return node.Value.Key;
    }

    private string Insert(string key, TValue value)
    {
        _map[key] = _order.AddFirst((key, value));
        if (_map.Count > _capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }
        return key;
    }
}
