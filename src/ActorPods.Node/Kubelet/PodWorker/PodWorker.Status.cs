using ActorPods.Api.Model;
using ActorPods.Api.Printing.Describe;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// generateAPIPodStatus: container statuses from the runtime records and the reason cache, getPhase, conditions,
/// IPs, startTime, qosClass. Readiness and startup changes take the status manager's fast path: only the flags and
/// conditions of the cached status change. Each generation is also what the probe workers see.
/// </summary>
public sealed partial class PodWorker
{
    private PodStatus? _lastStatus;

    private PodStatus GenerateStatus(bool podIsTerminal)
    {
        var spec = _pod.Spec!;
        var appDefault = _init.Count > 0 ? "PodInitializing" : "ContainerCreating";
        var init = new List<ContainerStatus>(_init.Count);
        foreach (var r in _init) init.Add(StatusOf(r, "PodInitializing", podIsTerminal));
        var app = new List<ContainerStatus>(_app.Count);
        foreach (var r in _app) app.Add(StatusOf(r, appDefault, podIsTerminal));
        // Upstream getPhase (kubelet_pods.go) does not give static pods a terminal phase yet (kubernetes#116484): they
        // keep the restart-policy answer.
        var phase = PodPhase.Get(spec, init, app, podIsTerminal && !Config.StaticPodSource.IsStaticPod(_pod));
        string? reason = null, message = null;
        if (_evictReason is not null)
        {
            phase = "Failed";
            reason = _evictReason;
            message = _evictMessage;
        }
        var previousPhase = _lastStatus?.Phase ?? _pod.Status?.Phase;
        if (previousPhase is "Succeeded" or "Failed")
        {
            phase = previousPhase;
            reason ??= _lastStatus?.Reason;
            message ??= _lastStatus?.Message;
        }
        // NodeIp may format a string on every call; the status needs it twice.
        var hostIp = _ctx.Node.NodeIp;
        var status = new PodStatus
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            HostIP = hostIp,
            HostIPs = [new HostIP { Ip = hostIp }],
            PodIP = _podIp,
            PodIPs = _podIp is null ? null : [new PodIP { Ip = _podIp }],
            StartTime = _startTime,
            InitContainerStatuses = _init.Count > 0 ? init : null,
            ContainerStatuses = app,
            QosClass = QosOf(_pod),
        };
        status.Conditions = PodConditions.Generate(_pod, init, app, phase, _sandboxReady, _anyAppStarted, PreviousConditions(), Context.Now);
        _lastStatus = status;
        ObserveForProbes(status);
        return status;
    }

    // PreviousConditions' list, refilled on every generation: Generate reads it and keeps none of it but the elements.
    private readonly List<PodCondition> _previousConditions = new(6);

    /// <summary>Foreign conditions as the api-server has them, kubelet-owned ones as the kubelet last generated them.</summary>
    private List<PodCondition> PreviousConditions()
    {
        var result = _previousConditions;
        result.Clear();
        // A static pod has no api-server version (its mirror's is not read back): its own last status carries PodScheduled.
        if (Config.StaticPodSource.IsStaticPod(_pod) && _lastStatus?.Conditions is { } own)
        {
            result.AddRange(own);
            return result;
        }
        var api = _pod.Status?.Conditions ?? [];
        var mine = _lastStatus?.Conditions ?? api;
        for (var i = 0; i < api.Count; i++)
            if (api[i].Type is { } type && !IsKubeletOwned(type)) result.Add(api[i]);
        for (var i = 0; i < mine.Count; i++)
            if (mine[i].Type is { } type && IsKubeletOwned(type)) result.Add(mine[i]);
        return result;
    }

    private static bool IsKubeletOwned(string type) => type is "PodReadyToStartContainers" or "Initialized" or "Ready" or "ContainersReady";

    // The QoS class depends on the spec only: computed once, forgotten when an update changes the spec (OnUpdate).
    // No reference to the pod it came from is kept, which would pin a superseded pod object per worker.
    private string? _qosClass;

    private string QosOf(Pod pod)
    {
        _qosClass ??= QosClass.Compute(pod);
        return _qosClass;
    }

    private ContainerStatus StatusOf(ContainerRecord r, string defaultReason, bool podIsTerminal)
    {
        var cur = r.Current;
        var s = new ContainerStatus
        {
            Name = r.Name,
            Image = r.Spec.Image,
            ImageID = "",
            RestartCount = cur?.RestartCount ?? 0,
            Ready = false,
            Started = false,
        };
        if (cur is null)
        {
            s.State = Waiting(r.WaitingReason ?? defaultReason, r.WaitingMessage);
            return s;
        }
        s.ContainerID = cur.ContainerId;
        s.Image = cur.Image;
        s.ImageID = cur.ImageId;
        if (cur.Running)
        {
            s.State = new ContainerState { Running = new ContainerStateRunning { StartedAt = cur.StartedAt } };
            s.LastState = r.Previous is { } p ? new ContainerState { Terminated = Terminated(p) } : new ContainerState();
            s.Started = r.IsRegularInit || r.Started;
            s.Ready = !r.IsRegularInit && r.Ready;
            return s;
        }
        if (!cur.Exited)
        {
            s.State = Waiting(defaultReason, null);
            s.LastState = r.Previous is { } p ? new ContainerState { Terminated = Terminated(p) } : new ContainerState();
            return s;
        }
        // kubelet_pods.go convertToAPIContainerStatuses: an init container (sidecars included) that exited 0 stays
        // terminated, and ShouldContainerBeRestarted looks at the pod's policy only — so a sidecar shows waiting
        // between restarts only when it failed under Always/OnFailure, though it is restarted in every case.
        var willRestart = !podIsTerminal && _phase == PodWorkPhase.Syncing && (r.IsInit ? cur.ExitCode != 0 && RestartPolicy != "Never" : ShouldRestart(r, cur));
        if (r.WaitingReason is not null && willRestart)
        {
            s.State = Waiting(r.WaitingReason, r.WaitingMessage);
            s.LastState = new ContainerState { Terminated = Terminated(cur) };
        }
        else
        {
            s.State = new ContainerState { Terminated = Terminated(cur) };
            s.LastState = r.Previous is { } p ? new ContainerState { Terminated = Terminated(p) } : new ContainerState();
        }
        s.Ready = r.IsRegularInit && cur.ExitCode == 0;
        return s;
    }

    private static ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new ContainerStateWaiting { Reason = reason, Message = string.IsNullOrEmpty(message) ? null : message } };

    private static ContainerStateTerminated Terminated(ContainerInstance i) => new()
    {
        ExitCode = i.ExitCode,
        Reason = i.Reason,
        Message = string.IsNullOrEmpty(i.Message) ? null : i.Message,
        StartedAt = i.StartedAt,
        FinishedAt = i.FinishedAt,
        ContainerID = i.ContainerId,
    };

    private string? _pushedPhase;
    private string? _pushedReason;
    private string? _pushedMessage;

    // What this status manager was last sent (never mutated after sending); null after a kubelet restart.
    private PodStatus? _pushedStatus;

    private void PushStatus(PodStatus status)
    {
        if (_apiGone) return;
        var (phase, reason, message) = (status.Phase, status.Reason, status.Message);
        // status_manager.go mergePodStatus: never report a terminal phase while containers could still run.
        if (phase is "Succeeded" or "Failed" && _pushedPhase is not ("Succeeded" or "Failed") && CouldHaveRunningContainers)
            (phase, reason, message) = (_pushedPhase ?? "Pending", _pushedReason, _pushedMessage);
        // The status manager drops a status byte-identical to the last one it was given (SetPodStatus): an unchanged
        // resync need not be cloned and sent at all.
        if (_pushedStatus is { } last && last.Phase == phase && last.Reason == reason && last.Message == message
            && PodStatusEquality.SameExceptPhase(status, last))
            return;
        // The message gets its own deep copy (this status stays the cache later generations build on): the model's
        // compiled copier, checked against a JSON round trip in the Api tests, instead of a JSON clone.
        var copy = ModelCloner.Clone(status);
        (copy.Phase, copy.Reason, copy.Message) = (phase, reason, message);
        (_pushedPhase, _pushedReason, _pushedMessage) = (phase, reason, message);
        _pushedStatus = copy;
        _ctx.StatusManager.Tell(new SetPodStatus(_uid, _ns, _name, copy, _baseStatus));
    }

    /// <summary>What the prober workers read (the status manager's cache), plus the readiness manual trigger.</summary>
    private void ObserveForProbes(PodStatus status)
    {
        _observeSentTrigger = false;
        var terminal = status.Phase is "Succeeded" or "Failed";
        var deleting = _pod.Meta.DeletionTimestamp is not null;
        foreach (var ((name, type), probe) in _probes)
        {
            var r = RecordOf(name) ?? throw new InvalidOperationException($"no container {name}");
            var s = StatusNamed(r.IsInit ? status.InitContainerStatuses : status.ContainerStatuses, name);
            var cur = r.Current;
            var running = s?.State?.Running is not null;
            var observed = new ContainerObserved(
                s?.ContainerID is null ? null : cur?.Id, cur?.Actor, cur?.ProbeEndpoint, running, s?.State?.Terminated is not null,
                s?.State?.Running?.StartedAt, s?.Started == true, terminal, deleting);
            // The worker keeps the last observation it was sent: the same one again (every resync of a steady pod)
            // would change nothing there.
            if (!observed.Equals(probe.LastSent))
            {
                probe.LastSent = observed;
                probe.Actor.Tell(observed, Self);
            }
            if (type == ProbeType.Readiness && running && s?.Started == true && r.ResultOf(ProbeType.Readiness, ProbeResult.Failure) != ProbeResult.Success)
            {
                probe.Actor.Tell(TriggerProbe.Instance, Self);
                _observeSentTrigger = true;
            }
        }
    }

    // Whether the last ObserveForProbes sent a readiness trigger (see Sync's reuse of an unchanged status).
    private bool _observeSentTrigger;

    private void OnProbeResult(ProbeResultChanged m)
    {
        var r = All.FirstOrDefault(x => x.Name == m.ContainerName);
        if (r?.Current?.Id != m.ContainerId) return;
        r.SetResult(m.Type, m.Result);
        if (_phase == PodWorkPhase.Terminated) return;
        switch (m.Type)
        {
            case ProbeType.Readiness:
                RefreshProbeFlags();
                break;
            case ProbeType.Startup:
                RefreshProbeFlags();
                if (m.Result != ProbeResult.Unknown) Sync();
                break;
            case ProbeType.Liveness:
                if (m.Result == ProbeResult.Failure) Sync();
                break;
        }
    }

    /// <summary>Sets the started/ready flags of running containers from the probe results; whether any changed.</summary>
    private bool ApplyProbeFlags(PodStatus status, bool dryRun)
    {
        var changed = false;
        for (var i = 0; i < _init.Count + _app.Count; i++)
        {
            var r = i < _init.Count ? _init[i] : _app[i - _init.Count];
            var s = StatusNamed(r.IsInit ? status.InitContainerStatuses : status.ContainerStatuses, r.Name);
            if (s?.State?.Running is null || r.IsRegularInit || r.Current is null || !IsContainerId(s.ContainerID, r.Current.Id)) continue;
            var started = r.Started;
            var ready = r.Ready;
            if (s.Started != started || s.Ready != ready)
            {
                if (dryRun) return true;
                s.Started = started;
                s.Ready = ready;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>The first record of that name in init-then-app order (what All.First found).</summary>
    private ContainerRecord? RecordOf(string name)
    {
        foreach (var r in _init) if (r.Name == name) return r;
        foreach (var r in _app) if (r.Name == name) return r;
        return null;
    }

    private static ContainerStatus? StatusNamed(List<ContainerStatus>? statuses, string? name)
    {
        if (statuses is null) return null;
        foreach (var s in statuses) if (s.Name == name) return s;
        return null;
    }

    /// <summary>containerID == "containerd://" + id, without building the string.</summary>
    private static bool IsContainerId(string? containerId, string? id)
    {
        const string scheme = "containerd://";
        id ??= "";
        return containerId is not null && containerId.Length == scheme.Length + id.Length
            && string.CompareOrdinal(containerId, 0, scheme, 0, scheme.Length) == 0
            && string.CompareOrdinal(containerId, scheme.Length, id, 0, id.Length) == 0;
    }

    /// <summary>SetContainerReadiness / SetContainerStartup: update the cached status's flags and conditions only.</summary>
    private void RefreshProbeFlags()
    {
        if (_lastStatus is null) return;
        // Look before cloning: a result that changes no flag (the status already shows it) needs no copy.
        if (!ApplyProbeFlags(_lastStatus, dryRun: true)) return;
        var status = PodStatusRoundTrip.Copy(_lastStatus);
        ApplyProbeFlags(status, dryRun: false);
        status.Conditions = PodConditions.Generate(_pod, status.InitContainerStatuses ?? [], status.ContainerStatuses ?? [], status.Phase ?? "Pending",
            _sandboxReady, _anyAppStarted, _lastStatus.Conditions, Context.Now);
        _lastStatus = status;
        ObserveForProbes(status);
        PushStatus(status);
    }
}
