namespace ActorPods.ControlPlane.ApiServer;

/// <summary>A bounded map that forgets the least recently used key (groupcache/lru as client-go's event caches use it).</summary>
internal sealed class LruCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = new();
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();

    public int Count => _map.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Add(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            node.Value = (key, value);
            _order.AddFirst(node);
            return;
        }
        _map[key] = _order.AddFirst((key, value));
        if (_map.Count > capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }
    }
}
