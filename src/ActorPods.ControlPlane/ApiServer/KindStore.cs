using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// All objects of one kind: by namespace then name (cluster-scoped kinds use namespace ""), pods also by spec.nodeName;
/// plus the kind's watch history and watchers, as kube-apiserver keeps one watch cache per resource.
/// </summary>
internal sealed class KindStore
{
    private static readonly Dictionary<string, StoredObject> Empty = new();

    private readonly Dictionary<string, Dictionary<string, StoredObject>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<StoredObject>> _byNode = new(StringComparer.Ordinal);

    public KindStore(KindInfo info, int historyCapacity)
    {
        Info = info;
        Behavior = KindBehavior.For(info);
        History = new WatchHistory(historyCapacity);
    }

    public KindInfo Info { get; }

    public KindBehavior Behavior { get; }

    public WatchHistory History { get; }

    public WatcherIndex Watchers { get; } = new();

    public int Count { get; private set; }

    public StoredObject? Find(string ns, string name) =>
        _byNamespace.TryGetValue(ns, out var names) && names.TryGetValue(name, out var e) ? e : null;

    /// <summary>Objects of one namespace (live view; do not modify the store while iterating).</summary>
    public IReadOnlyDictionary<string, StoredObject> InNamespace(string ns) => _byNamespace.GetValueOrDefault(ns) ?? Empty;

    public int CountIn(string ns) => _byNamespace.TryGetValue(ns, out var names) ? names.Count : 0;

    public IEnumerable<StoredObject> All()
    {
        foreach (var names in _byNamespace.Values)
        {
            foreach (var e in names.Values) yield return e;
        }
    }

    public IReadOnlyCollection<StoredObject> OnNode(string node) => _byNode.TryGetValue(node, out var set) ? set : [];

    /// <summary>Inserts or replaces the entry for its namespace/name, keeping the node index in step.</summary>
    public void Put(StoredObject entry, StoredObject? previous)
    {
        if (!_byNamespace.TryGetValue(entry.Namespace, out var names))
        {
            names = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
            _byNamespace[entry.Namespace] = names;
        }
        if (previous is null) Count++;
        else RemoveFromNode(previous);
        names[entry.Name] = entry;
        if (entry.NodeName is { } node)
        {
            if (!_byNode.TryGetValue(node, out var set)) _byNode[node] = set = new HashSet<StoredObject>(ReferenceEqualityComparer.Instance);
            set.Add(entry);
        }
    }

    public void Remove(StoredObject entry)
    {
        if (!_byNamespace.TryGetValue(entry.Namespace, out var names) || !names.Remove(entry.Name)) return;
        if (names.Count == 0) _byNamespace.Remove(entry.Namespace);
        Count--;
        RemoveFromNode(entry);
    }

    private void RemoveFromNode(StoredObject entry)
    {
        if (entry.NodeName is { } node && _byNode.TryGetValue(node, out var set))
        {
            set.Remove(entry);
            if (set.Count == 0) _byNode.Remove(node);
        }
    }
}
