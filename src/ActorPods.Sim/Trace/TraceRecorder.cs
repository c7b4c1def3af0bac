using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Observability;
using ActorPods.Sim.Cluster;
using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;

namespace ActorPods.Sim.Trace;

/// <summary>
/// Turns what happens into trace records and publishes them on the system's EventStream (subscribe to
/// <see cref="TraceRecord"/>): pod and container changes (from its own watch on pods, diffing each pod against the last
/// version it saw), Kubernetes Events (its watch on events), nodes and Service endpoints (its watches on nodes and
/// endpoints, see TraceRecorder.Cluster.cs) and the node side's observations (probe, hook, signal, log).
/// </summary>
public sealed partial class TraceRecorder : Actor
{
    private readonly IActorRef _apiServer;
    private readonly Dictionary<(string, string), PodSnapshot> _pods = new();
    private readonly Dictionary<(string, string, bool, string), ContainerSnapshot> _containers = new();

    public TraceRecorder(IActorRef apiServer)
    {
        _apiServer = apiServer;
        Receive<WatchResult>(_ => { });
        Receive<WatchEvent>(OnWatchEvent);
        Receive<ProbeResultObserved>(m => Publish("probe", new TraceFields()
            .Add("ns", m.Namespace).Add("pod", m.Pod).Add("container", m.Container).Add("probe", m.Probe).Add("result", m.Result).Add("output", m.Output)));
        Receive<HookObserved>(m => Publish("hook", new TraceFields()
            .Add("ns", m.Namespace).Add("pod", m.Pod).Add("container", m.Container).Add("hook", m.Hook).Add("phase", m.Phase).Add("result", m.Result)));
        Receive<SignalObserved>(m => Publish("signal", new TraceFields()
            .Add("ns", m.Namespace).Add("pod", m.Pod).Add("container", m.Container).Add("signal", m.Signal)));
        Receive<ContainerLogLine>(m => Publish("log", new TraceFields()
            .Add("ns", m.Namespace).Add("pod", m.Pod).Add("container", m.Container).Add("line", m.Line)));
    }

    public static Props CreateProps(IActorRef apiServer) => Props.Create(() => new TraceRecorder(apiServer));

