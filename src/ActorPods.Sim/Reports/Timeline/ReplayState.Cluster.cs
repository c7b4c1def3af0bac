using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Reports.Timeline;

/// <summary>Endpoints membership, node readiness and partitions, and the final assembly.</summary>
internal sealed partial class ReplayState
{
    private void ApplyEndpoints(EndpointsRecord e)
    {
        var service = e.Ns is "default" or "" ? e.Name : $"{e.Ns}/{e.Name}";
        foreach (var pod in _pods.Where(p => p.Alive))
        {
            bool Matches(string a) =>
                (a == pod.Name && pod.Ns == e.Ns) || a == $"{pod.Ns}/{pod.Name}" || pod.Ips.Contains(a);
            var (state, label, kind) = e.Addresses.Any(Matches) ? ("ready", $"in {service}", "ep-ready")
                : e.NotReadyAddresses.Any(Matches) ? ("notReady", $"notReady in {service}", "ep-notready")
                : ("out", $"not in {service}", "ep-out");
            var i = pod.Endpoints.FindIndex(x => x.Service == service);
            if (i < 0)
            {
                pod.Endpoints.Add((service, new SegmentBuilder()));
                i = pod.Endpoints.Count - 1;
            }
            pod.Endpoints[i].Builder.Observe(e.T, state, state, label, kind, $"endpoints {service}: {label}");
        }
    }

    private void ApplyNode(NodeRecord n)
    {
        var node = _nodes.Find(x => x.Name == n.Name);
        if (node is null) _nodes.Add(node = new NodeState(n.Name));
        var (label, kind) = n.Ready switch
        {
            "True" => ("Ready", "node-ready"),
            "False" => ("NotReady", "node-notready"),
            _ => ("Unknown", "node-unknown"),
        };
        // kubectl get nodes appends SchedulingDisabled to STATUS for cordoned nodes.
        if (n.Unschedulable) label += ",SchedulingDisabled";
        var taints = n.Taints.Count == 0 ? "no taints" : "taints: " + string.Join(", ", n.Taints);
        node.Ready.Observe(n.T, $"{label}|{taints}", n.Ready ?? "Unknown", label, kind, $"Ready={n.Ready ?? "Unknown"} · {taints}");
    }

    private void ApplyNetwork(NetworkRecord n)
    {
        if (n.Action == "partition")
        {
            _openPartitions.Add((n.T, n));
            return;
        }
        if (n.Action != "heal") return;
        var healed = n.Sides.SelectMany(s => s).ToHashSet();
        foreach (var open in _openPartitions.ToList())
        {
            if (healed.Count > 0 && !open.Record.Sides.SelectMany(s => s).Any(healed.Contains)) continue;
            EndPartition(open.Start, open.Record, n.T, isOpen: false);
            _openPartitions.Remove(open);
        }
    }

    private static string Describe(NetworkRecord p) =>
        p.Sides.Count == 1 ? $"{string.Join(", ", p.Sides[0])} | rest"
            : string.Join(" | ", p.Sides.Select(s => string.Join(", ", s)));

    private void EndPartition(double start, NetworkRecord p, double end, bool isOpen)
    {
        var what = Describe(p);
        _partitions.Add(new Segment(start, end, "partition", $"partition {what}", "partition", $"network partition: {what}", isOpen));
        foreach (var side in p.Sides)
        foreach (var host in side)
            if (_nodes.Find(x => x.Name == host) is { } node)
                node.Partitions.Add(new Segment(start, end, "partitioned", "partitioned", "partition",
                    $"{host} partitioned: {what}", isOpen));
    }

    public TimelineModel Finish(double end)
    {
        foreach (var open in _openPartitions) EndPartition(open.Start, open.Record, Math.Max(end, open.Start), isOpen: true);
        _openPartitions.Clear();
        var pods = _pods.Select(p =>
        {
            var id = TimelineBuilder.PodId(p.Ns, p.Name);
            var containers = p.Containers
                .OrderBy(c => c.Init ? 0 : 1) // init containers run first; keep first-seen order within each group
                .Select(c =>
                {
                    var hooks = c.Hooks.Concat(c.OpenHooks.Select(o =>
                        new Segment(o.Start, Math.Max(end, o.Start), o.Hook, o.Hook, "hook", o.Detail, Open: true)));
                    return new ContainerLane($"{id}/container/{c.Name}", c.Name, c.Init, c.States.Finish(end),
                        hooks.OrderBy(h => h.Start).ToList(), c.Markers.OrderBy(m => m.T).ToList());
                }).ToList();
            var endpoints = p.Endpoints
                .Select(x => new MembershipLane($"{id}/endpoints/{x.Service}", x.Service, x.Builder.Finish(end)))
                .Where(m => m.Segments.Any(s => s.State != "out"))
                .ToList();
            return new PodLane(id, p.Ns, p.Name, p.Nodes, p.Status.Finish(end), p.Markers, containers, endpoints);
        }).ToList();
        var nodes = _nodes.Select(n => new NodeLane($"node/{n.Name}", n.Name, n.Ready.Finish(end),
            n.Partitions.OrderBy(s => s.Start).ToList())).ToList();
        return new TimelineModel(end, pods, nodes, _partitions.OrderBy(s => s.Start).ToList());
    }
}
