using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Config;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// Static pods: the pods of the node's staticPodPath run from the kubelet's own source, without the api-server, and
/// are published as mirror pods (pkg/kubelet/kubelet.go tryReconcileMirrorPods, pkg/kubelet/pod/mirror_client.go).
/// A mirror pod that is being deleted or does not match its static pod is deleted (grace 0, uid precondition) and
/// created again; the static pod's containers never notice. A mirror pod whose static pod is gone is deleted by
/// housekeeping once that pod finished terminating (HandlePodCleanups, every 2 s).
/// </summary>
public sealed partial class KubeletActor
{
    private static readonly TimeSpan HousekeepingPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MirrorRequestTimeout = TimeSpan.FromSeconds(10);

    private sealed class StaticPodEntry(Pod pod)
    {
        public Pod Pod { get; } = pod;
        public string Uid => Pod.Meta.Uid!;
        public string? MirrorUid { get; set; }
        public bool Creating { get; set; }

        /// <summary>The manifest is gone: the pod is terminating and its mirror will be deleted after.</summary>
        public bool Removed { get; set; }
    }

    // By full name (namespace/name), as the pod manager keys static and mirror pods.
    private readonly Dictionary<string, StaticPodEntry> _staticPods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> _staticWaiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> _mirrors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mirrorDeletes = new(StringComparer.Ordinal);
    private string? _nodeUid;
    private bool _nodeUidPending;

    private void StartStaticPods()
    {
        foreach (var manifest in _config.StaticPods) AdmitStaticPod(manifest);
    }

    private void RegisterStaticPodHandlers()
    {
        Receive<AddStaticPod>(m =>
        {
            var error = AdmitStaticPod(m.Manifest, out var fullName);
            Sender.Tell(new StaticPodResult(error is null, error ?? $"static pod {fullName} added"));
        });
        Receive<RemoveStaticPod>(m =>
        {
            var ns = m.Namespace ?? "default";
            var entry = _staticPods.Values.FirstOrDefault(e => !e.Removed && e.Pod.Meta.Namespace == ns
                && (e.Pod.Meta.Name == m.Name || e.Pod.Meta.Name == StaticPodSource.GeneratePodName(m.Name, _config.Name)));
            if (entry is null)
            {
                Sender.Tell(new StaticPodResult(false, $"no static pod \"{m.Name}\" in namespace \"{ns}\" on {_config.Name}"));
                return;
            }
            RemoveStatic(entry);
            Sender.Tell(new StaticPodResult(true, $"static pod {ns}/{entry.Pod.Meta.Name} removed"));
        });
        Receive<StaticPodHousekeeping>(_ => Housekeeping());
        Receive<NodeUidResolved>(OnNodeUidResolved);
        Receive<MirrorPodCreateFinished>(OnMirrorCreateFinished);
        Receive<MirrorPodDeleteFinished>(m =>
        {
            _mirrorDeletes.Remove(m.MirrorUid);
            if (m.Gone && _mirrors.TryGetValue(m.FullName, out var known) && known.Meta.Uid == m.MirrorUid) _mirrors.Remove(m.FullName);
            if (ActiveStatic(m.FullName) is { } entry) EnsureMirror(entry);
        });
    }

    private string? AdmitStaticPod(Pod manifest) => AdmitStaticPod(manifest, out _);

    /// <summary>The file source's ADD/UPDATE: null when admitted, else why the kubelet ignores the manifest.</summary>
    private string? AdmitStaticPod(Pod manifest, out string fullName)
    {
        var pod = StaticPodSource.Prepare(manifest, _config.Name);
        fullName = FullName(pod);
        if (StaticPodSource.Check(pod) is { Count: > 0 } problems) return string.Join("; ", problems.Select(p => p.Message));
        if (!Timers.IsTimerActive("static-housekeeping"))
            Timers.StartPeriodicTimer("static-housekeeping", StaticPodHousekeeping.Instance, HousekeepingPeriod);
        if (_staticPods.TryGetValue(fullName, out var existing))
        {
            if (existing.Uid == pod.Meta.Uid && !existing.Removed) return null;
            // A changed manifest is a new pod (new UID): the old one terminates first, pods of one full name never overlap.
            if (!existing.Removed) RemoveStatic(existing);
            _staticWaiting[fullName] = pod;
            return null;
        }
        StartStatic(pod);
        return null;
    }

