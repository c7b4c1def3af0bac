using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.ReplicaSets;

/// <summary>
/// The pod informer's pods grouped by their controller's UID, plus the orphans (no controller reference): the only
/// pods a ReplicaSet can claim. Kept in step with the informer's Changed events, so a sync looks at its own pods and
/// the orphans instead of every pod of the namespace (O(pods x ReplicaSets) per burst of pod events otherwise).
/// Pods are keyed by their UID, which the api-server gives every pod and which never changes: no key string is built
/// per event (every watch event of every pod reaches this index twice, as its old and its new version).
/// </summary>
internal sealed class PodsByController
{
    private readonly Dictionary<string, Dictionary<string, Pod>> _byController = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> _orphans = new(StringComparer.Ordinal);

    public void Changed(KubeObject? oldObj, KubeObject? newObj)
    {
        if (oldObj is Pod old) Remove(old);
        if (newObj is Pod pod) Add(pod);
    }

    /// <summary>The pods controlled by <paramref name="uid"/>, then the orphans.</summary>
    public IEnumerable<Pod> Candidates(string? uid)
    {
        if (uid is not null && _byController.TryGetValue(uid, out var owned))
            foreach (var pod in owned.Values) yield return pod;
        foreach (var pod in _orphans.Values) yield return pod;
    }

    private static string KeyOf(Pod pod) => pod.Metadata?.Uid ?? ObjectKey.Of(pod);

    private void Add(Pod pod)
    {
        var key = KeyOf(pod);
        if (PodConditions.ControllerOf(pod)?.Uid is not { } uid)
        {
            _orphans[key] = pod;
            return;
        }
        if (!_byController.TryGetValue(uid, out var pods)) _byController[uid] = pods = new Dictionary<string, Pod>(StringComparer.Ordinal);
        pods[key] = pod;
    }

    private void Remove(Pod pod)
    {
        var key = KeyOf(pod);
        if (PodConditions.ControllerOf(pod)?.Uid is not { } uid)
        {
            _orphans.Remove(key);
            return;
        }
        if (_byController.TryGetValue(uid, out var pods) && pods.Remove(key) && pods.Count == 0) _byController.Remove(uid);
    }
}
