using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;
using ActorPods.ControlPlane.Controllers.NodeLifecycle;

namespace ActorPods.ControlPlane.Controllers.TaintEviction;

/// <summary>
/// The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go, component
/// "taint-eviction-controller"): a pod on a node with NoExecute taints is deleted when the shortest of its matching
/// tolerations runs out, counted from when the controller first scheduled it (at once if a taint is not tolerated).
/// Deletion: event TaintManagerEviction "Marking for deletion Pod ns/name", condition DisruptionTarget=True
/// (DeletionByTaintManager), then an ordinary graceful DELETE. A scheduled deletion whose taints go away first is
/// cancelled with "Cancelling deletion of Pod ns/name".
/// </summary>
public sealed class TaintEvictionController : ControllerActor
{
    private readonly Informer _nodes;
    private readonly Informer _pods;
    private readonly NodePodIndex _podsByNode = new();

    /// <summary>TimedWorkerQueue: pending (and already fired, to keep them from being re-added) evictions by pod key.</summary>
    private readonly Dictionary<string, ScheduledEviction> _queue = new(StringComparer.Ordinal);

    /// <summary>Tells a timer that fired for a cancelled and re-added eviction from the current one.</summary>
    private int _generation;

    public TaintEvictionController(IActorRef apiServer) : base(apiServer, "taint-eviction-controller")
    {
        _nodes = Inform("nodes");
        _pods = Inform("pods");
        _pods.Changed += _podsByNode.Apply;
        _nodes.Changed += OnNodeChanged;
        _pods.Changed += OnPodChanged;
        Receive<Fire>(f => FireEviction(f.PodKey, f.Generation));
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new TaintEvictionController(apiServer));

    private static List<Taint> NoExecuteTaints(Node? node) => node?.Spec?.Taints?.Where(t => t.Effect == "NoExecute").ToList() ?? [];

    private static string TaintKey(IEnumerable<Taint> taints) => string.Join(";", taints.Select(t => $"{t.Key}={t.Value}:{t.Effect}").Order(StringComparer.Ordinal));

    /// <summary>handleNodeUpdate: on a change of a node's NoExecute taints every pod on it is looked at again.</summary>
    private void OnNodeChanged(KubeObject? oldObj, KubeObject? newObj)
    {
        var oldTaints = NoExecuteTaints(oldObj as Node);
        var newTaints = NoExecuteTaints(newObj as Node);
        if (oldObj is not null && newObj is not null && TaintKey(oldTaints) == TaintKey(newTaints)) return;
        var name = (newObj ?? oldObj)!.Metadata!.Name!;
        foreach (var pod in _podsByNode.PodsOn(name))
        {
            if (newTaints.Count == 0) CancelWithEvent(ObjectKey.Of(pod));
            else ProcessPodOnNode(pod, newTaints);
        }
    }

    /// <summary>handlePodUpdate: a pod that is gone loses its scheduled deletion; one on a tainted node is (re)scheduled.</summary>
    private void OnPodChanged(KubeObject? oldObj, KubeObject? newObj)
    {
        if (newObj is not Pod pod)
        {
            CancelWithEvent(ObjectKey.Of(oldObj!));
            return;
        }
        if (oldObj is Pod old && old.Spec?.NodeName == pod.Spec?.NodeName && SameTolerations(old, pod)) return;
        if (string.IsNullOrEmpty(pod.Spec?.NodeName)) return;
        var taints = NoExecuteTaints(_nodes.Find<Node>(pod.Spec.NodeName));
        if (taints.Count == 0) return;
        ProcessPodOnNode(pod, taints);
    }

