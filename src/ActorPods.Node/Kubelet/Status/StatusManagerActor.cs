using System.Globalization;
using System.Text.Json;
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

/// <summary>The pod's status as the kubelet's watch (its pod manager) last saw it on the api-server.</summary>
public sealed record PodStatusObserved(string Uid, string? ResourceVersion, PodStatus? Status);

/// <summary>Reconcile now (the connection to the api-server came back) instead of at the next 10 s tick.</summary>
public sealed record SyncPodStatuses
{
    public static readonly SyncPodStatuses Instance = new();
}

/// <summary>
/// The only writer of pod status (pkg/kubelet/status/status_manager.go): a JSON merge patch of status/ on every
/// change, computed against what it last wrote; and the final DELETE that removes a gracefully deleted pod.
/// Like the real one it keeps the latest status per pod and runs syncBatch every 10 s: a pod whose status on the
/// api-server (from the write's answer or the kubelet's watch, newest resourceVersion wins) differs in what the
/// kubelet owns — a lost or failed write, or another writer (the node lifecycle controller setting Ready=False while
/// the node was unreachable) — is patched back to the kubelet's truth (needsReconcile). A final DELETE that got no
/// answer is sent again.
/// </summary>
public sealed class StatusManagerActor : Actor
{
    private static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many entries syncBatch must look at (not in sync, or a final DELETE wanted). In the steady state every pod is
    /// in sync, and a count of zero spares the 10 s pass over all of them (one cold entry per pod, 6% of the steady
    /// state's serial time in the scale benchmark); otherwise the pass is the same as before.
    /// </summary>
    private sealed class Attention
    {
        public int Count;
    }

    private sealed class Entry
    {
        private readonly Attention _attention;

        public Entry(string ns, string name, byte[] written, Attention attention)
        {
            Namespace = ns;
            Name = name;
            Written = written;
            _attention = attention;
            // A new entry is not in sync.
            attention.Count++;
        }

        /// <summary>syncBatch has something to do for it (see <see cref="Attention"/>).</summary>
        public bool NeedsAttention => !_inSync || _deleteWanted;

        private void Changing(bool before)
        {
            if (before != NeedsAttention) _attention.Count += before ? -1 : 1;
        }

        public string Namespace { get; }
        public string Name { get; }
        private byte[]? _latest;
        private PodStatus? _apiStatus;
        private byte[]? _api;
        private bool _inSync;

        /// <summary>The status JSON the last patch was computed to reach (at first the api-server's): the next patch's base.</summary>
        public byte[] Written { get; set; }

        /// <summary>Written is a status as the serializer encodes it (not syncBatch's merged document), so the next patch
        /// may be found by comparing encodings (<see cref="StatusPatchWriter.DiffEncodings"/>).</summary>
        public bool WrittenIsEncoding { get; set; } = true;

        /// <summary>
        /// The pod worker's latest status as JSON. Kept as bytes only (no node tree, no typed copy): the pod workers
        /// re-send unchanged statuses on every resync, and comparing bytes is the cheapest way to recognise them.
        /// </summary>
        public byte[]? Latest
        {
            get => _latest;
            set
            {
                _latest = value;
                InSync = false;
            }
        }

        /// <summary>
        /// The api-server's status as JSON, serialised from its (shared, read-only) snapshot only when syncBatch needs it:
        /// most observations (the watch event and the answer of every write) are replaced before the next sync.
        /// </summary>
        public byte[]? Api => _api ??= _apiStatus is null ? null : JsonSerializer.SerializeToUtf8Bytes(_apiStatus, KubeJson.Options);

        public long ApiVersion { get; set; } = -1;

        /// <summary>
        /// syncBatch found nothing to write for the current Latest and Api (isPodStatusByKubeletEqual, or an empty
        /// patch): it would find the same again until either changes, so the comparison is skipped until then.
        /// </summary>
        public bool InSync
        {
            get => _inSync;
            set
            {
                var before = NeedsAttention;
                _inSync = value;
                Changing(before);
                // Until Latest or the api-server's status changes the JSON is not looked at again; rebuilt if it is.
                if (value) _api = null;
            }
        }

        /// <summary>
        /// The api-server's status serialises to exactly the bytes of Latest: then it holds everything the kubelet
        /// decided, and the JSON comparison would find them equal (the usual case once a write came back).
        /// </summary>
        public bool ApiIsLatest(JsonScratch scratch) =>
            _apiStatus is not null && Latest is { } latest
            && (_api is { } api ? api.AsSpan() : scratch.Serialize(_apiStatus)).SequenceEqual(latest);

        public void ObserveApi(long resourceVersion, PodStatus status)
        {
            ApiVersion = resourceVersion;
            if (ReferenceEquals(status, _apiStatus)) return;
            _apiStatus = status;
            _api = null;
            InSync = false;
        }

