using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Reports.Timeline;

/// <summary>The mutable fold behind <see cref="TimelineBuilder"/>; one instance per build.</summary>
internal sealed partial class ReplayState
{
    private readonly List<PodState> _pods = [];
    private readonly Dictionary<(string Ns, string Name), PodState> _podIndex = [];
    private readonly List<NodeState> _nodes = [];
    private readonly List<Segment> _partitions = [];
    private readonly List<(double Start, NetworkRecord Record)> _openPartitions = [];
    private readonly List<Marker> _networkMarks = [];

    private sealed class PodState(string ns, string name)
    {
        public readonly string Ns = ns, Name = name;
        public readonly List<string> Nodes = [];
        public readonly List<string> Ips = [];
        public readonly SegmentBuilder Status = new();
        public readonly List<Marker> Markers = [];
        public readonly List<ContainerState> Containers = [];
        public readonly List<(string Service, SegmentBuilder Builder)> Endpoints = [];
        public bool Alive;
    }

    private sealed class ContainerState(string name)
    {
        public readonly string Name = name;
        public bool Init;
        public int? LastRestartCount;
        public readonly SegmentBuilder States = new();
        public readonly List<Segment> Hooks = [];
        public readonly List<(string Hook, double Start, string Detail)> OpenHooks = [];
        public readonly List<Marker> Markers = [];
    }

    private sealed class NodeState(string name)
    {
        public readonly string Name = name;
        public readonly SegmentBuilder Ready = new();
        public readonly List<Segment> Partitions = [];
        public readonly List<Segment> Host = [];
        public readonly Dictionary<string, double> OpenHost = [];
        public readonly List<Marker> HostMarks = [];
        public readonly List<Marker> Markers = [];
        public string? Taints;
    }

    public void Apply(TraceRecord r)
    {
        switch (r)
        {
            case PodRecord p: ApplyPod(p); break;
            case ContainerRecord c: ApplyContainer(c); break;
            case ProbeRecord p:
                Container(p.Ns, p.Pod, p.Container).Markers.Add(new Marker(p.T, $"probe-{p.Result}",
                    $"{p.Probe} {p.Result}", $"{p.Probe} probe {p.Result}" + (p.Output is { Length: > 0 } o ? $": {o}" : "")));
                break;
            case HookRecord h: ApplyHook(h); break;
            case SignalRecord s:
                Container(s.Ns, s.Pod, s.Container).Markers.Add(new Marker(s.T, $"signal-{s.Signal.ToLowerInvariant()}",
                    s.Signal, $"{s.Signal} sent to {s.Container}"));
                break;
            case EndpointsRecord e: ApplyEndpoints(e); break;
            case NodeRecord n: ApplyNode(n); break;
            case NetworkRecord n: ApplyNetwork(n); break;
            case HostRecord h: ApplyHost(h); break;
        }
    }

    private PodState Pod(string ns, string name)
    {
        if (_podIndex.TryGetValue((ns, name), out var pod)) return pod;
        _pods.Add(pod = new PodState(ns, name));
        _podIndex.Add((ns, name), pod);
        return pod;
    }

    private ContainerState Container(string ns, string podName, string name)
    {
        var pod = Pod(ns, podName);
        var c = pod.Containers.Find(x => x.Name == name);
        if (c is null) pod.Containers.Add(c = new ContainerState(name));
        return c;
    }

    private void ApplyPod(PodRecord p)
    {
        var pod = Pod(p.Ns, p.Name);
        if (p.Deleted)
        {
            pod.Status.Close(p.T);
            foreach (var c in pod.Containers) CloseContainer(c, p.T);
            foreach (var (_, b) in pod.Endpoints) b.Close(p.T);
            pod.Markers.Add(new Marker(p.T, "deleted", "deleted", $"pod {p.Name} deleted"));
            pod.Alive = false;
            return;
        }
        pod.Alive = true;
        if (p.Node is { Length: > 0 } node && !pod.Nodes.Contains(node)) pod.Nodes.Add(node);
        if (p.Ip is { Length: > 0 } ip && !pod.Ips.Contains(ip)) pod.Ips.Add(ip);
        var (state, label, kind) = PodStateKinds.Of(p);
        var detail = string.Join(" · ", new[]
        {
            $"STATUS {state}", p.Ready is null ? null : $"READY {p.Ready}", p.Phase is null ? null : $"phase {p.Phase}",
            p.Restarts is null ? null : $"restarts {p.Restarts}", p.Node is null ? null : $"node {p.Node}",
            p.Reason, p.Message,
        }.Where(s => !string.IsNullOrEmpty(s)));
        pod.Status.Observe(p.T, $"{state}|{kind}|{label}", state, label, kind, detail);
    }

    private static void CloseContainer(ContainerState c, double t)
    {
        c.States.Close(t);
        foreach (var (hook, start, detail) in c.OpenHooks)
            c.Hooks.Add(new Segment(start, t, hook, hook, "hook", detail + " (cut short by deletion)", Open: false));
        c.OpenHooks.Clear();
    }

    private void ApplyContainer(ContainerRecord r)
    {
        var c = Container(r.Ns, r.Pod, r.Container);
        c.Init |= r.Init;
        if (r.RestartCount is { } n)
        {
            if (c.LastRestartCount is { } last && n > last)
                c.Markers.Add(new Marker(r.T, "restart", $"restart #{n}", $"{r.Container} restarted (restartCount {n})"));
            c.LastRestartCount = n;
        }
        var (state, label, kind) = PodStateKinds.Of(r);
        var detail = string.Join(" · ", new[]
        {
            label, r.Message, r.RestartCount is { } rc ? $"restartCount {rc}" : null,
            r.Started is { } s ? $"started {s.ToString().ToLowerInvariant()}" : null,
            r.Ready is { } rd ? $"ready {rd.ToString().ToLowerInvariant()}" : null,
        }.Where(x => !string.IsNullOrEmpty(x)));
        // A restart is a new segment even if the state name repeats (Error → Error after a quick crash).
        c.States.Observe(r.T, $"{state}|{kind}|{label}|{r.RestartCount}", state, label, kind, detail);
    }

    private void ApplyHook(HookRecord h)
    {
        var c = Container(h.Ns, h.Pod, h.Container);
        if (h.Phase == "start")
        {
            c.OpenHooks.Add((h.Hook, h.T, $"{h.Hook} hook of {h.Container}"));
            return;
        }
        var i = c.OpenHooks.FindIndex(o => o.Hook == h.Hook);
        var start = i >= 0 ? c.OpenHooks[i].Start : h.T;
        if (i >= 0) c.OpenHooks.RemoveAt(i);
        var result = h.Result is { Length: > 0 } res ? $": {res}" : "";
        c.Hooks.Add(new Segment(start, h.T, h.Hook, h.Hook, IsFailure(h.Result) ? "hook-failed" : "hook",
            $"{h.Hook} hook of {h.Container}{result}", Open: false));
    }

    private static bool IsFailure(string? result) =>
        result is not null && (result.Contains("fail", StringComparison.OrdinalIgnoreCase) ||
                               result.Contains("error", StringComparison.OrdinalIgnoreCase));
}
