using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

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

        // podutil.UpdatePodCondition: the condition is replaced; its transition time moves only if the status changes.
        var conditions = current.Status?.Conditions;
        var index = conditions?.FindIndex(c => c.Type == "PodScheduled") ?? -1;
        // As the wire gives it (a condition's time has whole seconds), so that the bound pod equals a decode of its bytes.
        // A condition is strings and a time: always copied member-wise (BindingSpec would fail if it were not).
        var scheduled = (PodCondition)WireCopy.TryCopy(new PodCondition
        {
            Type = "PodScheduled", Status = "True",
            LastTransitionTime = index >= 0 && conditions![index].Status == "True" ? conditions[index].LastTransitionTime : Context.Now,
        }, typeof(PodCondition))!;

        // The bound pod becomes the next snapshot as it is: new objects only on the way to the two changes (the pod, its
        // metadata, spec and status, the condition list), everything else the stored snapshot's own, shared read-only.
        // The reply copies it from the bytes only if the caller reads Object (the scheduler does not).
        var pod = SnapshotDecoder.Shallow(current);
        pod.Metadata = SnapshotDecoder.Shallow(current.Meta);
        pod.Spec = current.Spec is null ? new PodSpec() : SnapshotDecoder.Shallow(current.Spec);
        pod.Spec.NodeName = m.NodeName;
        pod.Status = current.Status is null ? new PodStatus() : SnapshotDecoder.Shallow(current.Status);
        pod.Status.Conditions = conditions is null ? [] : [.. conditions];
        if (index < 0) pod.Status.Conditions.Add(scheduled);
        else pod.Status.Conditions[index] = scheduled;
        return new ObjectResult(Commit(store, pod, entry, WatchEventType.Modified, asSnapshot: true));
    }

    // The binding's conflicts name the subresource: Operation cannot be fulfilled on pods/binding "x": ...
    private static readonly Api.Serialization.KindInfo PodBindings = new("", "v1", "Binding", "pods/binding", true, typeof(Pod), []);

    private static ApiStatus BindingConflict(string name, string detail) => ApiErrors.Conflict(PodBindings, name, detail);
}
