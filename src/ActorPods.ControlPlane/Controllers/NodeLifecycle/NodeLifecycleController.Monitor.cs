using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Controllers.NodeLifecycle;

public sealed partial class NodeLifecycleController
{
    private static readonly string[] KubeletConditions = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

    /// <summary>monitorNodeHealth: one pass over every node, in name order.</summary>
    private void MonitorNodeHealth()
    {
        // Every 5 s: the order is sorted again only after a node came or went, and each node is looked up by name, so a
        // pass over nodes that changed nothing allocates nothing.
        foreach (var name in _monitorOrder ??= SortedNodeNames())
        {
            if (_nodes.Find<Node>(name) is not { } cached) continue;
            var (observed, current, wroteStatus) = TryUpdateNodeHealth(cached);
            if (current is null) continue;
            // processTaintBaseEviction acts on the Ready condition as this pass found it; a status write this pass
            // would make a taint write conflict, so taints wait for the next pass (as upstream's tainter does).
            if (!wroteStatus) ProcessTaintBasedEviction(cached, observed.Status);
            if (current.Status != "True" && observed.Status == "True")
            {
                // pkg/controller/util/node/controller_utils.go RecordNodeStatusChange.
                RecordEvent(new ObjectReference { ApiVersion = "v1", Kind = "Node", Name = name, Uid = cached.Metadata!.Uid }, "Normal", "NodeNotReady",
                    $"Node {name} status is now: NodeNotReady");
                MarkPodsNotReady(PodsOn(name), name);
            }
            _health[name].ReadyStatus = current.Status;
        }
    }

