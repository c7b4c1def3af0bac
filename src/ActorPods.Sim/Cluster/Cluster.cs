using ActorPods.Actors;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node;
using ActorPods.Sim.Config;
using ActorPods.Sim.Faults;
using ActorPods.Sim.Network;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// A running simulated cluster: the virtual-time actor system, the api-server and scheduler on host "control-plane",
/// and one node actor per configured node on its own host. Drive it from one thread (tests, the CLI).
/// </summary>
public sealed class Cluster : IDisposable
{
    public const string ControlPlaneHost = "control-plane";

    private readonly Dictionary<string, IActorRef> _nodes;
    private readonly Dictionary<string, NodeConfig> _nodeConfigs;
    private ClusterFaults? _faults;

    internal Cluster(ActorSystem system, ClusterConfig config, IActorRef apiServer, IActorRef scheduler, Dictionary<string, IActorRef> nodes,
        Dictionary<string, NodeConfig> nodeConfigs, INodeFactory nodeFactory, NodeServices services, ClusterNetwork network, ClusterDns dns,
        NetworkModel links)
    {
        _nodeConfigs = nodeConfigs;
        NodeFactory = nodeFactory;
        Links = links;
        Network = network;
        Dns = dns;
        System = system;
        Config = config;
        ApiServer = apiServer;
        Scheduler = scheduler;
        _nodes = nodes;
        Services = services;
    }

    public ActorSystem System { get; }

    public ClusterConfig Config { get; }

    public IActorRef ApiServer { get; }

    public IActorRef Scheduler { get; }

    /// <summary>What every node shares (ActorPods.Node's contract); Network and Dns below are the same objects, typed.</summary>
    public NodeServices Services { get; }

    /// <summary>The cluster's IP table; scenarios add external addresses here.</summary>
    public ClusterNetwork Network { get; }

    /// <summary>Cluster DNS (Services → ClusterIPs), fed by the coredns actor.</summary>
    public ClusterDns Dns { get; }

    /// <summary>The links between hosts (latency, loss, partitions): the kernel transport every cross-host message takes.
    /// Perfect (zero latency, no loss) unless the cluster config or a fault says otherwise.</summary>
    public NetworkModel Links { get; }

    /// <summary>The node actors by node name (a restarted node's entry is its new actor).</summary>
    public IReadOnlyDictionary<string, IActorRef> Nodes => _nodes;

    /// <summary>What each node was built from, so a crashed node can be restarted as the same machine.</summary>
    public IReadOnlyDictionary<string, NodeConfig> NodeConfigs => _nodeConfigs;

    /// <summary>What made the node actors (kubelet or stand-in).</summary>
    public INodeFactory NodeFactory { get; }

    /// <summary>Network and node faults (partitions, crashes, pauses ...), injected from code or by scenario actions.</summary>
    public ClusterFaults Faults => _faults ??= new ClusterFaults(this);

    /// <summary>Spawns a fresh node actor from the node's config on its host (after a crash: a reboot).</summary>
    internal IActorRef SpawnNode(string name)
    {
        var config = _nodeConfigs[name];
        var node = System.ActorOf(NodeFactory.Create(config, ApiServer, Services).WithHost(name), name);
        _nodes[name] = node;
        return node;
    }

    public TimeSpan Elapsed => System.Elapsed;

    public DateTimeOffset Now => System.Now;

    /// <summary>Sends <paramref name="message"/> and runs the loop until the reply arrives (virtual time moves only if it must).</summary>
    public T Request<T>(IActorRef target, object message, TimeSpan? timeout = null)
    {
        var task = target.Ask<T>(message, timeout ?? TimeSpan.FromSeconds(30));
        System.Scheduler.AwaitCondition(() => task.IsCompleted, (timeout ?? TimeSpan.FromSeconds(30)) + TimeSpan.FromSeconds(1));
        return task.GetAwaiter().GetResult();
    }

    public ObjectResult Call(ApiServerRequest request) => Request<ObjectResult>(ApiServer, request);

    public ListResult List(string kind, string? ns = null) => Request<ListResult>(ApiServer, new List(kind, ns));

    /// <summary>Processes everything due now without moving the clock.</summary>
    public void Flush() => System.RunUntil(System.Elapsed);

    public void RunUntil(TimeSpan t) => System.RunUntil(t);

    public void Dispose() => System.Dispose();
}
