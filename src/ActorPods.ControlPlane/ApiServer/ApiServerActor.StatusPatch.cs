using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    /// <summary>A status write naming only the status, done on the status alone (<see cref="MemberSplice"/>); null when
    /// the patch is anything else, for the general path.</summary>
    private ObjectResult? TryStatusOnlyPatch(KindStore store, StoredObject old, Patch patch)
    {
        if (store.Behavior.StatusMember is not { } member) return null;
        // The sender's own account of the patch, when it was diffed against what is stored: its result as it is.
        if (patch.Edit is { } edit && MemberSplice.Edited(old, member, edit) is { } edited)
            return ApplyUpdate(store, old, edited, "status", shared: true, splicedMember: member, memberEncoding: edit.To);
        return MemberSplice.Patch(old, member, patch.PatchJson, _merged) is { } next
            ? ApplyUpdate(store, old, next, "status", shared: true, splicedMember: member)
            : null;
    }

    /// <summary>A main-resource write naming only the spec of a kind that allows it (<see cref="KindBehavior.SpecMember"/>:
    /// lease renewals), done on the spec alone; null when the patch is anything else, for the general path.</summary>
    private ObjectResult? TrySpecOnlyPatch(KindStore store, StoredObject old, string patchJson) =>
        store.Behavior.SpecMember is { } member && MemberSplice.Patch(old, member, patchJson, _merged) is { } next
            ? ApplyUpdate(store, old, next, null, shared: true, splicedMember: member)
            : null;

    /// <summary>A main-resource Update that changes only the spec of a kind that allows it (<see cref="KindBehavior.SpecMember"/>:
    /// a kubelet's lease renewal), done on the spec alone (<see cref="MemberSplice.Update"/>); null when it is anything
    /// else, or names an older resourceVersion, for the general path (which answers the Conflict).</summary>
    private ObjectResult? TrySpecOnlyUpdate(KindStore store, StoredObject old, KubeObject incoming)
    {
        if (store.Behavior.SpecMember is not { } member) return null;
        if (incoming.Metadata?.ResourceVersion is { Length: > 0 } wanted && wanted != old.ResourceVersionText) return null;
        return MemberSplice.Update(old, member, incoming, _encodeScratch) is { } next
            ? ApplyUpdate(store, old, next, null, shared: true, splicedMember: member)
            : null;
    }
}
