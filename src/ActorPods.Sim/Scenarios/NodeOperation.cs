using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Sim.Printing;
using KubeNode = ActorPods.Api.Model.Node;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// One node action carried out as kubectl 1.32 does it, through the api-server only: cordon / uncordon PATCH
/// spec.unschedulable (k8s.io/kubectl/pkg/drain/cordon.go), taint PATCHes spec.taints (k8s.io/kubectl/pkg/cmd/taint),
/// drain cordons, picks the pods (DrainPodFilter), evicts them through pods/eviction and waits, polling every second,
/// until each is gone (k8s.io/kubectl/pkg/drain/drain.go). A child of the ScenarioDirector: it answers
/// <see cref="NodeOperationFinished"/> with kubectl's output and stops. Drain prints its lines as they happen, like the
/// real command does; the others print when they finish.
/// </summary>
public sealed class NodeOperation : Actor
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    // waitForDelete polls with this interval (drain.go: "interval: 1 * time.Second").
    private static readonly TimeSpan DeletePollInterval = TimeSpan.FromSeconds(1);

    private readonly int _index;
    private readonly NodeAction _action;
    private readonly IActorRef _apiServer;
    private readonly Action<string> _writeLine;
    private readonly List<string> _lines = [];
    private readonly Dictionary<long, Action<object?>> _calls = new();
    private readonly List<string> _evictionErrors = [];
    private long _nextCall;
    private int _evicting;

    public NodeOperation(int index, NodeAction action, IActorRef apiServer, Action<string> writeLine)
    {
        _index = index;
        _action = action;
        _apiServer = apiServer;
        _writeLine = writeLine;
        Receive<Replied>(m =>
        {
            if (_calls.Remove(m.Id, out var then)) then(m.Reply);
        });
        Receive<PollPod>(m => Poll(m.Pod));
    }

    public static Props CreateProps(int index, NodeAction action, IActorRef apiServer, Action<string> writeLine) =>
        Props.Create(() => new NodeOperation(index, action, apiServer, writeLine));

    protected override void PreStart()
    {
        switch (_action)
        {
            case CordonAction c:
                SetUnschedulable(c.Cordon, Finish);
                break;
            case TaintAction t:
                Taint(t);
                break;
            case DrainAction:
                _writeLine($"{PodWatchStream.Stamp(Context.Elapsed)} action: {_action.CommandLine}");
                SetUnschedulable(true, ListPods);
                break;
        }
    }

    private string NodeName => _action.Node;

    private void Output(string line)
    {
        _lines.Add(line);
        if (_action is DrainAction) _writeLine($"{PodWatchStream.Stamp(Context.Elapsed)}   {line}");
    }

    private void Fail(string line)
    {
        Output(line);
        Finish();
    }

    private void Finish()
    {
        Context.Parent.Tell(new NodeOperationFinished(_index, string.Join("\n", _lines)), Self);
        Context.Stop(Self);
    }

    private void Call<T>(ApiServerRequest request, Action<T?> then) where T : class
    {
        var id = ++_nextCall;
        _calls[id] = reply => then(reply as T);
        var self = Self;
        _apiServer.Ask<T>(request, RequestTimeout).ContinueWith(t => self.Tell(new Replied(id, t.IsCompletedSuccessfully ? t.Result : null)),
            TaskContinuationOptions.ExecuteSynchronously);
    }

    private static string ServerError(IApiResult? r) =>
        r?.Error is { } e ? $"Error from server ({e.Reason}): {e.Message}" : "error: the server was unable to return a response in the time allotted";

    private void GetNode(Action<KubeNode> then) =>
        Call<ObjectResult>(new Get("nodes", null, NodeName), r =>
        {
            if (r?.Object is KubeNode node) then(node);
            else Fail(ServerError(r));
        });

    /// <summary>CordonHelper: nothing to do when spec.unschedulable already is as wanted, else a PATCH of that field.</summary>
    private void SetUnschedulable(bool desired, Action then) =>
        GetNode(node =>
        {
            var verb = desired ? "cordoned" : "uncordoned";
            if ((node.Spec?.Unschedulable == true) == desired)
            {
                Output($"node/{NodeName} already {verb}");
                then();
                return;
            }
            // The two-way merge patch of kubectl: false is the field's zero value, so it is removed.
            var patch = desired ? """{"spec":{"unschedulable":true}}""" : """{"spec":{"unschedulable":null}}""";
            Call<ObjectResult>(new Patch("nodes", null, NodeName, patch), r =>
            {
                if (r?.IsSuccess != true)
                {
                    Fail(ServerError(r));
                    return;
                }
                Output($"node/{NodeName} {verb}");
                then();
            });
        });

    /// <summary>kubectl taint (updateTaints / ReorganizeTaints): refuses a duplicate key and effect (no --overwrite here).</summary>
    private void Taint(TaintAction t) =>
        GetNode(node =>
        {
            var taints = (node.Spec?.Taints ?? []).ToList();
            if (!t.Remove)
            {
                if (taints.Any(x => x.Key == t.Key && x.Effect == t.Effect))
                {
                    Fail($"error: node {NodeName} already has {t.Key} taint(s) with same effect(s) and --overwrite is false");
                    return;
                }
                taints.Add(new Taint { Key = t.Key, Value = string.IsNullOrEmpty(t.Value) ? null : t.Value, Effect = t.Effect });
            }
            else if (taints.RemoveAll(x => x.Key == t.Key && (t.Effect is null || x.Effect == t.Effect)) == 0)
            {
                // v1.Taint.ToString of the taint to remove.
                Fail($"error: taint \"{t.Key}{(t.Effect is null ? "" : ":" + t.Effect)}\" not found");
                return;
            }
            var list = taints.Count == 0 ? null : JsonSerializer.SerializeToNode(taints, KubeJson.Options);
            var patch = new JsonObject { ["spec"] = new JsonObject { ["taints"] = list } };
            Call<ObjectResult>(new Patch("nodes", null, NodeName, patch.ToJsonString()), r =>
            {
                if (r?.IsSuccess != true) Fail(ServerError(r));
                else
                {
                    Output($"node/{NodeName} {(t.Remove ? "untainted" : "tainted")}");
                    Finish();
                }
            });
        });

    private void ListPods() =>
        Call<ListResult>(new List("pods", null, FieldSelector: $"spec.nodeName={NodeName}"), r =>
        {
            if (r?.IsSuccess != true)
            {
                Fail(ServerError(r));
                return;
            }
            var decisions = DrainPodFilter.Decide(r.Items.Cast<Pod>(), (DrainAction)_action);
            var errors = DrainPodFilter.Errors(decisions);
            if (errors.Count > 0)
            {
                DrainFailed(errors);
                Finish();
                return;
            }
            // kubectl prints the warnings on stderr before it starts.
            if (DrainPodFilter.Warnings(decisions) is { Length: > 0 } warnings) Output($"Warning: {warnings}");
            var pods = decisions.Where(d => d.Evict).Select(d => d.Pod).ToList();
            _evicting = pods.Count;
            if (pods.Count == 0) Drained();
            foreach (var pod in pods) EvictPod(pod);
        });

    /// <summary>RunDrain's report of a node it could not drain (the error is an aggregate when there are several).</summary>
    private void DrainFailed(IReadOnlyList<string> errors)
    {
        var joined = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        Output($"error: unable to drain node \"{NodeName}\" due to error: {joined}, continuing command...");
        Output("There are pending nodes to be drained:");
        Output($" {NodeName}");
        foreach (var e in errors) Output(e);
    }

    private void Drained()
    {
        if (_evictionErrors.Count > 0) DrainFailed(_evictionErrors);
        else Output($"node/{NodeName} drained");
        Finish();
    }

    /// <summary>evictPods: one eviction per pod; a pod already gone counts as done without a line.</summary>
    private void EvictPod(Pod pod)
    {
        var ns = pod.Metadata!.Namespace ?? "default";
        var name = pod.Metadata.Name!;
        Output($"evicting pod {ns}/{name}");
        Call<ObjectResult>(new Evict(ns, name, ((DrainAction)_action).GracePeriodSeconds), r =>
        {
            if (r is { IsSuccess: true }) Poll(pod);
            else if (r?.Error is { Code: 404 }) PodDone();
            else
            {
                var why = r?.Error?.Message ?? "the server was unable to return a response in the time allotted";
                Output($"error when evicting pods/\"{name}\" -n \"{ns}\": {why}");
                _evictionErrors.Add($"error when evicting pods/\"{name}\" -n \"{ns}\": {why}");
                PodDone();
            }
        });
    }

    /// <summary>waitForDelete: the pod is gone when it is not found or a new pod (another uid) took its name.</summary>
    private void Poll(Pod pod) =>
        Call<ObjectResult>(new Get("pods", pod.Metadata!.Namespace, pod.Metadata.Name!), r =>
        {
            if (r?.Error is { Code: 404 } || (r?.Object is { } now && now.Metadata?.Uid != pod.Metadata.Uid))
            {
                Output($"pod/{pod.Metadata.Name} evicted");
                PodDone();
            }
            else Timers.StartSingleTimer("poll/" + DrainPodFilter.Name(pod), new PollPod(pod), DeletePollInterval);
        });

    private void PodDone()
    {
        if (--_evicting == 0) Drained();
    }

    private sealed record Replied(long Id, object? Reply);

    private sealed record PollPod(Pod Pod);
}

/// <summary>A node action finished with kubectl's output lines (a drain has printed them already, as they came).</summary>
public sealed record NodeOperationFinished(int Index, string Result);
