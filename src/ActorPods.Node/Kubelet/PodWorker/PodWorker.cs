using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Images;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Node.Kubelet.Runtime;
using ActorPods.Node.Kubelet.Status;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Network;
using UserVolume = ActorPods.Userland.FileSystem.Volume;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>Where a pod is in its life on this node (pod_workers.go PodWorkType).</summary>
public enum PodWorkPhase { Syncing, Terminating, Terminated }

/// <summary>Everything a PodWorker needs from its kubelet.</summary>
public sealed record PodWorkerContext(
    NodeConfig Node,
    NodeServices Services,
    NodeFileSystem Disk,
    IActorRef ApiServer,
    IActorRef ImageService,
    IActorRef StatusManager,
    ObjectCache Cache,
    Func<string> AllocatePodIp,
    Action<string> ReleasePodIp,
    KubeletEventSource Events,
    DateTimeOffset? KubeletStartedAt = null);

/// <summary>
/// One pod on this node (pkg/kubelet/pod_workers.go + the kubelet's SyncPod / SyncTerminatingPod): it decides *when*
/// — sandbox, init containers in order, app containers in order with postStart, restarts with back-off, probes'
/// consequences, termination — and generates the pod status. The ContainerActors do the *how*. Updates arriving
/// during a sync are coalesced into one more sync right after it; a kill is never overwritten, the grace only shrinks.
/// Partial files by phase: Syncing, Volumes, Starting, Terminating, Status.
/// </summary>
public sealed partial class PodWorker : Actor
{
    private PodWorkerContext _ctx;
    private readonly string _uid;
    private readonly string _ns;
    private readonly string _name;
    private RestartBackoff _backoff = new();
    private readonly List<ContainerRecord> _init = new();
    private readonly List<ContainerRecord> _app = new();
    private readonly Dictionary<(string, ProbeType), ProbeWorker> _probes = new();

    /// <summary>A prober child and the observation it was last sent (an unchanged one is not sent again).</summary>
    private sealed class ProbeWorker(IActorRef actor)
    {
        public IActorRef Actor { get; } = actor;
        public ContainerObserved? LastSent { get; set; }
    }
    private PodStatus? _baseStatus;

    private Pod _pod;
    private EventRecorder _recorder;
    private PodWorkPhase _phase = PodWorkPhase.Syncing;
    private bool _apiGone;
    private long _containerSeq;

    // Sandbox
    private bool _sandboxReady;
    private bool _sandboxCreating;
    private PodNetwork? _network;
    private string? _podIp;
    private Dictionary<string, UserVolume>? _volumes;
    private DateTimeOffset? _startTime;
    private bool _anyAppStarted;

