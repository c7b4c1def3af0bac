using System.Collections.Concurrent;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Images;
using ActorPods.Userland.Network;

namespace ActorPods.Node;

/// <summary>
/// One lock for all userland code of the cluster. In real time the containers of a pod share userland objects
/// (emptyDir, the pod network) and HTTP calls reach other pods' servers, so every userland call runs under it.
/// A virtual-time cluster uses <see cref="Unlocked"/>: its actors run one at a time, but for the isolated turns of a
/// parallel instant (probers that dial their own pod, ProbeActor.RunsIsolated), which reach only their own node's
/// userland, so a cluster-wide lock would only make the lanes queue for it. Never block inside it.
/// </summary>
public sealed class UserlandGate
{
    private readonly Lock? _lock;

    public UserlandGate() => _lock = new Lock();

    private UserlandGate(Lock? @lock) => _lock = @lock;

    /// <summary>A gate that takes no lock, for a virtual-time cluster.</summary>
    public static UserlandGate Unlocked { get; } = new(null);

    /// <summary>Whether calls through this gate exclude each other.</summary>
    public bool IsLocked => _lock is not null;

    public void Run(Action action)
    {
        if (_lock is null)
        {
            action();
            return;
        }
        lock (_lock) action();
    }

    public T Run<T>(Func<T> func)
    {
        if (_lock is null) return func();
        lock (_lock) return func();
    }

    /// <summary>Run(func) for a function that takes its argument instead of capturing it (no closure per call).</summary>
    public TResult Run<TState, TResult>(Func<TState, TResult> func, TState state)
    {
        if (_lock is null) return func(state);
        lock (_lock) return func(state);
    }

    /// <summary>Run(action) for a handler that takes its argument instead of capturing it (no closure per call).</summary>
    public void Run<TState>(Action<TState> action, TState state)
    {
        if (_lock is null)
        {
            action(state);
            return;
        }
        lock (_lock) action(state);
    }
}

/// <summary>The cluster-wide pod IP table: nodes register their pods' networks here, pods reach each other through it.</summary>
public interface IClusterNetworkRegistry : IClusterNetwork
{
    void Register(IPodNetwork network);
    void Unregister(string ip);
}

/// <summary>The default in-memory IP table (the Sim may supply its own with Services and partitions).</summary>
public sealed class ClusterNetwork : IClusterNetworkRegistry
{
    private readonly ConcurrentDictionary<string, IPodNetwork> _pods = new(StringComparer.Ordinal);

    public bool Exists(string ip) => _pods.ContainsKey(ip);
    public IPodNetwork? Find(string ip) => _pods.GetValueOrDefault(ip);
    public void Register(IPodNetwork network) => _pods[network.Ip] = network;
    public void Unregister(string ip) => _pods.TryRemove(ip, out _);
}

/// <summary>What a node uses from the cluster around it.</summary>
public sealed record NodeServices
{
    public ImageCatalog Images { get; init; } = ImageCatalog.Default;
    public IClusterNetworkRegistry Network { get; init; } = new ClusterNetwork();
    public IDnsView Dns { get; init; } = IsolatedNetwork.Instance;
    public UserlandGate Gate { get; init; } = new();

    /// <summary>Probe runs of every node's probers, by type and result.</summary>
    public Kubelet.Prober.ProbeResultCounters ProbeResults { get; init; } = new();

    /// <summary>The node's own disk (hostPath volumes); when null, the node's disk from <see cref="Storage"/>.</summary>
    public NodeFileSystem? Disk { get; init; }

    /// <summary>What each node keeps on disk across a crash and reboot (hostPath data, pulled images), by node name.</summary>
    public NodeStorageRegistry Storage { get; init; } = new();
}

/// <summary>The persistent part of one machine: its disk and its image store survive the node's restart.</summary>
public sealed class NodeStorage
{
    public NodeFileSystem Disk { get; } = new();

    /// <summary>Images pulled onto this node (full names), used by one image service at a time.</summary>
    public HashSet<string> Images { get; } = new(StringComparer.Ordinal);
}

public sealed class NodeStorageRegistry
{
    private readonly ConcurrentDictionary<string, NodeStorage> _nodes = new(StringComparer.Ordinal);

    public NodeStorage For(string node) => _nodes.GetOrAdd(node, _ => new NodeStorage());
}
