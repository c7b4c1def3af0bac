using ActorPods.Actors;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Node.Kubelet.Runtime;
using ApiContainer = ActorPods.Api.Model.Container;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>One run of a container (a ContainerActor): what the runtime knows about it.</summary>
public sealed class ContainerInstance(string id, IActorRef actor, ContainerLog log, int restartCount, string image, string imageId,
    NetworkProbeEndpoint? probeEndpoint = null)
{
    public string Id { get; } = id;
    /// <summary>The status's containerID, built once per run rather than on every status generation.</summary>
    public string ContainerId => _containerId ??= "containerd://" + Id;
    private string? _containerId;
    public IActorRef Actor { get; } = actor;
    /// <summary>Where probers dial it (null for a ghost: nothing answers).</summary>
    public NetworkProbeEndpoint? ProbeEndpoint { get; } = probeEndpoint;
    public ContainerLog Log { get; } = log;
    public int RestartCount { get; } = restartCount;
    public string Image { get; } = image;
    public string ImageId { get; } = imageId;
    public DateTimeOffset? StartedAt { get; set; }
    public bool Running => StartedAt is not null && !Exited;
    public bool Exited { get; set; }
    public int ExitCode { get; set; }
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset FinishedAt { get; set; }
    public bool KillRequested { get; set; }

    /// <summary>A container of a sandbox that died with its node: known only from the api-server's status, no process.</summary>
    public bool Ghost { get; init; }
}

/// <summary>Everything the PodWorker tracks about one container name of the pod: its runs, the reason cache, probe results.</summary>
public sealed class ContainerRecord(ApiContainer spec, int index, bool isInit)
{
    public ApiContainer Spec { get; set; } = spec;
    public int Index { get; } = index;
    public bool IsInit { get; } = isInit;
    public bool IsSidecar => IsInit && Spec.RestartPolicy == "Always";
    public bool IsRegularInit => IsInit && !IsSidecar;
    public string Name => Spec.Name ?? "";

    /// <summary>The newest run last; the kubelet keeps the two newest (for lastState and logs --previous).</summary>
    public List<ContainerInstance> Instances { get; } = new();
    public ContainerInstance? Current => Instances.Count > 0 ? Instances[^1] : null;
    public ContainerInstance? Previous => Instances.Count > 1 ? Instances[^2] : null;

    /// <summary>The kubelet's reason cache: why the last start attempt failed (CrashLoopBackOff, ErrImagePull, …).</summary>
    public string? WaitingReason { get; set; }
    public string? WaitingMessage { get; set; }

    // Cached probe results for the current container ID (the prober's results manager), one slot per probe type, unset
    // until its prober reports: fields, not a dictionary, whose three objects every resync of every pod fetched.
    private ProbeResult? _liveness, _readiness, _startup;

    /// <summary>The cached result of <paramref name="type"/>, or <paramref name="unset"/> before its prober reported.</summary>
    public ProbeResult ResultOf(ProbeType type, ProbeResult unset = default) => type switch
    {
        ProbeType.Liveness => _liveness,
        ProbeType.Readiness => _readiness,
        _ => _startup,
    } ?? unset;

    public void SetResult(ProbeType type, ProbeResult result)
    {
        switch (type)
        {
            case ProbeType.Liveness: _liveness = result; break;
            case ProbeType.Readiness: _readiness = result; break;
            default: _startup = result; break;
        }
    }

    /// <summary>A new container ID: no prober has reported on it yet.</summary>
    public void ClearResults() => (_liveness, _readiness, _startup) = (null, null, null);

    public bool HasProbe(ProbeType t) => t switch
    {
        ProbeType.Liveness => Spec.LivenessProbe is not null,
        ProbeType.Readiness => Spec.ReadinessProbe is not null,
        _ => Spec.StartupProbe is not null,
    };

    /// <summary>prober_manager isContainerStarted: running and (no startup probe or it succeeded).</summary>
    public bool Started => Current is { Running: true }
                           && (!HasProbe(ProbeType.Startup) || ResultOf(ProbeType.Startup, ProbeResult.Unknown) == ProbeResult.Success);

    /// <summary>ready only when started: running and (no readiness probe or it succeeded).</summary>
    public bool Ready => Started
                         && (!HasProbe(ProbeType.Readiness) || ResultOf(ProbeType.Readiness, ProbeResult.Failure) == ProbeResult.Success);

    public void AddInstance(ContainerInstance instance)
    {
        Instances.Add(instance);
        ClearResults();
        if (Instances.Count > 2) Instances.RemoveAt(0);
    }
}
