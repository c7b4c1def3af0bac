using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.Controllers.Fakes;

/// <summary>How a fake node behaves.</summary>
public sealed record FakeKubeletOptions
{
    /// <summary>From seeing a pod to reporting it Running with an IP.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>From Running to Ready (a readiness probe's first success); override per pod with annotation <see cref="FakeKubelet.ReadyAfterAnnotation"/>.</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.Zero;

    /// <summary>From seeing a deletionTimestamp to removing the pod (grace 0 + uid precondition).</summary>
    public TimeSpan TerminationDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Third octet of the pod IPs (10.244.N.x).</summary>
    public int Subnet { get; init; } = 1;
}

/// <summary>
/// Plays a node for controller tests: registers the Node (Ready) and its Lease, renews the Lease every 10 s, runs the
/// pods bound to it (Running with an IP, then Ready), and finishes deletions. <see cref="Partition"/> makes it fall
/// silent (no renewals, no pod work); <see cref="Heal"/> brings it back, posting Ready again and catching up.
/// </summary>
public sealed class FakeKubelet : Actor
{
    public const string ReadyAfterAnnotation = "test.actorpods/ready-after-seconds";

    public sealed record Partition;

    public sealed record Heal;

    private sealed record StartPod(string Uid);

    private sealed record MakeReady(string Uid);

    private sealed record FinishPod(string Uid);

    private sealed record RenewLease;

    private sealed record SyncStatuses;

    private readonly IActorRef _api;
    private readonly string _node;
    private readonly FakeKubeletOptions _options;
    private readonly Dictionary<string, Pod> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ready = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finishing = new(StringComparer.Ordinal);
    private int _nextIp = 10;
    private bool _partitioned;

    public FakeKubelet(IActorRef api, string node, FakeKubeletOptions options)
    {
        _api = api;
        _node = node;
        _options = options;
        Receive<ActorPods.ControlPlane.ApiServer.WatchEvent>(OnPodEvent);
        Receive<WatchResult>(_ => { });
        Receive<ObjectResult>(_ => { });
        Receive<RenewLease>(_ => Renew());
        Receive<SyncStatuses>(_ => Resync());
        Receive<StartPod>(m => Start(m.Uid));
        Receive<MakeReady>(m => Ready(m.Uid));
        Receive<FinishPod>(m => Finish(m.Uid));
        Receive<Partition>(_ =>
        {
            _partitioned = true;
            Timers.CancelAll();
            _finishing.Clear();
            _started.IntersectWith(_running);
        });
        Receive<Heal>(_ =>
        {
            _partitioned = false;
            PostNodeStatus();
            Renew();
            Timers.StartPeriodicTimer("lease", new RenewLease(), _options.LeaseRenewInterval);
            Timers.StartPeriodicTimer("status", new SyncStatuses(), TimeSpan.FromSeconds(10));
            foreach (var pod in _pods.Values.ToList()) React(pod);
            Resync();
        });
    }

    public static Props Props(IActorRef api, string node, FakeKubeletOptions? options = null) =>
        Actors.Props.Create(() => new FakeKubelet(api, node, options ?? new FakeKubeletOptions()));

