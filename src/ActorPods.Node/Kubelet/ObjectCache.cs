using System.Collections.Immutable;
using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// The kubelet's informer caches of ConfigMaps and Secrets (fed by its own watches). Written only by the KubeletActor,
/// read by its PodWorkers: each write swaps an immutable map, so readers need no lock.
/// </summary>
public sealed class ObjectCache
{
    private ImmutableDictionary<string, ConfigMap> _configMaps = ImmutableDictionary<string, ConfigMap>.Empty;
    private ImmutableDictionary<string, Secret> _secrets = ImmutableDictionary<string, Secret>.Empty;

    public ConfigMap? ConfigMap(string ns, string name) => Volatile.Read(ref _configMaps).GetValueOrDefault(ns + "/" + name);

    public Secret? Secret(string ns, string name) => Volatile.Read(ref _secrets).GetValueOrDefault(ns + "/" + name);

    internal void Put(KubeObject obj)
    {
        var key = (obj.Meta.Namespace ?? "default") + "/" + obj.Meta.Name;
        if (obj is ConfigMap cm) Volatile.Write(ref _configMaps, _configMaps.SetItem(key, cm));
        else if (obj is Secret s) Volatile.Write(ref _secrets, _secrets.SetItem(key, s));
    }

    internal void Remove(KubeObject obj)
    {
        var key = (obj.Meta.Namespace ?? "default") + "/" + obj.Meta.Name;
        if (obj is ConfigMap) Volatile.Write(ref _configMaps, _configMaps.Remove(key));
        else if (obj is Secret) Volatile.Write(ref _secrets, _secrets.Remove(key));
    }

    /// <summary>A relist: the cache of <paramref name="kind"/> becomes exactly <paramref name="items"/>.</summary>
    internal void Replace(string kind, IEnumerable<KubeObject> items)
    {
        static string Key(KubeObject o) => (o.Meta.Namespace ?? "default") + "/" + o.Meta.Name;
        if (kind == "ConfigMap")
            Volatile.Write(ref _configMaps, items.OfType<ConfigMap>().ToImmutableDictionary(Key, o => o));
        else if (kind == "Secret")
            Volatile.Write(ref _secrets, items.OfType<Secret>().ToImmutableDictionary(Key, o => o));
    }
}
