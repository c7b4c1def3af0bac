using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node;
using ActorPods.Node.Observability;
using ActorPods.Node.Kubelet.PodWorkers;
using KubeNode = ActorPods.Api.Model.Node;
using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;

namespace ActorPods.Sim.Cluster.StandIn;

/// <summary>
/// A deliberately simple stand-in for the node side (kubelet + runtime), speaking the same contract as NodeActor:
/// registers a Ready Node, watches the pods bound to it, reports them ContainerCreating then Running (every container
/// ready), and on deletion signals SIGTERM, reports the containers exited and removes the pod. It runs no userland
/// and no probes: it exists so the cluster assembly, the trace, the printing and the scenarios can be exercised before
/// the real NodeActor is merged. Exec answers from a tiny fixed table (echo, true, false, anything else: exit 0).
/// </summary>
public sealed class StandInNodeActor : Actor
{
    private readonly NodeConfig _config;
    private readonly IActorRef _apiServer;
    private readonly StandInNodeOptions _options;
    private readonly Dictionary<(string, string), PodState> _pods = new();
    private int _nextIp = 2;

    public StandInNodeActor(NodeConfig config, IActorRef apiServer, NodeServices services, StandInNodeOptions options)
    {
        _config = config;
        _apiServer = apiServer;
        _options = options;
        Receive<ObjectResult>(_ => { });
        Receive<WatchResult>(_ => { });
        Receive<WatchEvent>(OnPodEvent);
        Receive<StartContainers>(m => Start(m.Key));
        Receive<FinishTermination>(m => Finish(m.Key));
        Receive<ExecInContainer>(m => Sender.Tell(Exec(m), Self));
        // No userland runs here, so no container writes a line.
        Receive<GetContainerLogs>(_ => Sender.Tell(new ContainerLogsResult([], null), Self));
    }

    protected override void PreStart()
    {
        _apiServer.Tell(new Create(NodeObject()), Self);
        _apiServer.Tell(new Watch("pods", FieldSelector: $"spec.nodeName={_config.Name}", ResourceVersion: "0"), Self);
    }

