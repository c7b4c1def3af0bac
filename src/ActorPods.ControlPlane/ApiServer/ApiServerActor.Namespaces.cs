using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

// Namespace deletion as the namespace registry (pkg/registry/core/namespace/storage/storage.go) and the namespace
// controller (pkg/controller/namespace/deletion) do it together: the namespace goes Terminating, its content is deleted
// (pods gracefully, so they wait for their kubelets), and once it is empty the "kubernetes" finalizer is removed and
// the namespace disappears.
public sealed partial class ApiServerActor
{
    private ObjectResult DeleteNamespace(StoredObject entry)
    {
        var name = entry.Name;
        if (_options.ImmortalNamespaces.Contains(name))
        {
            return Fail(ApiErrors.Forbidden(_namespaces.Info, name, "this namespace may not be deleted"));
        }
        if (entry.Object.Metadata?.DeletionTimestamp is not null)
        {
            return Fail(ApiErrors.Conflict(_namespaces.Info, name,
                "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system."));
        }
        var ns = (Namespace)entry.Copy();
        ns.Meta.DeletionTimestamp = Context.Now;
        ns.Status ??= new NamespaceStatus();
        ns.Status.Phase = "Terminating";
        Commit(_namespaces, ns, entry, WatchEventType.Modified);
        // The controller works after the request returns, as the real one reacts to the watch event.
        Self.Tell(new PurgeNamespace(name), Self);
        return Ok(ns);
    }

    private void Purge(string ns)
    {
        foreach (var store in _namespacedStores)
        {
            if (store.CountIn(ns) == 0) continue;
            var entries = store.InNamespace(ns).Values.ToArray();
            foreach (var entry in entries)
            {
                // Re-read: an earlier deletion may have changed or removed it.
                if (store.Find(ns, entry.Name) is { } current) DeleteObject(store, current, null);
            }
        }
        FinalizeNamespaceIfEmpty(ns);
    }

    private void FinalizeNamespaceIfEmpty(string ns)
    {
        if (_objectsInNamespace.ContainsKey(ns)) return;
        var entry = _namespaces.Find("", ns);
        if (entry?.Object.Metadata?.DeletionTimestamp is null) return;
        var finalized = (Namespace)entry.Copy();
        if (finalized.Spec?.Finalizers is { Count: > 0 })
        {
            finalized.Spec.Finalizers = null;
            entry = Commit(_namespaces, finalized, entry, WatchEventType.Modified);
        }
        Remove(_namespaces, entry);
    }
}
