using ActorPods.Actors;
using ActorPods.Node;
using ActorPods.Sim.Faults;
using ActorPods.Sim.Network;
using ActorPods.Sim.Printing;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Scenarios;

/// <summary>The fault actions: carried out through <see cref="ClusterFaults"/>, traced and printed, undone after <c>for:</c>.</summary>
public sealed partial class ScenarioDirector
{
    private readonly ClusterFaults? _faults;
    private readonly Dictionary<int, Partition> _partitionsMade = new();

    private void ReceiveFaults()
    {
        Receive<FaultCompleted>(FinishFault);
        Receive<UndoFault>(m => Undo(m.Index));
    }

    private void RunFault(int index, FaultAction action, bool undo)
    {
        if (_faults is null)
        {
            Self.Tell(new FaultCompleted(index, action, undo, "error: this cluster has no fault injection"));
            return;
        }
        try
        {
            switch (action)
            {
                case PartitionAction p:
                    var made = _faults.Partition(p.Nodes, p.From, p.OneWay, p.Mode);
                    _partitionsMade[index] = made;
                    Done($"partition #{made.Id}");
                    break;
                case HealOne h:
                    Done(_faults.Heal(h.Partition) ? $"partition #{h.Partition.Id} healed" : $"partition #{h.Partition.Id} was already healed");
                    break;
                case HealAction h:
                    var healed = h.Nodes is null ? _faults.HealAll() : h.Nodes.Sum(_faults.Heal);
                    Done($"{healed} partition(s) healed");
                    break;
                case LinkAction { Profile: null } l:
                    _faults.ResetLink(l.From, l.To);
                    Done("link reset to the default");
                    break;
                case LinkAction l:
                    _faults.SetLink(l.From, l.To, l.Profile, l.OneWay);
                    Done("link set");
                    break;
                case NodeFaultAction n:
                    RunNodeVerb(index, n, undo);
                    break;
                case KillContainerAction k:
                    if (NodeOf(k.Namespace, k.Pod) is not { } killNode) Done($"Error from server (NotFound): pods \"{k.Pod}\" not found");
                    else Pipe(_faults.KillContainer(killNode, new KillContainer(k.Namespace, k.Pod, k.Container ?? "", k.ExitCode, k.Oom)));
                    break;
                case FailProbeAction f:
                    if (NodeOf(f.Namespace, f.Pod) is not { } probeNode) Done($"Error from server (NotFound): pods \"{f.Pod}\" not found");
                    else Pipe(_faults.FailProbeTarget(probeNode, new FailProbeTarget(f.Namespace, f.Pod, f.Container ?? "", f.Probe, f.Duration)));
                    break;
            }
        }
        catch (ArgumentException e)
        {
            Done("error: " + e.Message);
        }

        void Done(string result) => Self.Tell(new FaultCompleted(index, action, undo, result));

        void Pipe(Task<NodeFaultResult> task)
        {
            var self = Self;
            task.ContinueWith(t => self.Tell(new FaultCompleted(index, action, undo, t.Result.Ok ? t.Result.Message : "error: " + t.Result.Message)),
                TaskContinuationOptions.ExecuteSynchronously);
        }
    }

    private void RunNodeVerb(int index, NodeFaultAction n, bool undo)
    {
        var faults = _faults!;
        void Done(string result) => Self.Tell(new FaultCompleted(index, n, undo, result));
        switch (n.Verb)
        {
            case "crashNode":
                Done($"node \"{n.Node}\" crashed ({faults.CrashNode(n.Node)} actors stopped)");
                break;
            case "restartNode":
                faults.RestartNode(n.Node);
                Done($"node \"{n.Node}\" booted");
                break;
            case "pauseNode":
                Done($"node \"{n.Node}\" paused ({faults.PauseNode(n.Node)} actors frozen)");
                break;
            case "resumeNode":
                Done($"node \"{n.Node}\" resumed ({faults.ResumeNode(n.Node)} actors thawed)");
                break;
            case "stopKubelet" or "startKubelet":
                var self = Self;
                var task = n.Verb == "stopKubelet" ? faults.StopKubelet(n.Node) : faults.StartKubelet(n.Node);
                task.ContinueWith(t => self.Tell(new FaultCompleted(index, n, undo, t.Result.Ok ? t.Result.Message : "error: " + t.Result.Message)),
                    TaskContinuationOptions.ExecuteSynchronously);
                break;
        }
    }

    private string? NodeOf(string ns, string pod) =>
        _views.Get(ns, pod) is { Deleted: false, Node: { Length: > 0 } node } ? node : null;

    /// <summary>The <c>for:</c> of an action ran out: carry out its inverse, traced and printed like any action.</summary>
    private void Undo(int index)
    {
        var action = (FaultAction)_actions[index];
        FaultAction? inverse = action switch
        {
            PartitionAction when _partitionsMade.TryGetValue(index, out var p) => new HealOne(action.Trigger, action.Position, p),
            LinkAction l => l with { Profile = null, OneWay = false, Duration = null },
            NodeFaultAction { Verb: "crashNode" } n => n with { Verb = "restartNode", Duration = null },
            NodeFaultAction { Verb: "stopKubelet" } n => n with { Verb = "startKubelet", Duration = null },
            NodeFaultAction { Verb: "pauseNode" } n => n with { Verb = "resumeNode", Duration = null },
            _ => null,
        };
        if (inverse is null)
        {
            _state.Pending--;
            return;
        }
        RunFault(index, inverse, undo: true);
    }

