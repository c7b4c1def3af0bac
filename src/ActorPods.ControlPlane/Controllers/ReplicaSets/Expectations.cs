namespace ActorPods.ControlPlane.Controllers.ReplicaSets;

/// <summary>
/// ControllerExpectations / UIDTrackingControllerExpectations (pkg/controller/controller_utils.go): the creates and
/// deletes a ReplicaSet has asked for but not yet seen in its watch. While any are outstanding the controller does not
/// create or delete more, so a stale cache never makes it act twice.
/// </summary>
internal sealed class Expectations
{
    private readonly Dictionary<string, (HashSet<string> Creates, HashSet<string> Deletes)> _byKey = new(StringComparer.Ordinal);

    public bool Satisfied(string key) =>
        !_byKey.TryGetValue(key, out var e) || (e.Creates.Count == 0 && e.Deletes.Count == 0);

    public void ExpectCreate(string key, string podName) => For(key).Creates.Add(podName);

    public void ExpectDelete(string key, string podUid) => For(key).Deletes.Add(podUid);

    /// <summary>Returns true when this observation satisfied an outstanding expectation.</summary>
    public bool CreationObserved(string key, string podName) => _byKey.TryGetValue(key, out var e) && e.Creates.Remove(podName);

    public bool DeletionObserved(string key, string podUid) => _byKey.TryGetValue(key, out var e) && e.Deletes.Remove(podUid);

    public void Forget(string key) => _byKey.Remove(key);

    private (HashSet<string> Creates, HashSet<string> Deletes) For(string key)
    {
        if (!_byKey.TryGetValue(key, out var e)) _byKey[key] = e = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        return e;
    }
}