        public void ForgetApi()
        {
            _apiStatus = null;
            _api = null;
            ApiVersion = -1;
            InSync = false;
        }

        public DateTimeOffset LastSent { get; set; }
        public bool DeleteWanted
        {
            get => _deleteWanted;
            set
            {
                var before = NeedsAttention;
                _deleteWanted = value;
                Changing(before);
            }
        }

        private bool _deleteWanted;
        public bool DeleteInFlight { get; set; }
    }

    private sealed record PatchAnswered(string Uid, ObjectResult? Result);

    private sealed record DeleteAnswered(string Uid, ObjectResult? Result);

    private sealed record SyncTick
    {
        public static readonly SyncTick Instance = new();
    }

    private readonly IActorRef _apiServer;
    private readonly Dictionary<string, Entry> _pods = new(StringComparer.Ordinal);
    private readonly Attention _attention = new();
    private readonly HashSet<string> _forgotten = new(StringComparer.Ordinal);
    // Static pods (their statuses go to their mirror pods, which are never deleted here) and those without a mirror now.
    private readonly HashSet<string> _static = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaitingMirror = new(StringComparer.Ordinal);
    private readonly JsonScratch _scratch = new();
    private readonly StatusPatchWriter _patches = new();
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public StatusManagerActor(IActorRef apiServer)
    {
        _apiServer = apiServer;
        Receive<SetPodStatus>(Set);
        Receive<HoldStatusUntilMirror>(m =>
        {
            _static.Add(m.Uid);
            _awaitingMirror.Add(m.Uid);
            if (_pods.TryGetValue(m.Uid, out var e)) e.ForgetApi();
        });
        Receive<MirrorPodPublished>(OnMirrorPublished);
        Receive<DeletePodObject>(m =>
        {
            // canBeDeleted: a mirror pod is never deleted by the status manager.
            if (_forgotten.Contains(m.Uid) || _static.Contains(m.Uid)) return;
            var e = EntryFor(m.Uid, m.Namespace, m.Name, null);
            e.DeleteWanted = true;
            SendDelete(m.Uid, e);
        });
        Receive<ForgetPod>(m =>
        {
            if (_pods.Remove(m.Uid, out var gone) && gone.NeedsAttention) _attention.Count--;
            _forgotten.Add(m.Uid);
            _static.Remove(m.Uid);
            _awaitingMirror.Remove(m.Uid);
        });
        Receive<PodStatusObserved>(m =>
        {
            if (_pods.TryGetValue(m.Uid, out var e)) ObserveApi(e, m.ResourceVersion, m.Status);
        });
        Receive<PatchAnswered>(m =>
        {
            // A failed write (e.g. the pod is gone, or no answer) is only logged by the kubelet; syncBatch retries it.
            // Read without a copy: the status is only compared, and is the very one the pod's next watch event carries.
            if (m.Result is { IsSuccess: true, ReadOnlyObject: Pod p } && _pods.TryGetValue(m.Uid, out var e)) ObserveApi(e, p.Meta.ResourceVersion, p.Status);
        });
        Receive<DeleteAnswered>(m =>
        {
            if (!_pods.TryGetValue(m.Uid, out var e)) return;
            e.DeleteInFlight = false;
            // Done when deleted, or when it cannot be (already gone: 404; another pod with that name: 409 precondition).
            if (m.Result is { } r && (r.IsSuccess || r.Error is { Code: 404 or 409 })) e.DeleteWanted = false;
        });
        Receive<SyncTick>(_ => SyncBatch(force: false));
        Receive<SyncPodStatuses>(_ => SyncBatch(force: true));
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new StatusManagerActor(apiServer));

    /// <summary>
    /// Its turns keep to themselves (<see cref="Actor.RunsApart"/>): its cache is its own; what it reads from messages is
    /// never changed again (each SetPodStatus carries the pod worker's own deep copy, the base and the observed statuses
    /// are the api-server's published snapshots); it reaches the api-server only by asks whose answers come back as
    /// messages to itself, and it spawns nothing. So a start-up's thousands of status writes run beside the pod workers.
    /// </summary>
    protected override bool RunsApart => true;

    protected override void PreStart() => Timers.StartPeriodicTimer("sync", SyncTick.Instance, SyncPeriod);

    private Entry EntryFor(string uid, string ns, string name, PodStatus? baseStatus)
    {
        if (!_pods.TryGetValue(uid, out var e))
        {
            e = new Entry(ns, name, baseStatus is null ? EmptyObject : _scratch.Serialize(baseStatus).ToArray(), _attention);
            _pods[uid] = e;
        }
        return e;
    }

