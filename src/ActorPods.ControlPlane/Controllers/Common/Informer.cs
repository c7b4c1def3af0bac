using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.Common;

/// <summary>
/// A controller's local cache of one kind, fed by one watch (client-go's shared informer, reduced to what one actor
/// needs). Objects are the api-server's shared snapshots: read-only, copy before changing.
/// </summary>
public sealed class Informer
{
    private readonly Dictionary<string, KubeObject> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, KubeObject>> _byNamespace = new(StringComparer.Ordinal);
    // Keys looked up as characters: a watch event or a Find for an object already cached makes no key string.
    private readonly Dictionary<string, KubeObject>.AlternateLookup<ReadOnlySpan<char>> _itemsByChars;

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

    public IEnumerable<KubeObject> Items => _items.Values;

    public IEnumerable<T> All<T>() where T : KubeObject => _items.Values.OfType<T>();

    /// <summary>The objects of one namespace (the informer's namespace index).</summary>
    public IEnumerable<T> InNamespace<T>(string? ns) where T : KubeObject =>
        _byNamespace.TryGetValue(ns ?? "", out var items) ? items.Values.OfType<T>() : [];

    public T? Find<T>(string? ns, string name) where T : KubeObject => Lookup(ns, name, out _) as T;

    public T? Find<T>(string key) where T : KubeObject => _items.GetValueOrDefault(key) as T;

    public T? Find<T>(ReadOnlySpan<char> key) where T : KubeObject => _itemsByChars.TryGetValue(key, out var value) ? value as T : null;

    internal void Apply(ActorPods.ControlPlane.ApiServer.WatchEventType type, KubeObject obj)
    {
        LastResourceVersion = obj.Metadata?.ResourceVersion ?? LastResourceVersion;
        var old = Lookup(obj.Metadata?.Namespace, obj.Metadata?.Name ?? "", out var cachedKey);
        var key = cachedKey ?? ObjectKey.Of(obj);
        var ns = obj.Metadata?.Namespace ?? "";
        if (type == ActorPods.ControlPlane.ApiServer.WatchEventType.Deleted)
        {
            _items.Remove(key);
            if (_byNamespace.TryGetValue(ns, out var set))
            {
                set.Remove(key);
                if (set.Count == 0) _byNamespace.Remove(ns);
            }
            Changed?.Invoke(old, null);
            return;
        }
        _items[key] = obj;
        if (!_byNamespace.TryGetValue(ns, out var items)) _byNamespace[ns] = items = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
        items[key] = obj;
        Changed?.Invoke(old, obj);
    }

    /// <summary>The cached object under <see cref="ObjectKey.Of(string?, string)"/>'s key, and that key as cached.</summary>
    private KubeObject? Lookup(string? ns, string name, out string? cachedKey)
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