    private void StartStatic(Pod pod)
    {
        pod.Meta.Annotations![StaticPodSource.ConfigFirstSeenAnnotationKey] = StaticPodSource.FirstSeen(Context.Now);
        var entry = new StaticPodEntry(pod);
        var fullName = FullName(pod);
        _staticPods[fullName] = entry;
        _gone.Remove(entry.Uid);
        _statusManager.Tell(new HoldStatusUntilMirror(entry.Uid));
        _workers[entry.Uid] = Context.ActorOf(PodWorker.Props(pod.DeepClone(), WorkerContext()), "pod-" + entry.Uid);
        _uidByName[fullName] = entry.Uid;
        EnsureMirror(entry);
    }

    /// <summary>
    /// StartKubelet: the new status manager learns which pods are static; what the old process knew of mirror pods is
    /// forgotten (the relist shows them again and they are adopted or replaced).
    /// </summary>
    private void RestartStaticPods()
    {
        _mirrors.Clear();
        _mirrorDeletes.Clear();
        _nodeUidPending = false;
        foreach (var entry in _staticPods.Values)
        {
            entry.MirrorUid = null;
            entry.Creating = false;
            if (!entry.Removed) _statusManager.Tell(new HoldStatusUntilMirror(entry.Uid));
        }
    }

    /// <summary>The file source's REMOVE: the pod is killed with its own grace period; no status is written after.</summary>
    private void RemoveStatic(StaticPodEntry entry)
    {
        entry.Removed = true;
        _gone.Add(entry.Uid);
        if (_workers.TryGetValue(entry.Uid, out var worker)) worker.Tell(new PodRemoved(entry.Pod.DeepClone()));
    }

    /// <summary>Called when a pod worker has stopped for good.</summary>
    private void StaticPodStopped(string uid)
    {
        var fullName = _staticPods.FirstOrDefault(kv => kv.Value.Uid == uid && kv.Value.Removed).Key;
        if (fullName is null) return;
        _staticPods.Remove(fullName);
        if (_staticWaiting.Remove(fullName, out var next)) StartStatic(next);
        else Housekeeping();
    }

    private StaticPodEntry? ActiveStatic(string fullName) =>
        _staticPods.TryGetValue(fullName, out var e) && !e.Removed ? e : null;

    private static string FullName(Pod pod) => (pod.Meta.Namespace ?? "default") + "/" + pod.Meta.Name;

    /// <summary>The mirror pods of this node as the Pod watch shows them.</summary>
    private void OnMirrorPod(WatchEventType type, Pod mirror)
    {
        var fullName = FullName(mirror);
        var uid = mirror.Meta.Uid ?? "";
        var entry = ActiveStatic(fullName);
        if (type == WatchEventType.Deleted)
        {
            if (_mirrors.TryGetValue(fullName, out var known) && known.Meta.Uid == uid) _mirrors.Remove(fullName);
            if (entry is null || entry.MirrorUid != uid) return;
            entry.MirrorUid = null;
            _statusManager.Tell(new HoldStatusUntilMirror(entry.Uid));
            EnsureMirror(entry);
            return;
        }
        _mirrors[fullName] = mirror;
        if (entry is null) return; // an orphan: housekeeping deletes it
        if (mirror.Meta.DeletionTimestamp is not null || !StaticPodSource.IsMirrorPodOf(mirror, entry.Pod))
        {
            // "Deleted mirror pod as it didn't match the static Pod": deleting it through the API only replaces it.
            if (entry.MirrorUid == uid)
            {
                entry.MirrorUid = null;
                _statusManager.Tell(new HoldStatusUntilMirror(entry.Uid));
            }
            DeleteMirror(mirror);
            return;
        }
        if (entry.MirrorUid == uid)
        {
            _statusManager.Tell(new PodStatusObserved(entry.Uid, mirror.Meta.ResourceVersion, mirror.Status));
            return;
        }
        entry.MirrorUid = uid;
        entry.Creating = false;
        _statusManager.Tell(new MirrorPodPublished(entry.Uid, mirror.Status));
        _statusManager.Tell(new PodStatusObserved(entry.Uid, mirror.Meta.ResourceVersion, mirror.Status));
    }

