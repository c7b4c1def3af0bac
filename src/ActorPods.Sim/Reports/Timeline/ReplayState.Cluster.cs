using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Reports.Timeline;

/// <summary>Endpoints membership, node readiness, host faults and partitions, and the final assembly.</summary>
internal sealed partial class ReplayState
{
    private void ApplyEndpoints(EndpointsRecord e)
    {
        var service = e.Ns is "default" or "" ? e.Name : $"{e.Ns}/{e.Name}";
        foreach (var pod in _pods.Where(p => p.Alive))
        {
            bool Matches(string a) =>
                (a == pod.Name && pod.Ns == e.Ns) || a == $"{pod.Ns}/{pod.Name}" || pod.Ips.Contains(a);
            var (state, label, kind) = e.Ready.Any(Matches) ? ("ready", $"in {service}", "ep-ready")
                : e.NotReady.Any(Matches) ? ("notReady", $"notReady in {service}", "ep-notready")
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
        var node = Node(n.Name);
        var (label, kind) = n.Ready switch
        {
            "True" => ("Ready", "node-ready"),
            "False" => ("NotReady", "node-notready"),
            _ => ("Unknown", "node-unknown"),
        };
        // kubectl get nodes appends SchedulingDisabled to STATUS for cordoned nodes.
        if (n.Unschedulable) label += ",SchedulingDisabled";
        var taints = n.Taints.Count == 0 ? "no taints" : "taints: " + string.Join(", ", n.Taints);
        // A taint change within one STATUS (the node controller adds NoSchedule, then NoExecute) is a mark, not a new bar.
        if (node.Ready.IsOpen && node.Ready.CurrentKey == label && node.Taints != taints)
            node.Markers.Add(new Marker(n.T, "taints", "taints", $"{n.Name} {taints}"));
        node.Taints = taints;
        node.Ready.Observe(n.T, label, n.Ready ?? "Unknown", label, kind, $"Ready={n.Ready ?? "Unknown"} · {taints}");
    }

    private NodeState Node(string name)
    {
        var node = _nodes.Find(x => x.Name == name);
        if (node is null) _nodes.Add(node = new NodeState(name));
        return node;
    }

    // What each host change starts or ends: a crash lasts until the restart (which also brings a fresh kubelet), a pause
    // until the resume, a stopped kubelet until it is started again or the node restarts.
    private static readonly Dictionary<string, (string? Starts, string[] Ends)> HostChanges = new()
    {
        ["crashed"] = ("crashed", ["paused"]),
        ["restarted"] = (null, ["crashed", "kubeletStopped"]),
        ["paused"] = ("paused", []),
        ["resumed"] = (null, ["paused"]),
        ["kubeletStopped"] = ("kubeletStopped", []),
        ["kubeletStarted"] = (null, ["kubeletStopped"]),
    };

    private void ApplyHost(HostRecord h)
    {
        if (!HostChanges.TryGetValue(h.Change, out var change)) return;
        var node = Node(h.Name);
        foreach (var state in change.Ends) EndHostState(node, state, h.T, isOpen: false);
        if (change.Starts is { } starts && !node.OpenHost.ContainsKey(starts)) node.OpenHost[starts] = h.T;
        node.HostMarks.Add(new Marker(h.T, "host-" + h.Change, h.Change, $"{h.Name}: {h.Change}"));
    }

    private static void EndHostState(NodeState node, string state, double t, bool isOpen)
    {
        if (!node.OpenHost.Remove(state, out var start)) return;
        var (label, what) = state switch
        {
            "crashed" => ("crashed", "host crashed (every actor on it stopped)"),
            "paused" => ("paused", "host paused (its actors receive nothing until resumed)"),
            _ => ("kubelet stopped", "kubelet stopped (containers keep running, no status updates)"),
        };
        node.Host.Add(new Segment(start, t, state, label, "host-" + state.ToLowerInvariant(), $"{node.Name}: {what}", isOpen));
    }

    private void ApplyNetwork(NetworkRecord n)
    {
        switch (n.Change)
        {
            case "partition":
                _openPartitions.Add((n.T, n));
                break;
            case "heal":
                foreach (var open in _openPartitions.ToList())
                {
                    if (n.Id is not null && open.Record.Id != n.Id) continue;
                    EndPartition(open.Start, open.Record, n.T, isOpen: false);
                    _openPartitions.Remove(open);
                }
                break;
            case "link":
                var shape = string.Join(", ", new[] { n.Latency is null ? null : $"latency {n.Latency}", n.Loss is null ? null : $"loss {n.Loss}" }
                    .OfType<string>());
                _networkMarks.Add(new Marker(n.T, "link", $"{n.From}→{n.To}", $"link {n.From} → {n.To}: {(shape.Length == 0 ? "changed" : shape)}"));
                break;
            case "linkReset":
                _networkMarks.Add(new Marker(n.T, "link-reset", $"{n.From}→{n.To} reset", $"link {n.From} → {n.To} reset to the default"));
                break;
        }
    }

    private static string Describe(NetworkRecord p) =>
        $"{string.Join(", ", p.Side)} | {(p.OtherSide is { } other ? string.Join(", ", other) : "rest")}"
        + (p.OneWay ? " (one-way)" : "") + (p.Mode is { Length: > 0 } mode && mode != "drop" ? $" ({mode})" : "");

    /// <summary>The nodes a partition cuts off: those on its side and those named on the other side; when the side
    /// holds no node (the control plane cut off from the rest), every node on the other side.</summary>
    private IEnumerable<NodeState> Involved(NetworkRecord p)
    {
        var side = _nodes.Where(x => p.Side.Contains(x.Name)).ToList();
        var other = p.OtherSide is { } o ? _nodes.Where(x => o.Contains(x.Name)).ToList()
            : side.Count == 0 ? _nodes.Where(x => !p.Side.Contains(x.Name)).ToList() : [];
        return side.Concat(other);
    }

    private void EndPartition(double start, NetworkRecord p, double end, bool isOpen)
    {
        var what = Describe(p);
        var id = p.Id is null ? "" : $" #{p.Id}";
        _partitions.Add(new Segment(start, end, "partition", $"partition{id} {what}", "partition", $"network partition{id}: {what}", isOpen));
        foreach (var node in Involved(p))
            node.Partitions.Add(new Segment(start, end, "partitioned", "partitioned", "partition",
                $"{node.Name} partitioned: {what}", isOpen));
    }

    public TimelineModel Finish(double end)
    {
        foreach (var open in _openPartitions) EndPartition(open.Start, open.Record, Math.Max(end, open.Start), isOpen: true);
        _openPartitions.Clear();
        foreach (var node in _nodes)
        foreach (var state in node.OpenHost.OrderBy(h => h.Value).Select(h => h.Key).ToList())
            EndHostState(node, state, Math.Max(end, node.OpenHost[state]), isOpen: true);
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
            n.Partitions.OrderBy(s => s.Start).ToList(), n.Host.OrderBy(s => s.Start).ToList(), n.HostMarks, n.Markers)).ToList();
        return new TimelineModel(end, pods, nodes, _partitions.OrderBy(s => s.Start).ToList(), _networkMarks);
    }
}