    private void Set(SetPodStatus m)
    {
        if (_forgotten.Contains(m.Uid)) return;
        var e = EntryFor(m.Uid, m.Namespace, m.Name, m.Base);
        var json = _scratch.Serialize(m.Status);
        if (e.Latest is { } last && json.SequenceEqual(last)) return;
        var next = json.ToArray();
        e.Latest = next;
        if (_awaitingMirror.Contains(m.Uid)) return;
        var from = e.Written;
        var patch = e.WrittenIsEncoding ? _patches.DiffEncodings(from, next) : _patches.Diff(from, next);
        e.Written = next;
        e.WrittenIsEncoding = true;
        if (patch is null) return;
        // The patch is the difference between these two encodings (and next is m.Status's, which nobody changes any
        // more): the api-server takes the result as it is when what it stores is what the patch was diffed against.
        SendPatch(m.Uid, e, patch, new MemberEdit("status", from, next, m.Status));
    }

    private void OnMirrorPublished(MirrorPodPublished m)
    {
        if (_forgotten.Contains(m.Uid) || !_awaitingMirror.Remove(m.Uid)) return;
        if (!_pods.TryGetValue(m.Uid, out var e) || e.Latest is not { } latest) return;
        // The new mirror's status is what the api-server holds: the patch is everything that differs from it.
        var patch = _patches.DiffEncodings(m.MirrorStatus is null ? EmptyObject : _scratch.Serialize(m.MirrorStatus).ToArray(), latest);
        e.Written = latest;
        e.WrittenIsEncoding = true;
        if (patch is not null) SendPatch(m.Uid, e, patch);
    }

    private void SendPatch(string uid, Entry e, string patch, MemberEdit? edit = null)
    {
        e.LastSent = Context.Now;
        var self = Self;
        _apiServer.Ask<ObjectResult>(new Patch("Pod", e.Namespace, e.Name, patch, "status") { Edit = edit }, RequestTimeout)
            .ContinueWith(t => self.Tell(new PatchAnswered(uid, t.IsCompletedSuccessfully ? t.Result : null)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void SendDelete(string uid, Entry e)
    {
        if (e.DeleteInFlight) return;
        e.DeleteInFlight = true;
        var self = Self;
        _apiServer.Ask<ObjectResult>(new Delete("Pod", e.Namespace, e.Name, 0, new Preconditions(Uid: uid)), RequestTimeout)
            .ContinueWith(t => self.Tell(new DeleteAnswered(uid, t.IsCompletedSuccessfully ? t.Result : null)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void ObserveApi(Entry e, string? resourceVersion, PodStatus? status)
    {
        var rv = long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        if (rv < e.ApiVersion || status is null) return;
        e.ObserveApi(rv, status);
    }

    /// <summary>syncBatch: pods whose api-server status lost what the kubelet last decided are written again.</summary>
    private void SyncBatch(bool force)
    {
        if (_attention.Count == 0) return;
        foreach (var (uid, e) in _pods)
        {
            // The common case first: nothing changed since this pod was found in sync (every later check would skip it too).
            if (!e.NeedsAttention) continue;
            if (_awaitingMirror.Contains(uid)) continue;
            if (e.DeleteWanted)
            {
                SendDelete(uid, e);
                continue;
            }
            if (e.Latest is not { } latest) continue;
            // A write is still on its way: leave it a moment before judging the api-server's copy.
            if (!force && Context.Now - e.LastSent < TimeSpan.FromSeconds(5)) continue;
            if (e.ApiIsLatest(_scratch))
            {
                e.InSync = true;
                continue;
            }
            if (e.Api is { } api)
            {
                using var latestDoc = JsonDocument.Parse(latest);
                using var apiDoc = JsonDocument.Parse(api);
                if (KubeletStatusMerge.SameAsKubelet(apiDoc.RootElement, latestDoc.RootElement))
                {
                    e.InSync = true;
                    continue;
                }
                var desired = KubeletStatusMerge.MergeForeignConditions(latestDoc.RootElement, apiDoc.RootElement);
                using var desiredDoc = JsonDocument.Parse(desired);
                using var restrictedDoc = JsonDocument.Parse(KubeletStatusMerge.Restrict(apiDoc.RootElement, desiredDoc.RootElement));
                var patch = _patches.Diff(restrictedDoc.RootElement, desiredDoc.RootElement);
                if (patch is null)
                {
                    e.InSync = true;
                    continue;
                }
                e.Written = desired;
                e.WrittenIsEncoding = false;
                SendPatch(uid, e, patch);
            }
            else if (Context.Now - e.LastSent >= SyncPeriod)
            {
                // Never confirmed: send the whole status again.
                SendPatch(uid, e, _patches.Whole(latest));
            }
        }
    }
}
