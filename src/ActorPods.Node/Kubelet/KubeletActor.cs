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
    private readonly Dictionary<string, IActorRef> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uidByName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Queue<string> _pendingWatches = new();
    private readonly Dictionary<long, string> _watchKinds = new();
    private readonly bool[] _ipsInUse = new bool[256];
    private readonly object _ipLock = new();
    private IActorRef _statusManager = null!;
    private DateTimeOffset _lastNodeReport;
    private DateTimeOffset _bootedAt;

    public KubeletActor(NodeConfig config, IActorRef api, NodeServices services, NodeFileSystem disk, IActorRef imageService)
    {
        _config = config;
        _api = api;
        _services = services;
        _disk = disk;
        _imageService = imageService;
        Receive<WatchResult>(OnWatchResult);
        Receive<WatchEvent>(OnWatchEvent);
        Receive<ObjectResult>(_ => { });
        Receive<RenewLease>(_ => Renew());
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

    public static Props Props(NodeConfig config, IActorRef api, NodeServices services, NodeFileSystem disk, IActorRef imageService) =>
        Actors.Props.Create(() => new KubeletActor(config, api, services, disk, imageService));

    protected override void PreStart()
    {
        _statusManager = Context.ActorOf(StatusManagerActor.Props(_api), "status-manager");
        StartStaticPods();
        StartWatch("Pod", $"spec.nodeName={_config.Name}");
        StartWatch("ConfigMap", null);
        StartWatch("Secret", null);
        CreateLease();
        _lastNodeReport = _bootedAt = Context.Now;
        Timers.StartPeriodicTimer("lease", RenewLease.Instance, LeaseRenewInterval);
        Timers.StartPeriodicTimer("node-status", UpdateNodeStatus.Instance, NodeStatusUpdateFrequency);
    }

    private void StartWatch(string kind, string? fieldSelector)
    {
        _pendingWatches.Enqueue(kind);
        _api.Tell(new Watch(kind, null, null, fieldSelector, null, Self), Self);
    }

    private void OnWatchResult(WatchResult m)
    {
        if (_pendingWatches.Count == 0) return;
        var kind = _pendingWatches.Dequeue();
        if (m.IsSuccess) _watchKinds[m.WatchId] = kind;
    }

    private void OnWatchEvent(WatchEvent e)
    {
        if (!_watchKinds.TryGetValue(e.WatchId, out var kind)) return;
        if (e.Type == WatchEventType.Error)
        {
            // 410 Gone and friends: list again from scratch (a fresh watch starts with the current state).
            _watchKinds.Remove(e.WatchId);
            StartWatch(kind, kind == "Pod" ? $"spec.nodeName={_config.Name}" : null);
            return;
        }
        if (e.Object is null) return;
        switch (kind)
        {
            case "Pod":
                OnPod(e.Type, (Pod)e.Object);
                break;
            default:
                if (e.Type == WatchEventType.Deleted) _cache.Remove(e.Object);
                else _cache.Put(e.Object);
                break;
        }
    }

    private void OnPod(WatchEventType type, Pod shared)
    {
        if (Config.StaticPodSource.IsMirrorPod(shared))
        {
            OnMirrorPod(type, shared);
            return;
        }
        var uid = shared.Meta.Uid ?? "";
        var pod = shared.DeepClone();
        if (type == WatchEventType.Deleted)
        {
            _gone.Add(uid);
            if (_workers.TryGetValue(uid, out var w)) w.Tell(new PodRemoved(pod));
            return;
        }
        if (_gone.Contains(uid)) return;
        if (!_workers.TryGetValue(uid, out var worker))
        {
            var ctx = new PodWorkerContext(_config, _services, _disk, _api, _imageService, _statusManager, _cache, AllocatePodIp, ReleasePodIp);
            worker = Context.ActorOf(PodWorker.Props(pod, ctx), "pod-" + uid);
            _workers[uid] = worker;
            _uidByName[(pod.Meta.Namespace ?? "default") + "/" + pod.Meta.Name] = uid;
            return;
        }
        worker.Tell(new UpdatePod(pod));
    }

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
