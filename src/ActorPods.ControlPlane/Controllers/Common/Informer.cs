using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.Common;

/// <summary>
/// A controller's local cache of one kind, fed by one watch (client-go's shared informer, reduced to what one actor
/// needs). Objects are the api-server's shared snapshots: read-only, copy before changing.
/// </summary>
public sealed class Informer
{
    // Both indexes hold the same slot per object, so a modification (most watch events) replaces the object in the slot
    // found by one lookup instead of writing it into both dictionaries again.
    private readonly Dictionary<string, Slot> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Slot>> _byNamespace = new(StringComparer.Ordinal);
    // Keys looked up as characters: a watch event or a Find for an object already cached makes no key string.
    private readonly Dictionary<string, Slot>.AlternateLookup<ReadOnlySpan<char>> _itemsByChars;

    private sealed class Slot(KubeObject obj)
    {
        public KubeObject Object = obj;
    }

    internal Informer(string kind, string? ns, string? fieldSelector)
    {
        _itemsByChars = _items.GetAlternateLookup<ReadOnlySpan<char>>();
        Kind = kind;
        Namespace = ns;
        FieldSelector = fieldSelector;
    }

    public string Kind { get; }

    public string? Namespace { get; }

    public string? FieldSelector { get; }

    /// <summary>Called with (old, new) after every change: old null on add, new null on delete.</summary>
    public event Action<KubeObject?, KubeObject?>? Changed;

    internal long WatchId { get; set; }

    internal string? LastResourceVersion { get; set; }

    public int Count => _items.Count;

    public IEnumerable<KubeObject> Items => Objects<KubeObject>(_items.Values);

    public IEnumerable<T> All<T>() where T : KubeObject => Objects<T>(_items.Values);

    /// <summary>The objects of one namespace (the informer's namespace index).</summary>
    public IEnumerable<T> InNamespace<T>(string? ns) where T : KubeObject =>
        _byNamespace.TryGetValue(ns ?? "", out var items) ? Objects<T>(items.Values) : [];

    public T? Find<T>(string? ns, string name) where T : KubeObject => Lookup(ns, name, out _)?.Object as T;

    public T? Find<T>(string key) where T : KubeObject => _items.TryGetValue(key, out var slot) ? slot.Object as T : null;

    public T? Find<T>(ReadOnlySpan<char> key) where T : KubeObject => _itemsByChars.TryGetValue(key, out var slot) ? slot.Object as T : null;

    private static IEnumerable<T> Objects<T>(Dictionary<string, Slot>.ValueCollection slots) where T : KubeObject
    {
        foreach (var slot in slots)
            if (slot.Object is T obj) yield return obj;
    }

    internal void Apply(ActorPods.ControlPlane.ApiServer.WatchEventType type, KubeObject obj)
    {
        LastResourceVersion = obj.Metadata?.ResourceVersion ?? LastResourceVersion;
        var slot = Lookup(obj.Metadata?.Namespace, obj.Metadata?.Name ?? "", out var cachedKey);
        var old = slot?.Object;
        if (type == ActorPods.ControlPlane.ApiServer.WatchEventType.Deleted)
        {
            // The delete of an object this cache never had reaches no handler: client-go's DeltaFIFO.Delete
            // (tools/cache/delta_fifo.go) returns early when the object is neither queued nor in the known objects.
            // Handlers read the old object of a delete (`old!`).
            if (slot is null) return;
            var ns = obj.Metadata?.Namespace ?? "";
            _items.Remove(cachedKey!);
            if (_byNamespace.TryGetValue(ns, out var set))
            {
                set.Remove(cachedKey!);
                if (set.Count == 0) _byNamespace.Remove(ns);
            }
            Changed?.Invoke(old, null);
            return;
        }
        if (slot is not null)
        {
            slot.Object = obj;
        }
        else
        {
            var key = ObjectKey.Of(obj);
            var ns = obj.Metadata?.Namespace ?? "";
            slot = new Slot(obj);
            _items[key] = slot;
            if (!_byNamespace.TryGetValue(ns, out var items)) _byNamespace[ns] = items = new Dictionary<string, Slot>(StringComparer.Ordinal);
            items[key] = slot;
        }
        Changed?.Invoke(old, obj);
    }

    /// <summary>The cached object's slot under <see cref="ObjectKey.Of(string?, string)"/>'s key, and that key as cached.</summary>
    private Slot? Lookup(string? ns, string name, out string? cachedKey)
    {
        if (string.IsNullOrEmpty(ns))
        {
            cachedKey = _items.TryGetValue(name, out var found) ? name : null;
            return found;
        }
        var length = ns.Length + 1 + name.Length;
        Span<char> chars = length <= 256 ? stackalloc char[length] : new char[length];
        ns.CopyTo(chars);
        chars[ns.Length] = '/';
        name.CopyTo(chars[(ns.Length + 1)..]);
        if (_itemsByChars.TryGetValue(chars, out var key, out var value))
        {
            cachedKey = key;
            return value;
        }
        cachedKey = null;
        return null;
    }
}

/// <summary>Cache keys as client-go's MetaNamespaceKeyFunc writes them: "ns/name", or "name" for cluster-scoped objects.</summary>
public static class ObjectKey
{
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    public static string Of(KubeObject obj) => Of(obj.Metadata?.Namespace, obj.Metadata?.Name ?? "");

    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }
}
