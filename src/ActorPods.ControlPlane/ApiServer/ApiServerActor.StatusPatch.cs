namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    /// <summary>A status write naming only the status, done on the status alone (<see cref="StatusSplice"/>); null when
    /// the patch is anything else, for the general path.</summary>
    private ObjectResult? TryStatusOnlyPatch(KindStore store, StoredObject old, string patchJson) =>
        store.Behavior.StatusMember is { } member && StatusSplice.Patch(old, member, patchJson, _merged) is { } next
            ? ApplyUpdate(store, old, next, "status", shared: true, statusOnly: true)
            : null;
}
