using ActorPods.Actors;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// A running simulated cluster: the virtual-time actor system, the api-server and scheduler on host "control-plane",
/// and one node actor per configured node on its own host. Drive it from one thread (tests, the CLI).
/// </summary>
public sealed class Cluster : IDisposable
{
    public const string ControlPlaneHost = "control-plane";

    private readonly Dictionary<string, IActorRef> _nodes;

    internal Cluster(ActorSystem system, ClusterConfig config, IActorRef apiServer, IActorRef scheduler, Dictionary<string, IActorRef> nodes,
        NodeServices services, ClusterNetwork network, ClusterDns dns)
    {
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

    /// <summary>The node actors by node name.</summary>
    public IReadOnlyDictionary<string, IActorRef> Nodes => _nodes;

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
