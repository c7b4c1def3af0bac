using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Config;

public sealed class ClusterConfigSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_node_list_namespaces_and_pull_settings_are_read()
    {
        var config = ClusterConfigLoader.Load(_files.Write("c.yaml", """
            apiVersion: actorpods.io/v1alpha1
            kind: ClusterConfig
            nodes:
            - {name: a, cpu: "2", labels: {zone: x}}
            - {name: b, memory: 1Gi}
            nodeDefaults: {cpu: "8", memory: 16Gi}
            namespaces: [dev]
            imagePull: {latency: 5s, unreachableRegistries: [gcr.io]}
            """));
        Assert.Equal(["a", "b"], config.Nodes.Select(n => n.Name));
        Assert.Equal("2", config.Nodes[0].Capacity.Cpu.ToString());
        Assert.Equal("16Gi", config.Nodes[0].Capacity.Memory.ToString());
        Assert.Equal("8", config.Nodes[1].Capacity.Cpu.ToString());
        Assert.Equal(["dev"], config.Namespaces);
        Assert.Equal(TimeSpan.FromSeconds(5), config.ImagePull.Latency);
        Assert.Equal(["gcr.io"], config.ImagePull.UnreachableRegistries);
    }

    [Fact]
    public void Mistakes_are_reported_with_their_position()
    {
        var e = Assert.Throws<ConfigException>(() => ClusterConfigLoader.Load(_files.Write("c.yaml", "kind: ClusterConfig\nnodes: 2\nnodeDefaults: {cpu: lots}\nimagePulls: {}\n")));
        Assert.Equal(
            [
                "c.yaml:4:1: ClusterConfig: unknown field \"imagePulls\" (expected one of: apiVersion, kind, metadata, nodes, nodeDefaults, imageCatalog, imagePull, namespaces, network, kubelet)",
                "c.yaml:3:21: nodeDefaults.cpu: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ],
            e.Errors.Select(x => x.ToString().Replace(_files.Dir + Path.DirectorySeparatorChar, "")));
    }

    [Fact]
    public void Container_log_rotation_is_read_from_the_kubelet_settings_and_checked_like_the_kubelet()
    {
        var config = ClusterConfigLoader.Load(_files.Write("c.yaml", """
            kind: ClusterConfig
            kubelet: {containerLogMaxSize: 1Mi, containerLogMaxFiles: 3, containerLogMonitorInterval: 30s}
            """));
        Assert.Equal(new Node.ContainerLogSettings { MaxSize = 1 << 20, MaxFiles = 3, MonitorInterval = TimeSpan.FromSeconds(30) }, config.ContainerLogs);
        Assert.Equal(Node.ContainerLogSettings.Default, ClusterConfigLoader.Load(_files.Write("d.yaml", "kind: ClusterConfig\n")).ContainerLogs);

        var e = Assert.Throws<ConfigException>(() => ClusterConfigLoader.Load(_files.Write("e.yaml", "kubelet: {containerLogMaxFiles: 1, containerLogMaxSize: lots}\n")));
        Assert.Equal(2, e.Errors.Count);
        Assert.Contains(e.Errors, x => x.ToString().Contains("invalid MaxFiles 1, must be > 1"));
    }

    [Fact]
    public void The_shipped_cluster_config_loads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "ActorPods.sln"))) dir = dir.Parent;
        var config = ClusterConfigLoader.Load(Path.Combine(dir.FullName, "config", "cluster.yaml"));
        Assert.Equal(3, config.Nodes.Count);
        Assert.Contains("dev", config.Namespaces);
        Assert.EndsWith("images.yaml", Assert.Single(config.ImageCatalogs));
        Assert.Equal(Node.ContainerLogSettings.Default, config.ContainerLogs);
    }
}
