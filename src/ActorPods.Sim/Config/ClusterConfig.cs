using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Node;
using ActorPods.Sim.Cluster;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Config;

/// <summary>One node of the simulated cluster as configured.</summary>
public sealed record NodeSpecConfig(string Name, NodeCapacity Capacity, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The manifests of its staticPodPath and inline staticPods, as read (the kubelet defaults them).</summary>
    public IReadOnlyList<Pod> StaticPods { get; init; } = [];
}

/// <summary>
/// The simulated cluster (config/cluster.yaml): its nodes, the image catalog and how pulls behave.
/// </summary>
public sealed record ClusterConfig
{
    public IReadOnlyList<NodeSpecConfig> Nodes { get; init; } = DefaultNodes(3, NodeCapacity.Default, new Dictionary<string, string>());

    /// <summary>Image catalog files (config/images.yaml); empty: the built-in catalog.</summary>
    public IReadOnlyList<string> ImageCatalogs { get; init; } = [];

    public ImagePullSettings ImagePull { get; init; } = new();

    /// <summary>The kubelets' container log rotation (config key <c>kubelet</c>: containerLogMaxSize, containerLogMaxFiles, containerLogMonitorInterval).</summary>
    public ContainerLogSettings ContainerLogs { get; init; } = ContainerLogSettings.Default;

    /// <summary>Namespaces that exist from the start besides default, kube-system, kube-public and kube-node-lease.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>The link every pair of hosts starts with (config key <c>network</c>); null: perfect (zero latency, no loss).</summary>
    public Network.LinkProfile? DefaultLink { get; init; }

    public static ClusterConfig Default { get; } = new();

    /// <summary>node-1 … node-<paramref name="count"/>, all alike.</summary>
    public static IReadOnlyList<NodeSpecConfig> DefaultNodes(int count, NodeCapacity capacity, IReadOnlyDictionary<string, string> labels) =>
        Enumerable.Range(1, count).Select(i => new NodeSpecConfig($"node-{i}", capacity, labels)).ToList();

    /// <summary>The same cluster with <paramref name="count"/> nodes shaped like the first configured one.</summary>
    public ClusterConfig WithNodeCount(int count)
    {
        var template = Nodes.Count > 0 ? Nodes[0] : new NodeSpecConfig("node-1", NodeCapacity.Default, new Dictionary<string, string>());
        return this with { Nodes = DefaultNodes(count, template.Capacity, template.Labels).Select(n => n with { StaticPods = template.StaticPods }).ToList() };
    }
}

/// <summary>Reads config/cluster.yaml (kind ClusterConfig, apiVersion actorpods.io/v1alpha1).</summary>
public static class ClusterConfigLoader
{
    public const string ApiVersion = "actorpods.io/v1alpha1";

