namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// A kind's watchers, indexed so a change visits only those that can care: pod watches pinned to a node by node name,
/// namespaced watches by namespace, the rest in one list. Lists, not LINQ: this is the fan-out hot path.
/// </summary>
internal sealed class WatcherIndex
{
    private readonly List<WatchSubscription> _unindexed = new();
    private readonly Dictionary<string, List<WatchSubscription>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WatchSubscription>> _byNode = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(WatchSubscription s)
    {
        ListFor(s, create: true)!.Add(s);
        Count++;
    }

    public void Remove(WatchSubscription s)
    {
        var list = ListFor(s, create: false);
        if (list is null || !list.Remove(s)) return;
        Count--;
        if (list.Count == 0)
        {
            if (s.NodeTrigger is { } node) _byNode.Remove(node);
            else if (s.Namespace is { } ns) _byNamespace.Remove(ns);
        }
    }

    /// <summary>Calls <paramref name="visit"/> once for each watcher that may care about a change in
    /// <paramref name="ns"/> touching nodes <paramref name="node"/>/<paramref name="previousNode"/>.</summary>
    public void ForCandidates<TState>(string ns, string? node, string? previousNode, ref TState state, Visitor<TState> visit)
    {
        if (Count == 0) return;
        Visit(_unindexed, ref state, visit);
        if (_byNamespace.TryGetValue(ns, out var inNs)) Visit(inNs, ref state, visit);
        if (node is not null && _byNode.TryGetValue(node, out var onNode)) Visit(onNode, ref state, visit);
        if (previousNode is not null && previousNode != node && _byNode.TryGetValue(previousNode, out var onPrev)) Visit(onPrev, ref state, visit);
    }

    public delegate void Visitor<TState>(WatchSubscription s, ref TState state);

    private static void Visit<TState>(List<WatchSubscription> list, ref TState state, Visitor<TState> visit)
    {
        // Indexing, not foreach: a visitor never changes the lists, but this avoids the enumerator's version checks.
        for (var i = 0; i < list.Count; i++) visit(list[i], ref state);
    }

    private List<WatchSubscription>? ListFor(WatchSubscription s, bool create)
    {
        Dictionary<string, List<WatchSubscription>> dict;
        string key;
        if (s.NodeTrigger is { } node)
        {
            dict = _byNode;
            key = node;
        }
        else if (s.Namespace is { } ns)
        {
            dict = _byNamespace;
            key = ns;
        }
        else return _unindexed;
        if (dict.TryGetValue(key, out var list)) return list;
        if (!create) return null;
        return dict[key] = new List<WatchSubscription>();
    }
}