    private void FinishFault(FaultCompleted c)
    {
        var action = c.Action;
        // "index" (spec.actions[index]) names the fault for recover expectations; an undo carries its fault's.
        var fields = new TraceFields().Add("action", action.Kind).Add("index", (long)c.Index);
        var line = $"{PodWatchStream.Stamp(Context.Elapsed)} action: ";
        switch (action)
        {
            case PartitionAction p:
                fields.Add("nodes", p.Nodes.ToList()).Add("from", p.From?.ToList()).Add("oneWay", p.OneWay)
                    .Add("mode", p.Mode == PartitionMode.Hold ? "hold" : "drop").Add("for", ForText(p.For));
                line += $"partition {string.Join(",", p.Nodes)} {(p.OneWay ? "one way " : "")}from {(p.From is null ? "every other host" : string.Join(",", p.From))}" +
                        (p.Mode == PartitionMode.Hold ? " (hold)" : "") + ForSuffix(p.For);
                break;
            case HealOne h:
                fields.Add("id", (long)h.Partition.Id);
                line += $"heal partition #{h.Partition.Id}";
                break;
            case HealAction h:
                fields.Add("nodes", h.Nodes?.ToList());
                line += h.Nodes is null ? "heal all" : $"heal {string.Join(",", h.Nodes)}";
                break;
            case LinkAction l:
                fields.Add("from", l.From).Add("to", l.To).Add("reset", l.Reset);
                if (l.Profile is { } profile)
                {
                    fields.Add("latency", profile.Latency.ToString()).Add("loss", (decimal)profile.Loss).Add("duplicate", (decimal)profile.Duplicate)
                        .Add("oneWay", l.OneWay).Add("for", ForText(l.For));
                    line += $"link {l.From} {(l.OneWay ? "->" : "<->")} {l.To}: latency {profile.Latency}" +
                            (profile.Loss > 0 ? $", loss {profile.Loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "") +
                            (profile.Duplicate > 0 ? $", duplicate {profile.Duplicate.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "") +
                            ForSuffix(l.For);
                }
                else line += $"reset link {l.From} <-> {l.To}";
                break;
            case NodeFaultAction n:
                fields.Add("node", n.Node).Add("for", ForText(n.For));
                line += n.Verb switch
                {
                    "crashNode" => $"crash node {n.Node}",
                    "restartNode" => $"restart node {n.Node}",
                    "stopKubelet" => $"systemctl stop kubelet on {n.Node}",
                    "startKubelet" => $"systemctl start kubelet on {n.Node}",
                    "pauseNode" => $"pause node {n.Node}",
                    _ => $"resume node {n.Node}",
                } + ForSuffix(n.For);
                break;
            case KillContainerAction k:
                fields.Add("ns", k.Namespace).Add("pod", k.Pod).Add("container", k.Container).Add("exitCode", (long)k.ExitCode).Add("oom", k.Oom);
                line += $"kill container {k.Container ?? "(first)"} of pod {k.Pod}{(k.Namespace == "default" ? "" : " -n " + k.Namespace)}" +
                        (k.Oom ? " (OOM killer)" : $" (exit code {k.ExitCode})");
                break;
            case FailProbeAction f:
                fields.Add("ns", f.Namespace).Add("pod", f.Pod).Add("container", f.Container).Add("probe", f.Probe).Add("for", ForText(f.Duration));
                line += $"fail {f.Probe} probe of pod {f.Pod}{(f.Container is null ? "" : " container " + f.Container)} for {Durations.Format(f.Duration)}";
                break;
        }
        if (c.Undo) fields.Add("auto", true).Add("undoes", ((ScenarioAction)_actions[c.Index]).Kind);
        fields.Add("result", c.Result);
        Context.System.EventStream.Publish(new TraceRecord(Context.Elapsed, "action", fields.Build()));
        _writeLine(line + (c.Undo ? $" (after {Durations.Format(((FaultAction)_actions[c.Index]).For ?? TimeSpan.Zero)})" : ""));
        if (c.Result.Length > 0) _writeLine("  " + c.Result);
        // A fault with for: stays pending until its undo has run, so the run does not end before it.
        if (!c.Undo && !c.Result.StartsWith("error:", StringComparison.Ordinal) && action.For is { } undoAfter)
        {
            _state.Pending++;
            Timers.StartSingleTimer(("undo", c.Index), new UndoFault(c.Index), undoAfter);
        }
        _state.Pending--;
    }

    private static string? ForText(TimeSpan? d) => d is { } v ? Durations.Format(v) : null;

    private static string ForSuffix(TimeSpan? d) => d is { } v ? $" for {Durations.Format(v)}" : "";

    /// <summary>The undo of a partition: that one partition, healed.</summary>
    private sealed record HealOne(ActionTrigger Trigger, Position Position, Partition Partition) : FaultAction(Trigger, Position)
    {
        public override string Kind => "heal";
    }

    private sealed record FaultCompleted(int Index, FaultAction Action, bool Undo, string Result);

    private sealed record UndoFault(int Index);
}