    public static ClusterConfig Load(string path)
    {
        var reader = new YamlReader(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigError(path, 0, 0, $"error reading {path}: {e.Message}")]);
        }
        var docs = reader.Parse(text);
        var config = ClusterConfig.Default;
        if (docs.Count > 0 && reader.Mapping(docs[0].RootNode, "cluster config") is { } root)
        {
            reader.OnlyKeys(root, "ClusterConfig", "apiVersion", "kind", "metadata", "nodes", "nodeDefaults", "imageCatalog", "imagePull", "namespaces", "network", "kubelet");
            var kind = reader.String(YamlReader.Child(root, "kind"), "kind");
            if (kind is not null && kind != "ClusterConfig") reader.Error(YamlReader.Child(root, "kind"), $"kind: expected ClusterConfig, got \"{kind}\"");
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            config = Read(reader, root, baseDir);
        }
        if (reader.Errors.Count > 0) throw new ConfigException(reader.Errors);
        return config;
    }

    /// <summary>Reads the cluster fields of <paramref name="map"/> (shared with scenario files, whose spec.nodes uses the same forms).</summary>
    public static ClusterConfig Read(YamlReader reader, YamlMappingNode map, string baseDir, ClusterConfig? start = null)
    {
        var config = start ?? ClusterConfig.Default;
        var defaults = ReadNode(reader, reader.Mapping(YamlReader.Child(map, "nodeDefaults"), "nodeDefaults"), "nodeDefaults",
            new NodeSpecConfig("", NodeCapacity.Default, new Dictionary<string, string>()), allowName: false);
        if (ReadNodes(reader, YamlReader.Child(map, "nodes"), defaults) is { } nodes) config = config with { Nodes = nodes };
        if (reader.StringList(YamlReader.Child(map, "imageCatalog"), "imageCatalog") is { } catalogs)
            config = config with { ImageCatalogs = catalogs.Select(c => Path.GetFullPath(Path.Combine(baseDir, c))).ToList() };
        if (reader.StringList(YamlReader.Child(map, "namespaces"), "namespaces") is { } namespaces) config = config with { Namespaces = namespaces };
        if (reader.Mapping(YamlReader.Child(map, "imagePull"), "imagePull") is { } pull)
        {
            reader.OnlyKeys(pull, "imagePull", "latency", "unreachableRegistries");
            config = config with
            {
                ImagePull = config.ImagePull with
                {
                    Latency = reader.Duration(YamlReader.Child(pull, "latency"), "imagePull.latency") ?? config.ImagePull.Latency,
                    UnreachableRegistries = reader.StringList(YamlReader.Child(pull, "unreachableRegistries"), "imagePull.unreachableRegistries") ?? config.ImagePull.UnreachableRegistries,
                },
            };
        }
        if (reader.Mapping(YamlReader.Child(map, "kubelet"), "kubelet") is { } kubelet) config = config with { ContainerLogs = ReadContainerLogs(reader, kubelet, config.ContainerLogs) };
        if (reader.Mapping(YamlReader.Child(map, "network"), "network") is { } network
            && Scenarios.FaultActions.ReadLinkProfile(reader, network, "network", strict: true) is { } link)
            config = config with { DefaultLink = link };
        return config;
    }

    /// <summary>The KubeletConfiguration fields of <c>kubelet:</c> the simulator honours (container log rotation).</summary>
    private static ContainerLogSettings ReadContainerLogs(YamlReader reader, YamlMappingNode kubelet, ContainerLogSettings settings)
    {
        reader.OnlyKeys(kubelet, "kubelet", "containerLogMaxSize", "containerLogMaxFiles", "containerLogMonitorInterval");
        var sizeNode = YamlReader.Child(kubelet, "containerLogMaxSize");
        if (reader.String(sizeNode, "kubelet.containerLogMaxSize") is { } size)
        {
            // container_log_manager.go parseMaxSize: a quantity; negative disables rotation.
            if (Quantity.TryParse(size, out var q)) settings = settings with { MaxSize = q.Value() };
            else reader.Error(sizeNode, $"kubelet.containerLogMaxSize: invalid quantity \"{size}\"");
        }
        var filesNode = YamlReader.Child(kubelet, "containerLogMaxFiles");
        if (reader.Integer(filesNode, "kubelet.containerLogMaxFiles") is { } files)
        {
            // NewContainerLogManager: "invalid MaxFiles %d, must be > 1".
            if (files <= 1) reader.Error(filesNode, $"kubelet.containerLogMaxFiles: invalid MaxFiles {files}, must be > 1");
            else settings = settings with { MaxFiles = (int)files };
        }
        var intervalNode = YamlReader.Child(kubelet, "containerLogMonitorInterval");
        if (reader.Duration(intervalNode, "kubelet.containerLogMonitorInterval") is { } interval)
        {
            // validation.go: containerLogMonitorInterval must be at least 3s.
            if (interval < TimeSpan.FromSeconds(3)) reader.Error(intervalNode, "kubelet.containerLogMonitorInterval: must be a positive time duration greater than or equal to 3s");
            else settings = settings with { MonitorInterval = interval };
        }
        return settings;
    }

    /// <summary><c>nodes: 3</c> or <c>nodes: [{name, cpu, memory, pods, labels, staticPodPath, staticPods}]</c>.</summary>
    public static IReadOnlyList<NodeSpecConfig>? ReadNodes(YamlReader reader, YamlNode? node, NodeSpecConfig? defaults = null)
    {
        defaults ??= new NodeSpecConfig("", NodeCapacity.Default, new Dictionary<string, string>());
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode:
                var count = reader.Integer(node, "nodes");
                if (count is null) return null;
                if (count is < 0 or > 5000)
                {
                    reader.Error(node, $"nodes: {count} is out of range (0..5000)");
                    return null;
                }
                var counted = ClusterConfig.DefaultNodes((int)count, defaults.Capacity, defaults.Labels)
                    .Select(n => n with { StaticPods = defaults.StaticPods }).ToList();
                StaticPodManifests.Validate(reader, counted, node);
                return counted;
            case YamlSequenceNode seq:
                var list = new List<NodeSpecConfig>();
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    var item = reader.Mapping(seq.Children[i], $"nodes[{i}]");
                    var spec = ReadNode(reader, item, $"nodes[{i}]", defaults with { Name = $"node-{i + 1}" }, allowName: true);
                    if (list.Any(n => n.Name == spec.Name)) reader.Error(seq.Children[i], $"nodes[{i}].name: duplicate node name \"{spec.Name}\"");
                    list.Add(spec);
                }
                StaticPodManifests.Validate(reader, list, node);
                return list;
            default:
                reader.Error(node, "nodes: expected a number of nodes or a list of nodes");
                return null;
        }
    }

    private static NodeSpecConfig ReadNode(YamlReader reader, YamlMappingNode? map, string what, NodeSpecConfig defaults, bool allowName)
    {
        if (map is null) return defaults;
        if (allowName) reader.OnlyKeys(map, what, "name", "cpu", "memory", "pods", "labels", "staticPodPath", "staticPods");
        else reader.OnlyKeys(map, what, "cpu", "memory", "pods", "labels", "staticPodPath", "staticPods");
        var name = reader.String(YamlReader.Child(map, "name"), $"{what}.name") ?? defaults.Name;
        var cpu = ReadQuantity(reader, YamlReader.Child(map, "cpu"), $"{what}.cpu") ?? defaults.Capacity.Cpu;
        var memory = ReadQuantity(reader, YamlReader.Child(map, "memory"), $"{what}.memory") ?? defaults.Capacity.Memory;
        var pods = reader.Integer(YamlReader.Child(map, "pods"), $"{what}.pods") ?? defaults.Capacity.Pods;
        var labels = reader.StringMap(YamlReader.Child(map, "labels"), $"{what}.labels") ?? defaults.Labels;
        var staticPods = StaticPodManifests.Read(reader, map, what) ?? defaults.StaticPods;
        return new NodeSpecConfig(name, new NodeCapacity(cpu, memory, (int)pods), labels) { StaticPods = staticPods };
    }

    private static Quantity? ReadQuantity(YamlReader reader, YamlNode? node, string what)
    {
        if (reader.String(node, what) is not { } text) return null;
        if (Quantity.TryParse(text, out var q)) return q;
        reader.Error(node, $"{what}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        return null;
    }
}