    /// <summary>The tolerations are the same, field by field (an unset string field equals an empty one).</summary>
    private static bool SameTolerations(Pod a, Pod b)
    {
        var x = a.Spec?.Tolerations;
        var y = b.Spec?.Tolerations;
        if (ReferenceEquals(x, y)) return true;
        if ((x?.Count ?? 0) != (y?.Count ?? 0)) return false;
        for (var i = 0; i < (x?.Count ?? 0); i++)
        {
            var (s, t) = (x![i], y![i]);
            if ((s.Key ?? "") != (t.Key ?? "") || (s.Operator ?? "") != (t.Operator ?? "") || (s.Value ?? "") != (t.Value ?? "")
                || (s.Effect ?? "") != (t.Effect ?? "") || s.TolerationSeconds != t.TolerationSeconds)
                return false;
        }
        return true;
    }

    /// <summary>processPodOnNode.</summary>
    private void ProcessPodOnNode(Pod pod, List<Taint> taints)
    {
        var key = ObjectKey.Of(pod);
        var now = Now;
        var (allTolerated, used) = Tolerations.Matching(taints, pod.Spec?.Tolerations);
        if (!allTolerated)
        {
            CancelWithEvent(key);
            Schedule(key, now, now);
            return;
        }
        if (Tolerations.MinTolerationTime(used) is not { } min)
        {
            CancelWithEvent(key);
            return;
        }
        var start = now;
        var trigger = now + min;
        if (_queue.TryGetValue(key, out var scheduled))
        {
            if (scheduled.Fired) return;
            start = scheduled.CreatedAt;
            if (start + min < trigger) return;
            CancelWithEvent(key);
        }
        Schedule(key, start, start + min);
    }

    /// <summary>TimedWorkerQueue.AddWork: ignored when the key is already queued (or fired).</summary>
    private void Schedule(string key, DateTimeOffset createdAt, DateTimeOffset fireAt)
    {
        if (_queue.ContainsKey(key)) return;
        var generation = ++_generation;
        _queue[key] = new ScheduledEviction(createdAt, fireAt, generation);
        var delay = fireAt - Now;
        if (delay <= TimeSpan.Zero) Self.Tell(new Fire(key, generation), Self);
        else Timers.StartSingleTimer(("evict", key), new Fire(key, generation), delay);
    }

    /// <summary>cancelWorkWithEvent: the event only when a not-yet-fired deletion was cancelled.</summary>
    private void CancelWithEvent(string key)
    {
        if (!_queue.Remove(key, out var scheduled)) return;
        Timers.Cancel(("evict", key));
        if (scheduled.Fired) return;
        var (ns, name) = ObjectKey.Split(key);
        RecordEvent(new ObjectReference { ApiVersion = "v1", Kind = "Pod", Namespace = ns, Name = name }, "Normal", "TaintManagerEviction",
            $"Cancelling deletion of Pod {key}");
    }

    /// <summary>deletePodHandler + addConditionAndDeletePod.</summary>
    private void FireEviction(string key, int generation)
    {
        if (!_queue.TryGetValue(key, out var scheduled) || scheduled.Generation != generation || scheduled.Fired) return;
        _queue[key] = scheduled with { Fired = true };
        var (ns, name) = ObjectKey.Split(key);
        RecordEvent(new ObjectReference { ApiVersion = "v1", Kind = "Pod", Namespace = ns, Name = name }, "Normal", "TaintManagerEviction",
            $"Marking for deletion Pod {key}");
        Send(new Get("pods", ns, name), got =>
        {
            if (!got.IsSuccess) return;
            var pod = (Pod)got.Object!;
            var status = pod.Status ??= new PodStatus();
            var changed = PodConditions.Set(status, new PodCondition
            {
                Type = "DisruptionTarget", Status = "True", Reason = "DeletionByTaintManager", Message = "Taint manager: deleting due to NoExecute taint",
            }, Now);
            if (changed) Send(new Update(pod, "status"));
            Send(new Delete("pods", ns, name));
        });
    }

    /// <summary>Unused: this controller works from its watch handlers and its eviction timers, not from a key queue.</summary>
    protected override void Sync(string key)
    {
    }

    private sealed record ScheduledEviction(DateTimeOffset CreatedAt, DateTimeOffset FireAt, int Generation, bool Fired = false);

    private sealed record Fire(string PodKey, int Generation);
}
