using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

// The pods/eviction subresource: EvictionREST.Create in pkg/registry/core/pod/storage/eviction.go (v1.32).
// PodDisruptionBudgets are not modelled (the kind does not exist here), so every eviction is allowed: the path taken is
// the one of a pod no budget selects — the DisruptionTarget condition is added, then the pod is deleted with the
// eviction's deleteOptions.
public sealed partial class ApiServerActor
{
    private ObjectResult HandleEvict(Evict m)
    {
        var store = _storesByType[typeof(Pod)];
        var entry = store.Find(NamespaceKey(store, m.Namespace), m.Name);
        if (entry is null) return Fail(ApiErrors.NotFound(store.Info, m.Name));
        // addConditionAndDeletePod checks the preconditions against the latest pod before adding the condition.
        if (PreconditionFailure(store, entry, m.Preconditions) is { } failed) return Fail(failed);
        entry = AddDisruptionTarget(store, entry);
        return Ok(DeleteObject(store, entry, m.GracePeriodSeconds));
    }

    /// <summary>
    /// podutil.UpdatePodCondition with DisruptionTarget=True (reason EvictionByEvictionAPI, message "Eviction API:
    /// evicting"; feature PodDisruptionConditions, GA in 1.31): no write when the condition is already so.
    /// </summary>
    private StoredObject AddDisruptionTarget(KindStore store, StoredObject entry)
    {
        const string reason = "EvictionByEvictionAPI", message = "Eviction API: evicting";
        var existing = ((Pod)entry.Object).Status?.Conditions?.FirstOrDefault(c => c.Type == "DisruptionTarget");
        if (existing is { Status: "True", Reason: reason, Message: message }) return entry;
        var pod = (Pod)entry.Edit();
        pod.Status ??= new PodStatus();
        pod.Status.Conditions ??= [];
        var condition = new PodCondition { Type = "DisruptionTarget", Status = "True", Reason = reason, Message = message, LastTransitionTime = Context.Now };
        var index = pod.Status.Conditions.FindIndex(c => c.Type == "DisruptionTarget");
        if (index < 0) pod.Status.Conditions.Add(condition);
        else
        {
            // The transition time moves only when the status changes.
            if (pod.Status.Conditions[index].Status == "True") condition.LastTransitionTime = pod.Status.Conditions[index].LastTransitionTime;
            pod.Status.Conditions[index] = condition;
        }
        return Commit(store, pod, entry, WatchEventType.Modified);
    }
}
