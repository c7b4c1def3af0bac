using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>Set the pod's status (the PodWorker's latest generation). Base: the status the api-server had when first seen.</summary>
public sealed record SetPodStatus(string Uid, string Namespace, string Name, PodStatus Status, PodStatus? Base);

/// <summary>The pod finished terminating after a graceful delete: issue the kubelet's final DELETE (grace 0, UID precondition).</summary>
public sealed record DeletePodObject(string Uid, string Namespace, string Name);

/// <summary>The pod is gone from the api-server: forget it and never write it again.</summary>
public sealed record ForgetPod(string Uid);

/// <summary>A static pod: its statuses wait until its mirror pod exists (syncPod skips a static pod without one).</summary>
public sealed record HoldStatusUntilMirror(string Uid);

/// <summary>The static pod's mirror pod exists (again) with <paramref name="MirrorStatus"/>: write the latest status against it.</summary>
public sealed record MirrorPodPublished(string Uid, PodStatus? MirrorStatus);

/// <summary>The mirror pod's status as the api-server now has it (another writer may have changed it).</summary>
public sealed record MirrorPodObserved(string Uid, PodStatus? Status);

internal sealed record ReconcileMirrors
{
    public static readonly ReconcileMirrors Instance = new();
}

/// <summary>
/// The only writer of pod status (pkg/kubelet/status/status_manager.go): a JSON merge patch of status/ on every
/// change, computed against what it last wrote; and the final DELETE that removes a gracefully deleted pod.
/// </summary>
public sealed class StatusManagerActor : Actor
{
    private static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(10); // status_manager.go syncPeriod
    private readonly IActorRef _apiServer;
    private readonly Dictionary<string, JsonObject> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forgotten = new(StringComparer.Ordinal);
    // Static pods: their latest status (a recreated mirror gets all of it) and those whose mirror does not exist now.
    private readonly Dictionary<string, SetPodStatus> _staticLatest = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaitingMirror = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodStatus?> _mirrorObserved = new(StringComparer.Ordinal);

    public StatusManagerActor(IActorRef apiServer)
    {
        _apiServer = apiServer;
        Receive<SetPodStatus>(Set);
        Receive<HoldStatusUntilMirror>(m =>
        {
            _awaitingMirror.Add(m.Uid);
            _written.Remove(m.Uid);
            _mirrorObserved.Remove(m.Uid);
            if (!Timers.IsTimerActive("reconcile")) Timers.StartPeriodicTimer("reconcile", ReconcileMirrors.Instance, SyncPeriod);
        });
        Receive<MirrorPodObserved>(m =>
        {
            if (_staticLatest.ContainsKey(m.Uid) && !_awaitingMirror.Contains(m.Uid)) _mirrorObserved[m.Uid] = m.Status;
        });
        Receive<ReconcileMirrors>(_ => ReconcileMirrorStatuses());
        Receive<MirrorPodPublished>(OnMirrorPublished);
        Receive<DeletePodObject>(m =>
        {
            // canBeDeleted: a mirror pod is never deleted by the status manager.
            if (_forgotten.Contains(m.Uid) || _staticLatest.ContainsKey(m.Uid) || _awaitingMirror.Contains(m.Uid)) return;
            _apiServer.Tell(new Delete("Pod", m.Namespace, m.Name, 0, new Preconditions(Uid: m.Uid)), Self);
        });
        Receive<ForgetPod>(m =>
        {
            _written.Remove(m.Uid);
            _forgotten.Add(m.Uid);
            _staticLatest.Remove(m.Uid);
            _awaitingMirror.Remove(m.Uid);
            _mirrorObserved.Remove(m.Uid);
        });
        // Replies: a failed patch (e.g. the pod was deleted meanwhile) is dropped, as the kubelet only logs it.
        Receive<ObjectResult>(_ => { });
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new StatusManagerActor(apiServer));

    private void Set(SetPodStatus m)
    {
        if (_forgotten.Contains(m.Uid)) return;
        if (_awaitingMirror.Contains(m.Uid) || _staticLatest.ContainsKey(m.Uid)) _staticLatest[m.Uid] = m;
        if (_awaitingMirror.Contains(m.Uid)) return;
        var next = ToJson(m.Status);
        if (!_written.TryGetValue(m.Uid, out var previous)) previous = m.Base is null ? new JsonObject() : ToJson(m.Base);
        var diff = MergePatchDiff.Create(previous, next);
        _written[m.Uid] = next;
        if (diff.Count == 0) return;
        var patch = new JsonObject { ["status"] = diff };
        _apiServer.Tell(new Patch("Pod", m.Namespace, m.Name, patch.ToJsonString(), "status"), Self);
    }

    /// <summary>
    /// syncBatch's needsReconcile, for mirror pods (the only pods whose api-server status reaches the status manager
    /// here): every syncPeriod, a mirror whose status someone else changed (e.g. the node lifecycle controller's
    /// MarkPodsNotReady) gets the fields that differ from what the kubelet last wrote patched back.
    /// </summary>
    private void ReconcileMirrorStatuses()
    {
        foreach (var (uid, observed) in _mirrorObserved.ToList())
        {
            if (!_written.TryGetValue(uid, out var written) || !_staticLatest.TryGetValue(uid, out var latest)) continue;
            var diff = MergePatchDiff.Create(observed is null ? new JsonObject() : ToJson(observed), written);
            // Only what the kubelet owns: fields it never wrote stay as the api-server has them.
            foreach (var key in diff.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) diff.Remove(key);
            _mirrorObserved.Remove(uid);
            if (diff.Count == 0) continue;
            var patch = new JsonObject { ["status"] = diff };
            _apiServer.Tell(new Patch("Pod", latest.Namespace, latest.Name, patch.ToJsonString(), "status"), Self);
        }
    }

    private void OnMirrorPublished(MirrorPodPublished m)
    {
        if (_forgotten.Contains(m.Uid) || !_awaitingMirror.Remove(m.Uid)) return;
        if (!_staticLatest.TryGetValue(m.Uid, out var latest)) return;
        // The new mirror's status is what the api-server holds: the patch is everything that differs from it.
        _written[m.Uid] = m.MirrorStatus is null ? new JsonObject() : ToJson(m.MirrorStatus);
        Set(latest with { Base = null });
    }

    private static JsonObject ToJson(PodStatus status) =>
        JsonSerializer.SerializeToNode(status, KubeJson.Options) as JsonObject ?? new JsonObject();
}
