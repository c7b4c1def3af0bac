using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

// The pods/binding subresource: BindingREST.Create and setPodHostAndAnnotations in
// pkg/registry/core/pod/storage/storage.go.
public sealed partial class ApiServerActor
{
    private ObjectResult HandleBind(Bind m)
    {
        var store = _storesByType[typeof(Pod)];
        var entry = store.Find(NamespaceKey(store, m.Namespace), m.Name);
        if (entry is null) return Fail(ApiErrors.NotFound(store.Info, m.Name));
        var meta = entry.Object.Meta;
        // Storage preconditions, worded as the storage layer words them.
        if (m.Uid is { Length: > 0 } uid && uid != meta.Uid)
        {
            return Fail(ApiErrors.Conflict(store.Info, m.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {meta.Uid}"));
        }
        if (m.ResourceVersion is { Length: > 0 } rv && rv != meta.ResourceVersion)
        {
            return Fail(ApiErrors.Conflict(store.Info, m.Name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {meta.ResourceVersion}"));
        }
        var current = (Pod)entry.Object;
        if (meta.DeletionTimestamp is not null) return Fail(BindingConflict(m.Name, $"pod {m.Name} is being deleted, cannot be assigned to a host"));
        if (!string.IsNullOrEmpty(current.Spec?.NodeName))
        {
            return Fail(BindingConflict(m.Name, $"pod {m.Name} is already assigned to node \"{current.Spec.NodeName}\""));
        }

        var pod = (Pod)entry.Edit();
        pod.Spec ??= new PodSpec();
        pod.Spec.NodeName = m.NodeName;
        pod.Status ??= new PodStatus();
        pod.Status.Conditions ??= [];
        // podutil.UpdatePodCondition: the condition is replaced; its transition time moves only if the status changes.
        var scheduled = new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Context.Now };
        var index = pod.Status.Conditions.FindIndex(c => c.Type == "PodScheduled");
        if (index < 0) pod.Status.Conditions.Add(scheduled);
        else
        {
            if (pod.Status.Conditions[index].Status == "True") scheduled.LastTransitionTime = pod.Status.Conditions[index].LastTransitionTime;
            pod.Status.Conditions[index] = scheduled;
        }
        Commit(store, pod, entry, WatchEventType.Modified);
        return Ok(pod);
    }

    // The binding's conflicts name the subresource: Operation cannot be fulfilled on pods/binding "x": ...
    private static readonly Api.Serialization.KindInfo PodBindings = new("", "v1", "Binding", "pods/binding", true, typeof(Pod), []);

    private static ApiStatus BindingConflict(string name, string detail) => ApiErrors.Conflict(PodBindings, name, detail);
}
