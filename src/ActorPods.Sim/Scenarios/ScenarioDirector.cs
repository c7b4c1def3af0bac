using System.Text.Json;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Faults;
using ActorPods.Sim.Printing;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// Carries out a scenario's actions, as an operator with kubectl would: at their times, or a delay after a pod condition
/// first holds (watched through the trace). Each action is recorded in the trace as an "action" record and printed.
/// Lives on the control-plane host.
/// </summary>
public sealed partial class ScenarioDirector : Actor
{
    private readonly IReadOnlyList<ScenarioAction> _actions;
    private readonly IActorRef _apiServer;
    private readonly IReadOnlyDictionary<string, IActorRef> _nodes;
    private readonly ClusterNetwork _network;
    private readonly Action<string> _writeLine;
    private readonly PodViews _views = new();
    private readonly HashSet<int> _triggered = [];
    private readonly HashSet<int> _scheduled = [];
    private readonly ScenarioDirectorState _state;
    private readonly Dictionary<int, TimeSpan> _nodeActionStarts = new();

    public ScenarioDirector(IReadOnlyList<ScenarioAction> actions, IActorRef apiServer, IReadOnlyDictionary<string, IActorRef> nodes,
        ClusterNetwork network, Action<string> writeLine, ScenarioDirectorState state, ClusterFaults? faults = null)
    {
        _faults = faults;
        _state = state;
        _actions = actions;
        _apiServer = apiServer;
        _nodes = nodes;
        _network = network;
        _writeLine = writeLine;
        Receive<TraceRecord>(OnRecord);
        Receive<Fire>(m => Run(m.Index));
        Receive<Completed>(m => Finish(m));
        Receive<ExecIn>(m => Ask(m.Index, new ExecInContainer(((ExecAction)_actions[m.Index]).Namespace, ((ExecAction)_actions[m.Index]).Pod, m.Container,
            ((ExecAction)_actions[m.Index]).Command), m.Node, reply => reply));
        Receive<ObjectResult>(_ => { });
        Receive<NodeOperationFinished>(m => Finish(new Completed(m.Index, m.Result, null, null)));
        ReceiveFaults();
    }