    protected override void PreStart()
    {
        var now = Context.Now;
        _api.Tell(new Create(new Node
        {
            ApiVersion = "v1", Kind = "Node",
            Metadata = new ObjectMeta { Name = _node, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = _node } },
            Status = new NodeStatus(),
        }), Self);
        PostNodeStatus();
        _api.Tell(new Create(new Lease
        {
            ApiVersion = "coordination.k8s.io/v1", Kind = "Lease",
            Metadata = new ObjectMeta { Name = _node, Namespace = "kube-node-lease" },
            Spec = new LeaseSpec { HolderIdentity = _node, LeaseDurationSeconds = 40, RenewTime = now },
        }), Self);
        Timers.StartPeriodicTimer("lease", new RenewLease(), _options.LeaseRenewInterval);
        Timers.StartPeriodicTimer("status", new SyncStatuses(), TimeSpan.FromSeconds(10));
        _api.Tell(new Watch("pods", FieldSelector: "spec.nodeName=" + _node, ResourceVersion: "0", Watcher: Self), Self);
    }

    private void PostNodeStatus()
    {
        var now = Context.Now;
        NodeCondition C(string type, string status, string reason, string message) => new()
        {
            Type = type, Status = status, Reason = reason, Message = message, LastHeartbeatTime = now, LastTransitionTime = now,
        };
        var status = new NodeStatus
        {
            Conditions =
            [
                C("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                C("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                C("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                C("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
        };
        var json = System.Text.Json.JsonSerializer.Serialize(new { status }, ActorPods.Api.Serialization.KubeJson.Options);
        _api.Tell(new Patch("nodes", null, _node, json, "status"), Self);
    }

    private void Renew()
    {
        if (_partitioned) return;
        var json = System.Text.Json.JsonSerializer.Serialize(new { spec = new { renewTime = Context.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) } });
        _api.Tell(new Patch("leases", "kube-node-lease", _node, json), Self);
    }

    private void OnPodEvent(ActorPods.ControlPlane.ApiServer.WatchEvent e)
    {
        if (e.Object is not Pod pod) return;
        var uid = pod.Metadata!.Uid!;
        if (e.Type == WatchEventType.Deleted)
        {
            _pods.Remove(uid);
            _ready.Remove(uid);
            _running.Remove(uid);
            return;
        }
        _pods[uid] = pod;
        if (!_partitioned) React(pod);
    }

    private void React(Pod pod)
    {
        var uid = pod.Metadata!.Uid!;
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            if (_finishing.Add(uid)) Timers.StartSingleTimer(("finish", uid), new FinishPod(uid), _options.TerminationDelay);
            return;
        }
        if (_started.Add(uid)) Timers.StartSingleTimer(("start", uid), new StartPod(uid), _options.StartDelay);
    }

    private void Start(string uid)
    {
        if (_partitioned || !_pods.TryGetValue(uid, out var pod) || pod.Metadata?.DeletionTimestamp is not null) return;
        var now = Context.Now;
        var delay = ReadyDelay(pod);
        var ready = delay <= TimeSpan.Zero ? "True" : "False";
        var copy = pod.DeepClone();
        copy.Metadata!.ResourceVersion = null;
        copy.Status = new PodStatus
        {
            Phase = "Running",
            HostIP = "192.168.0." + _options.Subnet,
            PodIP = $"10.244.{_options.Subnet}.{_nextIp++}",
            StartTime = now,
            QosClass = pod.Status?.QosClass,
            Conditions =
            [
                new PodCondition { Type = "PodReadyToStartContainers", Status = "True", LastTransitionTime = now },
                new PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now },
                new PodCondition { Type = "Ready", Status = ready, LastTransitionTime = now },
                new PodCondition { Type = "ContainersReady", Status = ready, LastTransitionTime = now },
                new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = pod.Metadata!.CreationTimestamp },
            ],
            ContainerStatuses = (pod.Spec?.Containers ?? []).Select(c => new ContainerStatus
            {
                Name = c.Name, Image = c.Image, Ready = ready == "True", Started = true, RestartCount = 0,
                State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
            }).ToList(),
        };
        copy.Status.PodIPs = [new PodIP { Ip = copy.Status.PodIP }];
        _api.Tell(new Update(copy, "status"), Self);
        _running.Add(uid);
        if (ready == "True") _ready.Add(uid);
        if (delay > TimeSpan.Zero && delay != TimeSpan.MaxValue) Timers.StartSingleTimer(("ready", uid), new MakeReady(uid), delay);
    }

    private TimeSpan ReadyDelay(Pod pod)
    {
        if (pod.Metadata?.Annotations?.GetValueOrDefault(ReadyAfterAnnotation) is { } s)
            return s == "never" ? TimeSpan.MaxValue : TimeSpan.FromSeconds(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
        return _options.ReadyDelay;
    }

    /// <summary>The status manager's periodic sync: what the API says is overwritten by what the kubelet knows (probes still pass).</summary>
    private void Resync()
    {
        foreach (var uid in _ready.ToList())
        {
            if (_pods.TryGetValue(uid, out var pod) && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status != "True") == true) Ready(uid);
        }
    }

    private void Ready(string uid)
    {
        if (_partitioned || !_pods.TryGetValue(uid, out var pod) || pod.Metadata?.DeletionTimestamp is not null) return;
        _ready.Add(uid);
        var now = Context.Now;
        var copy = pod.DeepClone();
        copy.Metadata!.ResourceVersion = null;
        foreach (var c in copy.Status?.Conditions ?? [])
        {
            if (c.Type is "Ready" or "ContainersReady" && c.Status != "True")
            {
                c.Status = "True";
                c.LastTransitionTime = now;
            }
        }
        foreach (var cs in copy.Status?.ContainerStatuses ?? []) cs.Ready = true;
        _api.Tell(new Update(copy, "status"), Self);
    }

    private void Finish(string uid)
    {
        if (_partitioned || !_pods.TryGetValue(uid, out var pod)) return;
        _api.Tell(new Delete("pods", pod.Metadata!.Namespace, pod.Metadata.Name!, 0, new Preconditions(Uid: uid)), Self);
    }
}
