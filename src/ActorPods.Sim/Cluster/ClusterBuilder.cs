using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers;
using ActorPods.ControlPlane.Scheduling;
using ActorPods.Node;
using ActorPods.Sim.Config;
using ActorPods.Sim.Network;
using ActorPods.Userland.Images;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// Assembles a cluster: a virtual-time system with the seed; the api-server (kube-apiserver admission, binding,
/// ClusterIP allocation), the scheduler, cluster DNS and kube-proxy's Service routing on host "control-plane"; one node
/// per configured node, made by the node factory and placed on a host named like the node.
/// </summary>
public sealed class ClusterBuilder
{
    private ClusterConfig _config = ClusterConfig.Default;
    private int _seed;
    private INodeFactory? _nodeFactory;
    private ActorSystemOptions? _systemOptions;
    private ControllerOptions _controllers = new();

    public ClusterBuilder WithConfig(ClusterConfig config)
    {
        _config = config;
        return this;
    }

    public ClusterBuilder WithSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    public ClusterBuilder WithNodeFactory(INodeFactory factory)
    {
        _nodeFactory = factory;
        return this;
    }

    /// <summary>Which kube-controller-manager controllers run (all by default).</summary>
    public ClusterBuilder WithControllers(ControllerOptions options)
    {
        _controllers = options;
        return this;
    }

    public ClusterBuilder WithSystemOptions(ActorSystemOptions options)
    {
        _systemOptions = options;
        return this;
    }

    /// <summary>Threads for large instants' isolated turns (<see cref="ActorSystemOptions.Lanes"/>), and optionally the
    /// fewest such turns worth them (<see cref="ActorSystemOptions.LaneThreshold"/>); the outcome is the same for any
    /// values. Default: <see cref="DefaultLanes"/>, or the system options' own when they are given.</summary>
    public ClusterBuilder WithLanes(int lanes, int? threshold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        if (threshold is { } t) ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        (_lanes, _laneThreshold) = (lanes, threshold);
        return this;
    }

    private int? _lanes;
    private int? _laneThreshold;

    /// <summary>One lane per processor, at most four (past that the loop's own share of the work dominates).</summary>
    public static int DefaultLanes => Math.Clamp(Environment.ProcessorCount, 1, 4);

    private ApiServerOptions ApiOptions(IAdmission admission)
    {
        var defaults = new ApiServerOptions();
        return defaults with { Admission = admission, InitialNamespaces = defaults.InitialNamespaces.Concat(_config.Namespaces).Distinct().ToList() };
    }

    public Cluster Build()
    {
        var factory = _nodeFactory ?? KubeletNodeFactory.Instance;
        var options = _systemOptions ?? new ActorSystemOptions();
        options = options with
        {
            Lanes = _lanes ?? (_systemOptions is null ? DefaultLanes : options.Lanes),
            LaneThreshold = _laneThreshold ?? options.LaneThreshold,
        };
        var system = ActorSystem.CreateVirtual(_seed, options);
        // Every cluster has a network model; its default link is perfect, so traces are the same as without one.
        var links = NetworkModel.Install(system);
        if (_config.DefaultLink is { } link) links.DefaultLink = link;
        var admission = new ClusterIpAllocation(new PodBindingAdmission(KubeAdmission.Instance));
        var api = system.ActorOf(ApiServerActor.CreateProps(ApiOptions(admission)).WithHost(Cluster.ControlPlaneHost), "api-server");
        var scheduler = system.ActorOf(SchedulerActor.CreateProps(api).WithHost(Cluster.ControlPlaneHost), "scheduler");
        // kube-controller-manager: Deployments / ReplicaSets / ReplicationControllers become pods, Services get endpoints.
        system.ActorOf(ControllerManager.Props(api, _controllers).WithHost(Cluster.ControlPlaneHost), "kube-controller-manager");

        var images = _config.ImageCatalogs.Count > 0 ? ImageCatalog.FromFiles(_config.ImageCatalogs.ToArray()) : ImageCatalog.Default;
        var network = new ClusterNetwork();
        var dns = new ClusterDns();
        // Virtual time: no cluster-wide userland lock (see UserlandGate.Unlocked).
        var services = new NodeServices { Images = images, Network = network, Dns = dns, Gate = UserlandGate.Unlocked };
        system.ActorOf(ServiceDnsActor.CreateProps(api, dns).WithHost(Cluster.ControlPlaneHost), "coredns");
        system.ActorOf(ServiceProxyActor.CreateProps(api, network.Services, ServiceProxyActor.DefaultLatency).WithHost(Cluster.ControlPlaneHost), "kube-proxy");

        var nodes = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var configs = new Dictionary<string, NodeConfig>(StringComparer.Ordinal);
        var index = 0;
        foreach (var spec in _config.Nodes)
        {
            var config = new NodeConfig
            {
                Name = spec.Name,
                Labels = spec.Labels,
                Cpu = spec.Capacity.Cpu,
                Memory = spec.Capacity.Memory,
                Pods = Api.Quantities.Quantity.FromValue(spec.Capacity.Pods),
                PodCidrIndex = index++,
                ImagePull = _config.ImagePull,
                ContainerLogs = _config.ContainerLogs,
                StaticPods = spec.StaticPods,
            };
            configs[spec.Name] = config;
            nodes[spec.Name] = system.ActorOf(factory.Create(config, api, services).WithHost(spec.Name), spec.Name);
        }
        var cluster = new Cluster(system, _config, api, scheduler, nodes, configs, factory, services, network, dns, links);
        cluster.Flush();
        return cluster;
    }
}
