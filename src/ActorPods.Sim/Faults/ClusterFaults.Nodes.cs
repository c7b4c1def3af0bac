using ActorPods.Actors;
using ActorPods.Node;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Faults;

public sealed partial class ClusterFaults
{
    private static readonly TimeSpan NodeFaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Power loss: every actor of the node (kubelet, containers, probes) dies at once, nothing is sent any more, and the
    /// node's pod IPs become unreachable. The Node object and its pods stay in the api-server: the node lifecycle
    /// controller marks the node Unknown after the grace period and evicts its pods. Returns the actors killed.
    /// </summary>
    public int CrashNode(string node)
    {
        var config = NodeConfig(node);
        var killed = System.StopHost(node);
        _cluster.Network.TakeDown(config.PodCidr);
        _crashed.Add(node);
        PublishHost(node, "crashed");
        return killed;
    }

    /// <summary>
    /// Boots the node again: a fresh node actor from the same configuration on the same host, whose kubelet finds its
    /// pods through the api-server. A node that is still running is crashed first (a hard reboot).
    /// </summary>
    public IActorRef RestartNode(string node)
    {
        var config = NodeConfig(node);
        if (!_crashed.Contains(node)) CrashNode(node);
        _cluster.Network.BringUp(config.PodCidr);
        _crashed.Remove(node);
        var fresh = _cluster.SpawnNode(node);
        PublishHost(node, "restarted");
        return fresh;
    }

    /// <summary>Freezes the whole machine (SIGSTOP on every process): nothing on it runs, nothing is sent, until <see cref="ResumeNode"/>.</summary>
    public int PauseNode(string node)
    {
        NodeConfig(node);
        var frozen = System.SuspendHost(node);
        PublishHost(node, "paused");
        return frozen;
    }

    /// <summary>Thaws a paused machine: whatever fell due while it was frozen happens now, late.</summary>
    public int ResumeNode(string node)
    {
        NodeConfig(node);
        var thawed = System.ResumeHost(node);
        PublishHost(node, "resumed");
        return thawed;
    }

    /// <summary>Stops the node's kubelet process only (containers keep running). Answered by the node.</summary>
    public Task<NodeFaultResult> StopKubelet(string node) => SendFault(node, new StopKubelet(), "kubeletStopped");

    public Task<NodeFaultResult> StartKubelet(string node) => SendFault(node, new StartKubelet(), "kubeletStarted");

    /// <summary>Kills a running container's main process from outside the kubelet (exit 137 = SIGKILL; or as the OOM killer).</summary>
    public Task<NodeFaultResult> KillContainer(string node, KillContainer fault) => SendFault(node, fault, null);

    /// <summary>Makes what a container's probe checks fail for a while.</summary>
    public Task<NodeFaultResult> FailProbeTarget(string node, FailProbeTarget fault) => SendFault(node, fault, null);

    private Task<NodeFaultResult> SendFault(string node, NodeFault fault, string? hostChange)
    {
        NodeConfig(node);
        if (_crashed.Contains(node))
            return Task.FromResult(new NodeFaultResult(false, $"node \"{node}\" is down"));
        return _cluster.Nodes[node].Ask<NodeFaultResult>(fault, NodeFaultTimeout).ContinueWith(t =>
        {
            var result = t.IsCompletedSuccessfully
                ? t.Result
                : new NodeFaultResult(false, $"node \"{node}\" did not answer: {t.Exception?.InnerException?.Message ?? "cancelled"}");
            if (result.Ok && hostChange is not null) PublishHost(node, hostChange);
            return result;
        }, TaskContinuationOptions.ExecuteSynchronously);
    }

    private NodeConfig NodeConfig(string node) =>
        _cluster.NodeConfigs.TryGetValue(node, out var config)
            ? config
            : throw new ArgumentException($"unknown node \"{node}\" (nodes: {string.Join(", ", _cluster.NodeConfigs.Keys)})");

    private void PublishHost(string node, string change) =>
        Publish("host", new TraceFields().Add("name", node).Add("change", change));
}
