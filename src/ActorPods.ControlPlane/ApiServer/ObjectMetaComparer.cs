using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// Whether two objects' metadata are the same but for the resourceVersion, compared member by member (no encoding):
/// what lets an Update that changes nothing but a lease's spec be done on the spec alone (<see cref="MemberSplice.Update"/>).
/// Exact equality, so it may call different two encodings that are equal on the wire (a sub-second timestamp): the
/// write then takes the general path, which is never wrong. managedFields are compared only when both have none.
/// </summary>
internal static class ObjectMetaComparer
{
    /// <summary>The JSON members of ObjectMeta this compares (a test checks the model has no other).</summary>
    internal static readonly string[] Compared =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    /// <summary>The JSON members of OwnerReference that <see cref="SameOwners"/> compares.</summary>
    internal static readonly string[] ComparedOwnerReference = ["apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"];

    public static bool SameExceptResourceVersion(ObjectMeta a, ObjectMeta b) =>
        a.Name == b.Name && a.GenerateName == b.GenerateName && a.Namespace == b.Namespace && a.SelfLink == b.SelfLink
        && a.Uid == b.Uid && a.Generation == b.Generation
        && a.CreationTimestamp == b.CreationTimestamp && a.DeletionTimestamp == b.DeletionTimestamp
        && a.DeletionGracePeriodSeconds == b.DeletionGracePeriodSeconds
        && SameMap(a.Labels, b.Labels) && SameMap(a.Annotations, b.Annotations)
        && SameOwners(a.OwnerReferences, b.OwnerReferences) && SameStrings(a.Finalizers, b.Finalizers)
        && a.ManagedFields is null or { Count: 0 } && b.ManagedFields is null or { Count: 0 }
        && (a.ManagedFields is null) == (b.ManagedFields is null);

    private static bool SameMap(Dictionary<string, string>? a, Dictionary<string, string>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || other != value) return false;
        return true;
    }

    private static bool SameStrings(List<string>? a, List<string>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    /// <summary>Whether two owner reference lists are the same, in order.</summary>
    public static bool SameOwners(List<OwnerReference>? a, List<OwnerReference>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x.ApiVersion != y.ApiVersion || x.Kind != y.Kind || x.Name != y.Name || x.Uid != y.Uid
                || x.Controller != y.Controller || x.BlockOwnerDeletion != y.BlockOwnerDeletion) return false;
        }
        return true;
    }
}