    public PodWorker(Pod pod, PodWorkerContext ctx)
    {
        _ctx = ctx;
        _pod = pod;
        _uid = pod.Meta.Uid ?? "";
        _ns = pod.Meta.Namespace ?? "default";
        _name = pod.Meta.Name ?? "";
        _baseStatus = pod.Status;
        _recorder = new EventRecorder(ctx.ApiServer, ctx.Events, pod);
        var spec = pod.Spec!;
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++) _init.Add(new ContainerRecord(spec.InitContainers![i], i, true));
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++) _app.Add(new ContainerRecord(spec.Containers![i], i, false));
        RecoverFromDeadSandbox(pod, ctx);

        UseBehavior(s_behavior);
    }

    // One chain for every pod's worker (thirty handlers each, read on every delivery), in this order.
    private static readonly SharedBehavior<PodWorker> s_behavior = new SharedBehavior<PodWorker>()
        // Any message but the periodic resync may change what the status is generated from (see Sync's reuse).
        .Receive<object>(static (w, m) =>
        {
            if (m is not (Resync or FullResync)) w._statusStale = true;
            return false;
        }, static (_, _) => { })
        .Receive<UpdatePod>(static (w, m) => w.OnUpdate(m.Pod))
        .Receive<PodRemoved>(static (w, m) => w.OnRemoved(m.LastState))
        .Receive<PlegRelist>(static (w, _) => { if (w._phase == PodWorkPhase.Syncing) w.Sync(); })
        .Receive<Resync>(static (w, _) => { if (w._phase == PodWorkPhase.Syncing && !w.RepeatQuietSync()) w.Self.Tell(FullResync.Instance); })
        .Receive<FullResync>(static (w, _) => { if (w._phase == PodWorkPhase.Syncing) w._statusStale = !w.Sync(reuseStatus: !w._statusStale); })
        .Receive<ActiveDeadlineCheck>(static (w, _) => w.CheckActiveDeadline())
        .Receive<SandboxCreated>(static (w, m) => w.OnSandboxCreated(m))
        .Receive<RetryMount>(static (w, m) => w.OnRetryMount(m))
        .Receive<VolumeWaitEnded>(static (w, m) => w.OnVolumeWaitEnded(m))
        .Receive<VolumeWaitTimedOut>(static (w, m) => w.OnVolumeWaitTimedOut(m))
        .Receive<ImageEnsured>(static (w, m) => w.OnImageEnsured(m))
        .Receive<ImageEnsureFailed>(static (w, m) => w.OnImageFailed(m))
        .Receive<ContainerStarted>(static (w, m) => w.OnContainerStarted(m))
        .Receive<PostStartFinished>(static (w, m) => w.OnPostStartFinished(m))
        .Receive<ContainerExited>(static (w, m) => w.OnContainerExited(m))
        .Receive<ProbeResultChanged>(static (w, m) => w.OnProbeResult(m))
        .Receive<GetContainerLogs>(static (w, m) => w.OnGetLogs(m))
        .Receive<ExecInContainer>(static (w, m) => w.OnExec(m))
        .Receive<KillContainer>(static (w, m) => w.OnKillContainer(m))
        .Receive<FailProbeTarget>(static (w, m) => w.OnFailProbeTarget(m))
        .Receive<ProbeFaultEnded>(static (_, m) => m.Undo())
        .Receive<KubeletStopping>(static (w, _) => w.GoDormant())
        .Receive<Terminated>(static (_, _) => { });

    private void OnExec(ExecInContainer m)
    {
        var r = All.FirstOrDefault(x => x.Name == m.Container);
        if (r?.Current is { Running: true } i) i.Actor.Forward(m);
        else Sender.Tell(new ContainerExecResult(-1, "", $"container {m.Container} is not running"));
    }

    public static Props Props(Pod pod, PodWorkerContext ctx) => Actors.Props.Create(() => new PodWorker(pod, ctx));

    // Question-style queries, as pod_workers.go offers them.
    public bool ShouldPodContainersBeTerminating => _phase != PodWorkPhase.Syncing;
    public bool CouldHaveRunningContainers => All.Any(r => r.Instances.Any(i => !i.Exited));

    private IEnumerable<ContainerRecord> All => _init.Concat(_app);
    private string RestartPolicy => _pod.Spec?.RestartPolicy ?? "Always";
    private long PodGrace => _pod.Spec?.TerminationGracePeriodSeconds ?? 30;

    protected override void PreStart()
    {
        StartProbeWorkers();
        Self.Tell(new UpdatePod(_pod));
    }

    protected override void PostStop()
    {
        if (_podIp is not null)
        {
            _ctx.Services.Network.Unregister(_podIp);
            _ctx.ReleasePodIp(_podIp);
            _podIp = null;
        }
    }

    private void OnUpdate(Pod pod)
    {
        if (pod.Meta.Uid != _uid) return;
        // Status-only changes (our own patches among them) are reconcile updates, not a reason to sync
        // (pkg/kubelet/config/config.go checkAndUpdatePod / podsDifferSemantically).
        // The current pod's key is kept from when it arrived: one serialisation per update instead of two.
        var differs = SemanticFieldsDiffer(pod);
        if (differs) _qosClass = null;
        _pod = pod;
        _recorder = new EventRecorder(_ctx.ApiServer, _ctx.Events, pod);
        if (pod.Meta.DeletionTimestamp is not null)
        {
            RequestTermination(EffectiveGrace(pod), deleted: true);
            return;
        }
        if (_phase == PodWorkPhase.Syncing && differs) Sync();
    }

    // The SHA-256 of the semantic fields' JSON, not the JSON itself: 32 bytes kept per pod instead of ~4 KB of string
    // (30 000 pod workers live at once at scale); equal digests mean equal JSON (collisions are not a practical concern).
    // Null until a key is needed: the first update always differs, so its pod's key is made only when a later update
    // brings other semantic objects (_keyPending until then; most pods never get one).
    private byte[]? _podKey;
    private bool _keyPending;

    /// <summary>
    /// podsDifferSemantically between the current pod (as it arrived) and <paramref name="pod"/>, whose key is kept as
    /// the current one; the first update always differs.
    /// </summary>
    private bool SemanticFieldsDiffer(Pod pod)
    {
        if (_podKey is null && !_keyPending)
        {
            _keyPending = true;
            return true;
        }
        // The same spec, label and annotation objects as the current pod's: the same JSON. A pod is read-only once it
        // is the worker's (nothing here writes its semantic fields), so a shared snapshot need not be hashed again, and
        // the current pod's key can wait until it is compared.
        if (ReferenceEquals(pod.Spec, _pod.Spec) && ReferenceEquals(pod.Meta.Labels, _pod.Meta.Labels)
            && ReferenceEquals(pod.Meta.Annotations, _pod.Meta.Annotations)
            && pod.Meta.DeletionTimestamp == _pod.Meta.DeletionTimestamp
            && pod.Meta.DeletionGracePeriodSeconds == _pod.Meta.DeletionGracePeriodSeconds)
            return false;
        if (_keyPending)
        {
            SemanticKey(_pod, _podKey = new byte[32]);
            _keyPending = false;
        }
        Span<byte> key = stackalloc byte[32];
        SemanticKey(pod, key);
        var differs = !key.SequenceEqual(_podKey);
        key.CopyTo(_podKey);
        return differs;
    }

    // One serialisation buffer per thread: the key's JSON is only hashed, never kept.
    [ThreadStatic] private static Api.Serialization.JsonScratch? t_keyScratch;

    private static void SemanticKey(Pod p, Span<byte> digest) =>
        System.Security.Cryptography.SHA256.HashData((t_keyScratch ??= new Api.Serialization.JsonScratch()).Write(p, static (w, p) =>
        {
            // The JSON of object?[] { spec, labels, annotations, deletionTimestamp, deletionGracePeriodSeconds }, written
            // element by element: the same bytes, without the serializer's frames for the array and its object-typed items.
            var o = Api.Serialization.KubeJson.Options;
            w.WriteStartArray();
            System.Text.Json.JsonSerializer.Serialize(w, p.Spec, o);
            System.Text.Json.JsonSerializer.Serialize(w, p.Meta.Labels, o);
            System.Text.Json.JsonSerializer.Serialize(w, p.Meta.Annotations, o);
            System.Text.Json.JsonSerializer.Serialize(w, p.Meta.DeletionTimestamp, o);
            System.Text.Json.JsonSerializer.Serialize(w, p.Meta.DeletionGracePeriodSeconds, o);
            w.WriteEndArray();
        }), digest);

    private void OnRemoved(Pod last)
    {
        _apiGone = true;
        _ctx.StatusManager.Tell(new ForgetPod(_uid));
        if (_phase == PodWorkPhase.Terminated)
        {
            Context.Parent.Tell(new PodWorkerTerminated(_uid));
            return;
        }
        // Force deletion: the object is gone but containers may still run; they get a grace period anyway.
        last.Meta.DeletionGracePeriodSeconds ??= 0;
        RequestTermination(EffectiveGrace(last), deleted: true);
    }

    /// <summary>pod_workers.go calculateEffectiveGracePeriod: only shrinks; 0 falls back to the spec; at least 1 s.</summary>
    private long EffectiveGrace(Pod pod)
    {
        var grace = _gracePeriod ?? 0;
        if (pod.Meta.DeletionGracePeriodSeconds is { } o && (grace == 0 || o < grace)) grace = o;
        if (grace == 0 && pod.Spec?.TerminationGracePeriodSeconds is { } spec) grace = spec;
        if (grace < 1) grace = 1;
        return grace;
    }

    private void StartProbeWorkers()
    {
        var never = RestartPolicy == "Never";
        foreach (var r in _app.Concat(_init.Where(i => i.IsSidecar)))
            foreach (var t in new[] { ProbeType.Startup, ProbeType.Liveness, ProbeType.Readiness })
                if (r.HasProbe(t))
                    _probes[(r.Name, t)] = new ProbeWorker(Context.ActorOf(ProbeActor.Props(_ns, _name, r.Spec, r.IsInit, t, never, _recorder, _ctx.KubeletStartedAt, _ctx.Services.ProbeResults),
                        $"probe-{t.ToString().ToLowerInvariant()}-{r.Name}" + (_kubeletGeneration > 0 ? "-" + _kubeletGeneration : "")));
    }

    private void StopProbeWorkers(bool livenessAndStartupOnly)
    {
        foreach (var key in _probes.Keys.ToList())
        {
            if (livenessAndStartupOnly && key.Item2 == ProbeType.Readiness) continue;
            Context.Stop(_probes[key].Actor);
            _probes.Remove(key);
        }
    }

    private ContainerRecord? Find(string containerId, out ContainerInstance? instance)
    {
        foreach (var r in All)
            foreach (var i in r.Instances)
                if (i.Id == containerId)
                {
                    instance = i;
                    return r;
                }
        instance = null;
        return null;
    }

    private void OnGetLogs(GetContainerLogs m)
    {
        var r = All.FirstOrDefault(x => x.Name == m.Container);
        if (r is null)
        {
            Sender.Tell(new ContainerLogsResult([], $"container {m.Container} is not valid for pod {_name}"));
            return;
        }
        var (containerId, error) = LogContainerId(r, m.Previous);
        var instance = containerId is null ? null : r.Instances.FirstOrDefault(i => i.ContainerId == containerId);
        if (instance is null)
        {
            Sender.Tell(new ContainerLogsResult([], error ?? $"container \"{m.Container}\" in pod \"{_name}\" is waiting to start - no logs yet"));
            return;
        }
        Sender.Tell(new ContainerLogsResult(instance.Log.Snapshot(Context.Now), null));
    }

    /// <summary>
    /// Which instance's log `kubectl logs [--previous]` reads, from the container's status as the kubelet last generated
    /// it (pkg/kubelet/kubelet_pods.go validateContainerLogStatus): --previous the last terminated one; otherwise the
    /// running one, the terminated one, or (waiting to restart) the one that last terminated; a container that never
    /// ran is "waiting to start" with its reason.
    /// </summary>
    private (string? ContainerId, string? Error) LogContainerId(ContainerRecord r, bool previous)
    {
        var status = _lastStatus is { } last
            ? (last.ContainerStatuses ?? []).Concat(last.InitContainerStatuses ?? []).FirstOrDefault(s => s.Name == r.Name)
            : null;
        var lastTerminated = status?.LastState?.Terminated;
        var state = status?.State;
        if (previous)
        {
            return lastTerminated is { ContainerID: { Length: > 0 } id }
                ? (id, null)
                : (null, $"previous terminated container \"{r.Name}\" in pod \"{_name}\" not found");
        }
        if (state?.Running is not null && status!.ContainerID is { Length: > 0 } running) return (running, null);
        if (state?.Terminated is { } terminated)
        {
            // A next container that did not start leaves the ID empty: the last terminated one is read then.
            if (terminated.ContainerID is { Length: > 0 } id) return (id, null);
            return lastTerminated is { ContainerID: { Length: > 0 } lastId }
                ? (lastId, null)
                : (null, $"container \"{r.Name}\" in pod \"{_name}\" is terminated");
        }
        if (lastTerminated is not null)
        {
            return lastTerminated.ContainerID is { Length: > 0 } id
                ? (id, null)
                : (null, $"container \"{r.Name}\" in pod \"{_name}\" is terminated");
        }
        var reason = state?.Waiting?.Reason ?? r.WaitingReason ?? (r.IsInit || _init.Count > 0 ? "PodInitializing" : "ContainerCreating");
        return (null, reason switch
        {
            "ErrImagePull" => $"container \"{r.Name}\" in pod \"{_name}\" is waiting to start: image can't be pulled",
            "ImagePullBackOff" => $"container \"{r.Name}\" in pod \"{_name}\" is waiting to start: trying and failing to pull image",
            _ => $"container \"{r.Name}\" in pod \"{_name}\" is waiting to start: {reason}",
        });
    }

    /// <summary>A new containerd-style ID: 64 hex characters from the actor's seeded generator.</summary>
    private string NewContainerId()
    {
        Span<byte> bytes = stackalloc byte[32];
        Context.Random.NextBytes(bytes);
        _containerSeq++;
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
