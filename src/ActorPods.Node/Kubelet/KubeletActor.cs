using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Node.Kubelet.Status;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// The kubelet of one node: watches the pods bound to it (field selector spec.nodeName) and the ConfigMaps and
/// Secrets it needs, owns one PodWorker per pod UID and the StatusManager, renews its Lease in kube-node-lease
/// every 10 s (leaseDurationSeconds 40) and reports node status (nodeStatusUpdateFrequency 10 s, PATCHed on change
/// or every nodeStatusReportFrequency 5 m). Static pods run from its own source (KubeletActor.StaticPods.cs). It talks to the api-server only by messages.
/// </summary>
public sealed partial class KubeletActor : Actor
{
    private static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan NodeStatusUpdateFrequency = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan NodeStatusReportFrequency = TimeSpan.FromMinutes(5);
    private const int LeaseDurationSeconds = 40;

    private readonly NodeConfig _config;
    private readonly IActorRef _api;
    private readonly NodeServices _services;
    private readonly NodeFileSystem _disk;
    private readonly IActorRef _imageService;
    private readonly ObjectCache _cache = new();
    private readonly KubeletEventSource _events;
    private readonly Dictionary<string, IActorRef> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uidByName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _watchKinds = new();
    private readonly bool[] _ipsInUse = new bool[256];
    private readonly object _ipLock = new();
    private IActorRef _statusManager = null!;
    private DateTimeOffset _lastNodeReport;
    private DateTimeOffset _bootedAt;
    // When this kubelet process started, for the probers' start jitter (worker.go run); null for a kubelet of the
    // cluster the simulation begins with, which stands for one that has been running long before.
    private DateTimeOffset? _processStartedAt;

    public KubeletActor(NodeConfig config, IActorRef api, NodeServices services, NodeFileSystem disk, IActorRef imageService)
    {
        _config = config;
        _api = api;
        _services = services;
        _disk = disk;
        _imageService = imageService;
        _events = new KubeletEventSource(config.Name);
        ReceiveWatches();
        Receive<ObjectResult>(_ => ApiAnswered());
        Receive<RenewLease>(_ => SyncLease());
        Receive<LeaseRequestAnswered>(OnLeaseRequestAnswered);
        Receive<RetryEnsureLease>(OnRetryEnsureLease);
        Receive<NodeFetched>(OnNodeFetched);
        Receive<UpdateNodeStatus>(_ => ReportNodeStatus(force: false));
        Receive<GetContainerLogs>(m =>
        {
            if (_uidByName.TryGetValue(m.Namespace + "/" + m.Pod, out var uid) && _workers.TryGetValue(uid, out var w)) w.Forward(m);
            else Sender.Tell(new ContainerLogsResult([], $"pods \"{m.Pod}\" not found"));
        });
        Receive<ExecInContainer>(m =>
        {
            if (_uidByName.TryGetValue(m.Namespace + "/" + m.Pod, out var uid) && _workers.TryGetValue(uid, out var w)) w.Forward(m);
            else Sender.Tell(new ContainerExecResult(-1, "", $"pods \"{m.Pod}\" not found"));
        });
        Receive<StopKubelet>(_ => Stop());
        Receive<StartKubelet>(_ => Sender.Tell(new NodeFaultResult(false, $"kubelet is already running on {_config.Name}")));
        Receive<KillContainer>(m => ToWorker(m.Namespace, m.Pod, m));
        Receive<FailProbeTarget>(m => ToWorker(m.Namespace, m.Pod, m));
        Receive<PodWorkerTerminated>(m =>
        {
            if (!_gone.Contains(m.Uid) || !_workers.Remove(m.Uid, out var w)) return;
            Context.Stop(w);
            foreach (var key in _uidByName.Where(kv => kv.Value == m.Uid).Select(kv => kv.Key).ToList()) _uidByName.Remove(key);
            StaticPodStopped(m.Uid);
        });
        Receive<Terminated>(_ => { });
        RegisterStaticPodHandlers();
    }

    /// <summary>A fault aimed at one pod goes to its worker; an unknown pod is answered at once.</summary>
    private void ToWorker(string ns, string pod, NodeFault fault)
    {
        if (_uidByName.TryGetValue(ns + "/" + pod, out var uid) && _workers.TryGetValue(uid, out var w)) w.Forward(fault);
        else Sender.Tell(new NodeFaultResult(false, $"pods \"{pod}\" not found on node {_config.Name}"));
    }

