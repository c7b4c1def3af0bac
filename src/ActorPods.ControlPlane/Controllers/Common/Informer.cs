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

    internal Informer(string kind, string? ns, string? fieldSelector)
    {
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

    public T? Find<T>(string? ns, string name) where T : KubeObject => _items.GetValueOrDefault(ObjectKey.Of(ns, name)) as T;

    public T? Find<T>(string key) where T : KubeObject => _items.GetValueOrDefault(key) as T;

    internal void Apply(ActorPods.ControlPlane.ApiServer.WatchEventType type, KubeObject obj)
    {
        LastResourceVersion = obj.Metadata?.ResourceVersion ?? LastResourceVersion;
        var key = ObjectKey.Of(obj);
        _items.TryGetValue(key, out var old);
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