    public static Props CreateProps(IReadOnlyList<ScenarioAction> actions, IActorRef apiServer, IReadOnlyDictionary<string, IActorRef> nodes,
        ClusterNetwork network, Action<string> writeLine, ScenarioDirectorState state, ClusterFaults? faults = null) =>
        Props.Create(() => new ScenarioDirector(actions, apiServer, nodes, network, writeLine, state, faults));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(TraceRecord));
        for (var i = 0; i < _actions.Count; i++)
        {
            if (_actions[i].Trigger is not AtTrigger at) continue;
            _scheduled.Add(i);
            _state.Pending++;
            var delay = at.At - Context.Elapsed;
            Timers.StartSingleTimer(i, new Fire(i), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnRecord(TraceRecord r)
    {
        if (_views.Apply(r) is not { } view) return;
        for (var i = 0; i < _actions.Count; i++)
        {
            if (_actions[i].Trigger is not WhenTrigger when || _scheduled.Contains(i)) continue;
            if (when.Condition.Namespace != view.Namespace || when.Condition.Pod != view.Name || !view.Matches(when.Condition)) continue;
            _scheduled.Add(i);
            _state.Pending++;
            Timers.StartSingleTimer(i, new Fire(i), when.After);
        }
    }

    private void Run(int index)
    {
        if (!_triggered.Add(index)) return;
        var action = _actions[index];
        switch (action)
        {
            case DeleteAction d:
            {
                var grace = d.Force ? 0 : d.GracePeriodSeconds;
                Ask(index, new Delete("pods", d.Namespace, d.Pod, grace), _apiServer, reply =>
                {
                    var r = (ObjectResult)reply;
                    return r.IsSuccess ? $"pod \"{d.Pod}\" deleted" : $"Error from server ({r.Error!.Reason}): {r.Error.Message}";
                });
                break;
            }
            case ExecAction x:
            {
                var view = _views.Get(x.Namespace, x.Pod);
                if (view?.Node is not { Length: > 0 } node || !_nodes.TryGetValue(node, out var nodeRef) || view.Deleted)
                {
                    Complete(index, "", exitCode: 1, output: $"Error from server (NotFound): pods \"{x.Pod}\" not found\n");
                    break;
                }
                if (x.Container is { } named)
                {
                    Ask(index, new ExecInContainer(x.Namespace, x.Pod, named, x.Command), nodeRef, reply => reply);
                    break;
                }
                // kubectl exec without -c runs in the first container of the spec.
                var self = Self;
                _apiServer.Ask<ObjectResult>(new Get("pods", x.Namespace, x.Pod), TimeSpan.FromSeconds(30)).ContinueWith(t =>
                {
                    var first = (t.IsCompletedSuccessfully ? t.Result.Object as Pod : null)?.Spec?.Containers?.FirstOrDefault()?.Name;
                    if (first is null) self.Tell(new Completed(index, null, 1, $"Error from server (NotFound): pods \"{x.Pod}\" not found\n"));
                    else self.Tell(new ExecIn(index, first, nodeRef));
                }, TaskContinuationOptions.ExecuteSynchronously);
                break;
            }
            case AddressAction a:
                if (a.Add) _network.AddAddress(a.Address);
                else _network.RemoveAddress(a.Address);
                Complete(index, a.Add ? $"address {a.Address} added" : $"address {a.Address} removed");
                break;
            case ApplyAction p:
            {
                var self = Self;
                var creates = p.Objects.Where(o => o is Namespace).Concat(p.Objects.Where(o => o is not Namespace))
                    .Select(o => Apply.KubectlApply.ApplyAsync(_apiServer, o, p.Path))
                    .ToList();
                Task.WhenAll(creates).ContinueWith(t => self.Tell(new Completed(index, string.Join("\n", t.Result), null, null)),
                    TaskContinuationOptions.ExecuteSynchronously);
                break;
            }
            case StaticPodAction sp:
                RunStaticPod(index, sp);
                break;
            case NodeAction n:
                _nodeActionStarts[index] = Context.Elapsed;
                Context.ActorOf(NodeOperation.CreateProps(index, n, _apiServer, _writeLine), $"node-action-{index}");
                break;
            case FaultAction f:
                RunFault(index, f, undo: false);
                break;
        }
    }

    private void Ask(int index, object message, IActorRef target, Func<object, object> describe)
    {
        var self = Self;
        target.Ask<object>(message, TimeSpan.FromSeconds(30)).ContinueWith(t =>
        {
            object outcome = t.IsCompletedSuccessfully ? describe(t.Result) : $"error: {t.Exception?.InnerException?.Message}";
            self.Tell(outcome is ContainerExecResult er ? ExecCompleted(index, er) : new Completed(index, (string)outcome, null, null));
        }, TaskContinuationOptions.ExecuteSynchronously);
    }

    // The kubelet answers -1 with an error when it could not run the command at all; kubectl then prints the
    // api-server's error and exits 1.
    private static Completed ExecCompleted(int index, ContainerExecResult r) => r switch
    {
        { ExitCode: < 0, Error: { } e } when e.StartsWith("pods ", StringComparison.Ordinal) => new(index, null, 1, $"Error from server (NotFound): {e}\n"),
        { ExitCode: < 0, Error: { } e } => new(index, null, 1, $"error: {e}\n"),
        _ => new(index, null, r.ExitCode, r.Output),
    };

    private void Complete(int index, string result, int? exitCode = null, string? output = null) =>
        Finish(new Completed(index, result, exitCode, output));

    private void Finish(Completed c)
    {
        var action = _actions[c.Index];
        // "index" (spec.actions[index]) names the action for recover expectations.
        var fields = new TraceFields().Add("action", action.Kind).Add("index", (long)c.Index);
        var line = $"{PodWatchStream.Stamp(Context.Elapsed)} action: ";
        switch (action)
        {
            case DeleteAction d:
                fields.Add("ns", d.Namespace).Add("pod", d.Pod).Add("gracePeriodSeconds", d.GracePeriodSeconds).Add("force", d.Force);
                line += $"kubectl delete pod {d.Pod}{(d.Namespace == "default" ? "" : " -n " + d.Namespace)}" +
                        (d.Force ? " --grace-period=0 --force" : d.GracePeriodSeconds is { } g ? $" --grace-period={g}" : "");
                break;
            case ExecAction x:
                fields.Add("ns", x.Namespace).Add("pod", x.Pod).Add("container", x.Container).Add("command", x.Command.ToList());
                line += $"kubectl exec {x.Pod}{(x.Namespace == "default" ? "" : " -n " + x.Namespace)}{(x.Container is null ? "" : " -c " + x.Container)} -- {string.Join(' ', x.Command)}";
                break;
            case AddressAction a:
                fields.Add("address", a.Address);
                line += $"{a.Kind} {a.Address}";
                break;
            case ApplyAction p:
                fields.Add("path", p.Path);
                line += $"kubectl apply -f {p.Path}";
                break;
            case NodeAction n:
                NodeActionFields.Add(fields, n, _nodeActionStarts.GetValueOrDefault(c.Index));
                line += n.CommandLine;
                break;
            case StaticPodAction sp:
                line += DescribeStaticPod(sp, fields);
                break;
        }
        if (c.ExitCode is { } code) fields.Add("exitCode", (long)code).Add("output", c.Output ?? "");
        else fields.Add("result", c.Result);
        Context.System.EventStream.Publish(new TraceRecord(Context.Elapsed, "action", fields.Build()));
        // A drain printed its command and lines as they came.
        if (action is DrainAction)
        {
            _state.Pending--;
            return;
        }
        _writeLine(line);
        if (c.ExitCode is { } exit)
        {
            foreach (var outLine in (c.Output ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)) _writeLine("  " + outLine);
            _writeLine($"  (exit code {exit})");
        }
        else if (c.Result is { Length: > 0 } result)
            foreach (var resultLine in result.Split('\n')) _writeLine("  " + resultLine);
        _state.Pending--;
    }

    private sealed record Fire(int Index);

    private sealed record ExecIn(int Index, string Container, IActorRef Node);

    private sealed record Completed(int Index, string? Result, int? ExitCode, string? Output);
}

/// <summary>What the run driver reads from the director between steps: actions whose time or condition came but that
/// have not finished (the run waits for them).</summary>
public sealed class ScenarioDirectorState
{
    public int Pending { get; set; }
}
