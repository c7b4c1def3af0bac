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
        if (_namespaces.Find("", ns) is { } namespaceEntry) ReportRemainingContent(namespaceEntry);
    }

    private static readonly (string Type, string OkReason, string OkMessage)[] DeletionConditions =
    [
        ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
        ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        ("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
        ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ];

    /// <summary>
    /// The namespace controller's status conditions while content remains (namespaceConditionUpdater in
    /// pkg/controller/namespace/deletion/status_condition_utils.go): what `kubectl describe ns` shows.
    /// </summary>
    private void ReportRemainingContent(StoredObject entry)
    {
        var ns = entry.Name;
        var resources = new List<string>();
        var finalizers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var store in _namespacedStores)
        {
            var count = store.CountIn(ns);
            if (count == 0) continue;
            resources.Add($"{store.Info.Plural}.{store.Info.Group} has {count} resource instances");
            foreach (var item in store.InNamespace(ns).Values)
            {
                foreach (var f in item.Object.Metadata?.Finalizers ?? []) finalizers[f] = finalizers.GetValueOrDefault(f) + 1;
            }
        }
        resources.Sort(StringComparer.Ordinal);
        var byFinalizer = finalizers.Select(kv => $"{kv.Key} in {kv.Value} resource instances").Order(StringComparer.Ordinal).ToList();
        var failing = new Dictionary<string, (string Reason, string Message)>();
        if (resources.Count > 0) failing["NamespaceContentRemaining"] = ("SomeResourcesRemain", "Some resources are remaining: " + string.Join(", ", resources));
        if (byFinalizer.Count > 0)
        {
            failing["NamespaceFinalizersRemaining"] =
                ("SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + string.Join(", ", byFinalizer));
        }

        var updated = (Namespace)entry.Copy();
        updated.Status ??= new NamespaceStatus();
        var conditions = updated.Status.Conditions ??= [];
        var changed = false;
        foreach (var (type, okReason, okMessage) in DeletionConditions)
        {
            var (status, reason, message) = failing.TryGetValue(type, out var f) ? ("True", f.Reason, f.Message) : ("False", okReason, okMessage);
            var existing = conditions.Find(c => c.Type == type);
            if (existing is null)
            {
                conditions.Add(new Condition { Type = type, Status = status, LastTransitionTime = Context.Now, Reason = reason, Message = message });
                changed = true;
            }
            else if (existing.Status != status || existing.Reason != reason || existing.Message != message)
            {
                if (existing.Status != status) existing.LastTransitionTime = Context.Now;
                (existing.Status, existing.Reason, existing.Message) = (status, reason, message);
                changed = true;
            }
        }
        if (changed) Commit(_namespaces, updated, entry, WatchEventType.Modified);
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