    private void EnsureMirror(StaticPodEntry entry)
    {
        if (entry.Removed || entry.MirrorUid is not null || entry.Creating) return;
        var fullName = FullName(entry.Pod);
        // The old object must go first (its DELETED event or the delete's reply brings us back here).
        if (_mirrors.ContainsKey(fullName)) return;
        if (_nodeUid is null)
        {
            ResolveNodeUid();
            return;
        }
        entry.Creating = true;
        var mirror = StaticPodSource.MirrorOf(entry.Pod, _config.Name, _nodeUid);
        var uid = entry.Uid;
        AskApi(new Create(mirror), r => new MirrorPodCreateFinished(fullName, uid, r));
    }

    private void OnMirrorCreateFinished(MirrorPodCreateFinished m)
    {
        if (ActiveStatic(m.FullName) is not { } entry || entry.Uid != m.StaticUid) return;
        entry.Creating = false;
        // A failure (no node yet, a partition, AlreadyExists) is retried by housekeeping or settled by the watch.
        if (m.Result?.Object is not Pod created || entry.MirrorUid is not null) return;
        _mirrors[m.FullName] = created;
        entry.MirrorUid = created.Meta.Uid;
        _statusManager.Tell(new MirrorPodPublished(entry.Uid, created.Status));
    }

    private void DeleteMirror(Pod mirror)
    {
        var uid = mirror.Meta.Uid ?? "";
        if (!_mirrorDeletes.Add(uid)) return;
        var fullName = FullName(mirror);
        // DeleteMirrorPod: grace period 0, guarded by the mirror's UID.
        AskApi(new Delete("Pod", mirror.Meta.Namespace, mirror.Meta.Name!, 0, new Preconditions(Uid: uid)),
            r => new MirrorPodDeleteFinished(fullName, uid, r is { IsSuccess: true } or { Error.Code: 404 }));
    }

    private void ResolveNodeUid()
    {
        if (_nodeUidPending) return;
        _nodeUidPending = true;
        AskApi(new Get("Node", null, _config.Name), r => new NodeUidResolved((r?.Object as Api.Model.Node)?.Metadata?.Uid));
    }

    private void OnNodeUidResolved(NodeUidResolved m)
    {
        _nodeUidPending = false;
        if (m.Uid is null) return;
        _nodeUid = m.Uid;
        foreach (var entry in _staticPods.Values.ToList()) EnsureMirror(entry);
    }

    /// <summary>HandlePodCleanups for static pods: create missing mirrors, delete orphaned ones.</summary>
    private void Housekeeping()
    {
        foreach (var entry in _staticPods.Values.ToList()) EnsureMirror(entry);
        foreach (var (fullName, mirror) in _mirrors.ToList())
        {
            // An orphan's static pod may still be terminating (IsPodForMirrorPodTerminatingByFullName): wait for it.
            if (_staticPods.ContainsKey(fullName)) continue;
            DeleteMirror(mirror);
        }
    }

    /// <summary>An api-server call whose reply comes back as <paramref name="reply"/>'s message (null result: no answer in time).</summary>
    private void AskApi(ApiServerRequest request, Func<ObjectResult?, object> reply)
    {
        var self = Self;
        _api.Ask<ObjectResult>(request, MirrorRequestTimeout).ContinueWith(
            t => self.Tell(reply(t.IsCompletedSuccessfully ? t.Result : null)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