    private string[] SortedNodeNames()
    {
        var names = new string[_nodes.Count];
        var i = 0;
        foreach (var node in _nodes.All<Node>()) names[i++] = node.Metadata!.Name!;
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// tryUpdateNodeHealth: refreshes when the node was last heard from (a new Ready heartbeat, a newer Lease
    /// renewTime) and, past the grace period, sets the kubelet's conditions to Unknown. Returns the Ready condition as
    /// observed and as it is now, and whether a status write was sent. <paramref name="cached"/> is the informer's
    /// shared object: it is copied only when a condition is to change (most passes over most nodes change nothing).
    /// </summary>
    private (NodeCondition Observed, NodeCondition? Current, bool Wrote) TryUpdateNodeHealth(Node cached)
    {
        var node = cached;
        var now = Now;
        var name = node.Metadata!.Name!;
        var created = node.Metadata.CreationTimestamp ?? now;
        var currentReady = NodeTaints.Condition(node, "Ready");
        TimeSpan grace;
        NodeCondition observed;
        _health.TryGetValue(name, out var health);
        if (currentReady is null)
        {
            observed = new NodeCondition { Type = "Ready", Status = "Unknown", LastHeartbeatTime = created, LastTransitionTime = created };
            grace = _options.NodeStartupGracePeriod;
            if (health is null) _health[name] = health = new NodeHealth { ProbeTimestamp = created, ReadyTransitionTimestamp = created };
            health.HasReadyCondition = false;
        }
        else
        {
            observed = currentReady;
            grace = _options.NodeMonitorGracePeriod;
        }

        if (health is null || (!health.HasReadyCondition && currentReady is not null))
        {
            _health[name] = health = new NodeHealth { ProbeTimestamp = now, ReadyTransitionTimestamp = now, LeaseRenewTime = health?.LeaseRenewTime };
        }
        else if (currentReady is not null && health.LastHeartbeat != currentReady.LastHeartbeatTime)
        {
            if (health.LastTransition != currentReady.LastTransitionTime) health.ReadyTransitionTimestamp = now;
            health.ProbeTimestamp = now;
        }
        health.HasReadyCondition = currentReady is not null;
        health.LastHeartbeat = currentReady?.LastHeartbeatTime;
        health.LastTransition = currentReady?.LastTransitionTime;

        // Always update the probe time if the node's lease was renewed.
        if (_leases.Find<Lease>("kube-node-lease", name)?.Spec?.RenewTime is { } renew && (health.LeaseRenewTime is null || health.LeaseRenewTime < renew))
        {
            health.LeaseRenewTime = renew;
            health.ProbeTimestamp = now;
        }

        // Upstream tests now.After(probe + grace), but wait.Until waits a full period after each pass, so the pass that
        // lands on probe + grace is always a little late and already sees the grace exceeded. Virtual time has no such
        // drift: "not before" gives the same outcome (Unknown 50-55 s after the last renewal).
        if (now < health.ProbeTimestamp + grace) return (observed, currentReady, false);
        // Every kubelet condition already Unknown (a node that stays silent): the pass below would change nothing.
        if (currentReady is not null && AllKubeletConditionsUnknown(node)) return (observed, currentReady, false);

        node = cached.DeepClone();
        var status = node.Status ??= new NodeStatus();
        status.Conditions ??= [];
        foreach (var type in KubeletConditions)
        {
            var c = status.Conditions.FirstOrDefault(x => x.Type == type);
            if (c is null)
            {
                status.Conditions.Add(new NodeCondition
                {
                    Type = type, Status = "Unknown", Reason = "NodeStatusNeverUpdated", Message = "Kubelet never posted node status.",
                    LastHeartbeatTime = created, LastTransitionTime = now,
                });
            }
            else if (c.Status != "Unknown")
            {
                c.Status = "Unknown";
                c.Reason = "NodeStatusUnknown";
                c.Message = "Kubelet stopped posting node status.";
                c.LastTransitionTime = now;
            }
        }
        var updated = NodeTaints.Condition(node, "Ready")!;
        if (updated.Status == observed.Status && updated.Reason == observed.Reason && updated.LastTransitionTime == observed.LastTransitionTime
            && updated.Message == observed.Message)
            return (observed, updated, false);
        Send(new Update(node.DeepClone(), "status"));
        health.ReadyTransitionTimestamp = now;
        // Our own write changes nothing the kubelet said: it must not count as hearing from the node.
        health.LastHeartbeat = updated.LastHeartbeatTime;
        health.LastTransition = updated.LastTransitionTime;
        return (observed, updated, true);
    }

    private static bool AllKubeletConditionsUnknown(Node node)
    {
        foreach (var type in KubeletConditions)
            if (NodeTaints.Condition(node, type) is not { Status: "Unknown" }) return false;
        return true;
    }

    /// <summary>
    /// processTaintBaseEviction + doNoExecuteTaintingPass + markNodeAsReachable: not-ready:NoExecute for Ready=False,
    /// unreachable:NoExecute for Unknown (each replacing the other), neither for True.
    /// </summary>
    private void ProcessTaintBasedEviction(Node node, string? readyStatus)
    {
        // The taints are made only for a swap: most passes over most nodes swap nothing.
        static Taint NotReady() => new() { Key = NodeTaints.NotReady, Effect = NodeTaints.NoExecute };
        static Taint Unreachable() => new() { Key = NodeTaints.Unreachable, Effect = NodeTaints.NoExecute };
        switch (readyStatus)
        {
            case "False":
                if (!NodeTaints.Has(node, NodeTaints.NotReady, NodeTaints.NoExecute) || NodeTaints.Has(node, NodeTaints.Unreachable, NodeTaints.NoExecute))
                    SwapTaints(node, [NotReady()], [Unreachable()]);
                break;
            case "Unknown":
                if (!NodeTaints.Has(node, NodeTaints.Unreachable, NodeTaints.NoExecute) || NodeTaints.Has(node, NodeTaints.NotReady, NodeTaints.NoExecute))
                    SwapTaints(node, [Unreachable()], [NotReady()]);
                break;
            case "True":
                if (NodeTaints.Has(node, NodeTaints.NotReady, NodeTaints.NoExecute) || NodeTaints.Has(node, NodeTaints.Unreachable, NodeTaints.NoExecute))
                    SwapTaints(node, [], [NotReady(), Unreachable()]);
                break;
        }
    }
}