    protected override void PreStart()
    {
        var stream = Context.System.EventStream;
        stream.Subscribe(Self, typeof(ProbeResultObserved));
        stream.Subscribe(Self, typeof(HookObserved));
        stream.Subscribe(Self, typeof(SignalObserved));
        stream.Subscribe(Self, typeof(ContainerLogLine));
        _apiServer.Tell(new Watch("pods", ResourceVersion: "0"), Self);
        _apiServer.Tell(new Watch("events", ResourceVersion: "0"), Self);
        _apiServer.Tell(new Watch("nodes", ResourceVersion: "0"), Self);
        _apiServer.Tell(new Watch("endpoints", ResourceVersion: "0"), Self);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Publish(string type, TraceFields fields) =>
        Context.System.EventStream.Publish(new TraceRecord(Context.Elapsed, type, fields.Build()));

    private void OnWatchEvent(WatchEvent e)
    {
        switch (e.Object)
        {
            case Pod pod: OnPod(e.Type, pod); break;
            case Event ev when e.Type is WatchEventType.Added or WatchEventType.Modified: OnEvent(ev); break;
            case Api.Model.Node node: OnNode(e.Type, node); break;
            case Endpoints endpoints: OnEndpoints(e.Type, endpoints); break;
        }
    }

    private void OnPod(WatchEventType type, Pod pod)
    {
        var ns = pod.Metadata?.Namespace ?? "default";
        var name = pod.Metadata?.Name ?? "";
        var key = (ns, name);
        if (type == WatchEventType.Deleted)
        {
            _pods.Remove(key);
            foreach (var k in _containers.Keys.Where(k => k.Item1 == ns && k.Item2 == name).ToList()) _containers.Remove(k);
            Publish("pod", new TraceFields().Add("ns", ns).Add("name", name).Add("deleted", true));
            return;
        }

        foreach (var (status, init) in (pod.Status?.InitContainerStatuses ?? []).Select(s => (s, true))
                     .Concat((pod.Status?.ContainerStatuses ?? []).Select(s => (s, false))))
        {
            var snapshot = ContainerSnapshot.Of(status);
            var ckey = (ns, name, init, status.Name ?? "");
            if (_containers.TryGetValue(ckey, out var previous) && previous == snapshot) continue;
            _containers[ckey] = snapshot;
            Publish("container", new TraceFields()
                .Add("ns", ns).Add("pod", name).Add("container", status.Name).Add("init", init)
                .Add("state", snapshot.State).Add("reason", snapshot.Reason).Add("message", snapshot.Message)
                .Add("exitCode", snapshot.ExitCode).Add("restartCount", snapshot.RestartCount)
                .Add("ready", snapshot.Ready).Add("started", snapshot.Started));
        }

        var pod2 = PodSnapshot.Of(pod);
        if (_pods.TryGetValue(key, out var before) && before.Equals(pod2)) return;
        _pods[key] = pod2;
        var fields = new TraceFields()
            .Add("ns", ns).Add("name", name).Add("node", pod2.Node).Add("phase", pod2.Phase).Add("ready", pod2.Ready)
            .Add("status", pod2.Status).Add("restarts", (long)pod2.Restarts).Add("reason", pod2.Reason).Add("message", pod2.Message)
            .Add("conditions", pod2.ConditionList()).Add("ip", pod2.Ip);
        if (pod2.Labels.Length > 0) fields.Add("labels", pod2.Labels.Split('\n').ToList());
        Publish("pod", fields);
    }

    // The Kubernetes Event's own type (Normal/Warning) is "eventType": "type" is the record's type in every line.
    private void OnEvent(Event ev)
    {
        var involved = ev.InvolvedObject;
        var kind = (involved?.Kind ?? "").ToLowerInvariant();
        Publish("event", new TraceFields()
            .Add("ns", ev.Metadata?.Namespace ?? "default")
            .Add("object", string.IsNullOrEmpty(involved?.Name) ? kind : $"{kind}/{involved.Name}")
            .Add("eventType", ev.Type)
            .Add("reason", ev.Reason)
            .Add("message", ev.Message)
            .Add("source", EventPrinter.FormatSource(ev))
            .Add("count", (long)(ev.Count ?? 1)));
    }

    // Labels: "key=value" lines, sorted (a string so that the record compares by value). The pod IP (status.podIP) is in
    // the record so that endpoints records, which list IPs, can be matched to pods.
    private sealed record PodSnapshot(string? Node, string? Phase, string Ready, string Status, int Restarts, string? Reason, string? Message, string Conditions,
        string Labels, string? Ip)
    {
        public static PodSnapshot Of(Pod pod)
        {
            var summary = PodStatusColumn.Compute(pod);
            var conditions = string.Join(",", (pod.Status?.Conditions ?? []).Select(c => $"{c.Type}={c.Status}"));
            return new PodSnapshot(pod.Spec?.NodeName, pod.Status?.Phase, summary.Ready, summary.Status, summary.Restarts,
                pod.Status?.Reason, pod.Status?.Message, conditions,
                string.Join("\n", (pod.Metadata?.Labels ?? []).Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal)), pod.Status?.PodIP);
        }

        public List<KeyValuePair<string, bool>> ConditionList() =>
            Conditions.Length == 0
                ? []
                : Conditions.Split(',').Select(c => c.Split('=')).Select(p => new KeyValuePair<string, bool>(p[0], p[1] == "True")).ToList();
    }

    private sealed record ContainerSnapshot(string State, string? Reason, string? Message, long? ExitCode, long RestartCount, bool Ready, bool Started)
    {
        public static ContainerSnapshot Of(ContainerStatus s)
        {
            var st = s.State;
            var (state, reason, message, exit) = st switch
            {
                { Terminated: { } t } => ("terminated", t.Reason, t.Message, (long?)t.ExitCode),
                { Running: not null } => ("running", null, null, null),
                { Waiting: { } w } => ("waiting", w.Reason, w.Message, null),
                _ => ("waiting", null, null, (long?)null),
            };
            return new ContainerSnapshot(state, reason, message, exit, s.RestartCount ?? 0, s.Ready == true, s.Started == true);
        }
    }
}
