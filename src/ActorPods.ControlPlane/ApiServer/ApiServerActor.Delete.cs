using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    /// <summary>The API default of spec.terminationGracePeriodSeconds (used when admission did not default it).</summary>
    private const long DefaultTerminationGracePeriodSeconds = 30;

    private ObjectResult HandleDelete(Delete m)
    {
        var store = StoreFor(m.Kind);
        if (store is null) return Fail(UnknownKind(m.Kind));
        var entry = store.Find(NamespaceKey(store, m.Namespace), m.Name);
        if (entry is null) return Fail(ApiErrors.NotFound(store.Info, m.Name));
        if (PreconditionFailure(store, entry, m.Preconditions) is { } failed) return Fail(failed);
        if (store == _namespaces) return DeleteNamespace(entry);
        return Ok(DeleteObject(store, entry, m.GracePeriodSeconds));
    }

    /// <summary>rest.BeforeDelete's precondition check (staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go).</summary>
    private static ApiStatus? PreconditionFailure(KindStore store, StoredObject entry, Preconditions? p)
    {
        if (p is null) return null;
        var meta = entry.Object.Meta;
        if (p.Uid is { } uid && uid != meta.Uid)
        {
            return ApiErrors.Conflict(store.Info, entry.Name,
                $"the UID in the precondition ({uid}) does not match the UID in record ({meta.Uid}). The object might have been deleted and then recreated");
        }
        if (p.ResourceVersion is { } rv && rv != meta.ResourceVersion)
        {
            return ApiErrors.Conflict(store.Info, entry.Name,
                $"the ResourceVersion in the precondition ({rv}) does not match the ResourceVersion in record ({meta.ResourceVersion}). The object might have been modified");
        }
        return null;
    }

    /// <summary>
    /// The generic registry's Delete: rest.BeforeDelete decides graceful / pending, the pod strategy's
    /// CheckGracefulDelete picks the grace (pkg/registry/core/pod/strategy.go), finalizers hold the object with a
    /// deletionTimestamp, and anything else is removed at once. Returns a private copy of the resulting object.
    /// </summary>
    private KubeObject DeleteObject(KindStore store, StoredObject entry, long? gracePeriodSeconds)
    {
        var obj = entry.Edit();
        var meta = obj.Meta;
        // Negative grace periods mean 1 s on the delete path.
        if (gracePeriodSeconds < 0) gracePeriodSeconds = 1;
        if (meta.DeletionGracePeriodSeconds < 0) meta.DeletionGracePeriodSeconds = 1;

        var graceful = false;
        var pending = false;
        if (store.Behavior.IsGraceful)
        {
            if (meta.DeletionTimestamp is { } deletionTimestamp)
            {
                if (meta.DeletionGracePeriodSeconds is { } current and not 0)
                {
                    if (gracePeriodSeconds is { } shorter && shorter < current)
                    {
                        // Only a shorter grace may be given; the deadline moves relative to the first request.
                        meta.DeletionTimestamp = deletionTimestamp.AddSeconds(-current).AddSeconds(shorter);
                        meta.DeletionGracePeriodSeconds = shorter;
                        graceful = true;
                    }
                    else pending = true;
                }
            }
            else
            {
                var pod = (Pod)obj;
                var period = gracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? DefaultTerminationGracePeriodSeconds;
                // Not scheduled, or already terminal: nothing runs that could need a grace period.
                if (string.IsNullOrEmpty(pod.Spec?.NodeName)) period = 0;
                if (pod.Status?.Phase is "Succeeded" or "Failed") period = 0;
                meta.DeletionTimestamp = Context.Now.AddSeconds(period);
                meta.DeletionGracePeriodSeconds = period;
                if (meta.Generation > 0) meta.Generation++;
                graceful = true;
            }
        }

        if (pending) return entry.Copy();
        var hasFinalizers = meta.Finalizers is { Count: > 0 };
        if (graceful)
        {
            if (meta.DeletionGracePeriodSeconds == 0 && !hasFinalizers) return Remove(store, entry);
            Commit(store, obj, entry, WatchEventType.Modified);
            return obj;
        }
        if (hasFinalizers)
        {
            // markAsDeleting: deletionTimestamp now (kept if set) and no grace, so the last finalizer's removal deletes it.
            if (meta.DeletionTimestamp is not null && meta.DeletionGracePeriodSeconds == 0) return entry.Copy();
            meta.DeletionTimestamp ??= Context.Now;
            meta.DeletionGracePeriodSeconds = 0;
            Commit(store, obj, entry, WatchEventType.Modified);
            return obj;
        }
        return Remove(store, entry);
    }
}