    private void OnPodEvent(WatchEvent e)
    {
        if (e.Object is not Pod pod) return;
        var key = (pod.Metadata!.Namespace ?? "default", pod.Metadata.Name!);
        if (e.Type == WatchEventType.Deleted)
        {
            _pods.Remove(key);
            return;
        }
        if (!_pods.TryGetValue(key, out var state))
        {
            if (pod.Metadata.DeletionTimestamp is not null || pod.Status?.Phase is "Succeeded" or "Failed") return;
            state = new PodState(pod, $"10.244.{_config.PodCidrIndex}.{_nextIp++}");
            _pods[key] = state;
            PatchStatus(pod, Status(pod, state, running: false));
            Timers.StartSingleTimer(("start", key), new StartContainers(key), _options.StartDelay);
            return;
        }
        state.Pod = pod;
        if (pod.Metadata.DeletionTimestamp is not null && !state.Terminating)
        {
            state.Terminating = true;
            Timers.Cancel(("start", key));
            foreach (var c in pod.Spec?.Containers ?? [])
            {
                if (!state.Running) continue;
                Context.System.EventStream.Publish(new SignalObserved(key.Item1, key.Item2, c.Name!, "SIGTERM"));
                Event(pod, "Normal", "Killing", $"Stopping container {c.Name}");
            }
            var grace = TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? 0);
            Timers.StartSingleTimer(("stop", key), new FinishTermination(key), grace < _options.StopDelay ? grace : _options.StopDelay);
        }
    }

    private void Start((string, string) key)
    {
        if (!_pods.TryGetValue(key, out var state) || state.Terminating) return;
        state.Running = true;
        state.StartedAt = Truncate(Context.Now);
        foreach (var c in state.Pod.Spec?.Containers ?? [])
        {
            Event(state.Pod, "Normal", "Started", $"Started container {c.Name}");
            Context.System.EventStream.Publish(new ContainerLogLine(key.Item1, key.Item2, c.Name!, $"stand-in container {c.Name} started"));
        }
        PatchStatus(state.Pod, Status(state.Pod, state, running: true));
    }

    private void Finish((string, string) key)
    {
        if (!_pods.TryGetValue(key, out var state)) return;
        var status = Status(state.Pod, state, running: false);
        foreach (var cs in status.ContainerStatuses ?? [])
        {
            cs.State = new ContainerState
            {
                Terminated = new ContainerStateTerminated
                {
                    ExitCode = 0, Reason = "Completed", StartedAt = state.StartedAt, FinishedAt = Truncate(Context.Now),
                    ContainerID = cs.ContainerID,
                },
            };
            cs.Ready = false;
            cs.Started = false;
        }
        PatchStatus(state.Pod, status);
        _apiServer.Tell(new Delete("pods", key.Item1, key.Item2, GracePeriodSeconds: 0), Self);
    }

    private PodStatus Status(Pod pod, PodState state, bool running)
    {
        var now = Truncate(Context.Now);
        var containers = pod.Spec?.Containers ?? [];
        string Cond(bool value) => value ? "True" : "False";
        return new PodStatus
        {
            Phase = running ? "Running" : "Pending",
            HostIP = _config.NodeIp,
            HostIPs = [new HostIP { Ip = _config.NodeIp }],
            PodIP = running ? state.Ip : null,
            PodIPs = running ? [new PodIP { Ip = state.Ip }] : null,
            StartTime = state.StartTime ??= now,
            QosClass = pod.Status?.QosClass,
            Conditions =
            [
                new PodCondition { Type = "PodReadyToStartContainers", Status = Cond(running), LastTransitionTime = now },
                new PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = state.StartTime },
                new PodCondition { Type = "Ready", Status = Cond(running), Reason = running ? null : "ContainersNotReady",
                    Message = running ? null : $"containers with unready status: [{string.Join(" ", containers.Select(c => c.Name))}]", LastTransitionTime = now },
                new PodCondition { Type = "ContainersReady", Status = Cond(running), Reason = running ? null : "ContainersNotReady",
                    Message = running ? null : $"containers with unready status: [{string.Join(" ", containers.Select(c => c.Name))}]", LastTransitionTime = now },
                new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = state.StartTime },
            ],
            ContainerStatuses = containers.Select(c => new ContainerStatus
            {
                Name = c.Name,
                Image = c.Image,
                ImageID = "",
                ContainerID = running ? $"containerd://{c.Name}-{state.Ip}" : null,
                Ready = running,
                Started = running,
                RestartCount = 0,
                State = running
                    ? new ContainerState { Running = new ContainerStateRunning { StartedAt = state.StartedAt } }
                    : new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } },
            }).ToList(),
        };
    }

    private void PatchStatus(Pod pod, PodStatus status)
    {
        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, KubeJson.Options) };
        _apiServer.Tell(new Patch("pods", pod.Metadata!.Namespace, pod.Metadata.Name!, patch.ToJsonString(), "status"), Self);
    }

    private void Event(Pod pod, string type, string reason, string message)
    {
        var involved = new ObjectReference
        {
            Kind = "Pod", Namespace = pod.Metadata!.Namespace, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid, ApiVersion = "v1",
            FieldPath = null,
        };
        _apiServer.Tell(new RecordEvent(involved, type, reason, message, new EventSource { Component = "kubelet", Host = _config.Name }), Self);
    }

    private static ContainerExecResult Exec(ExecInContainer m)
    {
        var argv = m.Command;
        if (argv.Count == 0) return new ContainerExecResult(126, "exec: no command given\n", null);
        return argv[0] switch
        {
            "echo" => new ContainerExecResult(0, string.Join(' ', argv.Skip(1)) + "\n", null),
            "false" => new ContainerExecResult(1, "", null),
            _ => new ContainerExecResult(0, "", null),
        };
    }

    private KubeNode NodeObject()
    {
        var capacity = new Dictionary<string, Quantity>
        {
            ["cpu"] = _config.Cpu,
            ["memory"] = _config.Memory,
            ["pods"] = _config.Pods,
            ["ephemeral-storage"] = Quantity.Parse("100Gi"),
        };
        var labels = new Dictionary<string, string>(_config.Labels)
        {
            ["kubernetes.io/hostname"] = _config.Name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
        };
        var now = Truncate(Context.Now);
        return new KubeNode
        {
            ApiVersion = "v1", Kind = "Node",
            Metadata = new ObjectMeta { Name = _config.Name, Labels = labels },
            Spec = new NodeSpec { PodCIDR = _config.PodCidr, PodCIDRs = [_config.PodCidr] },
            Status = new NodeStatus
            {
                Capacity = capacity,
                Allocatable = new Dictionary<string, Quantity>(capacity),
                Conditions = [new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "kubelet is posting ready status",
                    LastHeartbeatTime = now, LastTransitionTime = now }],
                Addresses = [new NodeAddress { Type = "InternalIP", Address = _config.NodeIp }, new NodeAddress { Type = "Hostname", Address = _config.Name }],
                NodeInfo = new NodeSystemInfo { KubeletVersion = _config.KubeletVersion, OperatingSystem = "linux", Architecture = "amd64",
                    ContainerRuntimeVersion = "containerd://1.7.22" },
            },
        };
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    private sealed class PodState(Pod pod, string ip)
    {
        public Pod Pod { get; set; } = pod;
        public string Ip { get; } = ip;
        public bool Running { get; set; }
        public bool Terminating { get; set; }
        public DateTimeOffset? StartTime { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
    }

    private sealed record StartContainers((string, string) Key);

    private sealed record FinishTermination((string, string) Key);
}