    public static Props Props(NodeConfig config, IActorRef api, NodeServices services, NodeFileSystem disk, IActorRef imageService) =>
        Actors.Props.Create(() => new KubeletActor(config, api, services, disk, imageService));

    protected override void PreStart()
    {
        if (Context.Elapsed > TimeSpan.Zero)
        {
            _processStartedAt = Context.Now;
            _events.NewProcess(Context.Now);
        }
        // After a crash the old boot's pod IPs may still be listed: nothing answers there any more.
        for (var k = 2; k < 255; k++) _services.Network.Unregister($"10.244.{_config.PodCidrIndex}.{k}");
        _statusManager = Context.ActorOf(StatusManagerActor.Props(_api), "status-manager");
        StartStaticPods();
        StartInformers();
        SyncLease();
        _lastNodeReport = _bootedAt = Context.Now;
        StartHeartbeat();
    }

    private void OnPod(WatchEventType type, Pod shared)
    {
        if (Config.StaticPodSource.IsMirrorPod(shared))
        {
            OnMirrorPod(type, shared);
            return;
        }
        var uid = shared.Meta.Uid ?? "";
        // The worker gets its own copy (it changes what it holds); an event that reaches no worker is not copied.
        if (type == WatchEventType.Deleted)
        {
            _knownPods.Remove(uid);
            _gone.Add(uid);
            if (_workers.TryGetValue(uid, out var w)) w.Tell(new PodRemoved(shared.DeepClone()));
            return;
        }
        if (_gone.Contains(uid)) return;
        var pod = WorkerCopy(shared);
        _knownPods[uid] = shared;
        _statusManager.Tell(new PodStatusObserved(uid, shared.Meta.ResourceVersion, shared.Status));
        if (!_workers.TryGetValue(uid, out var worker))
        {
            worker = Context.ActorOf(PodWorker.Props(pod, WorkerContext()), "pod-" + uid);
            _workers[uid] = worker;
            _uidByName[(pod.Meta.Namespace ?? "default") + "/" + pod.Meta.Name] = uid;
            return;
        }
        worker.Tell(new UpdatePod(pod));
    }

    /// <summary>
    /// What a pod worker gets of a watched pod: the metadata and spec of the watch's shared snapshot (the api-server
    /// copies on write, and nothing on the node writes a worker's spec or metadata: the removed pod's deletion grace is
    /// set on PodRemoved's own deep copy), and the snapshot's status too unless status generation would re-time one of
    /// its conditions (PodConditions.NeedsRetiming: one without a time); then the worker gets its own deep copy. Status
    /// generation writes nothing else it reads from the api-server. Sharing the spec also lets the worker see "same spec
    /// object, same semantic key" without serialising it; sharing the status spares a deep copy per watch event (a
    /// status write of the kubelet's own comes back as one: three per pod in a start-up).
    /// </summary>
    private static Pod WorkerCopy(Pod shared) => new()
    {
        ApiVersion = shared.ApiVersion,
        Kind = shared.Kind,
        Metadata = shared.Metadata,
        Origin = shared.Origin,
        FieldOrigins = shared.FieldOrigins,
        Spec = shared.Spec,
        Status = shared.Status is { } status ? WorkerStatus(status) : null,
    };

    private static PodStatus WorkerStatus(PodStatus shared) => PodConditions.NeedsRetiming(shared.Conditions) ? ModelCloner.Clone(shared) : shared;

    private PodWorkerContext WorkerContext() =>
        new(_config, _services, _disk, _api, _imageService, _statusManager, _cache, AllocatePodIp, ReleasePodIp, _events, _processStartedAt);

    /// <summary>host-local IPAM: the lowest free address of the node's /24, from .2 (.1 is the bridge).</summary>
    private string AllocatePodIp()
    {
        lock (_ipLock)
        {
            for (var k = 2; k < 255; k++)
            {
                if (_ipsInUse[k]) continue;
                _ipsInUse[k] = true;
                return $"10.244.{_config.PodCidrIndex}.{k}";
            }
        }
        throw new InvalidOperationException($"no free pod IP on {_config.Name}");
    }

    private void ReleasePodIp(string ip)
    {
        var last = ip[(ip.LastIndexOf('.') + 1)..];
        if (int.TryParse(last, out var k) && k is > 0 and < 256)
            lock (_ipLock) _ipsInUse[k] = false;
    }
}
