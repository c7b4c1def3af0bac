using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Cluster.StandIn;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Cluster;

public sealed class ClusterAssemblySpec
{
    private static Sim.Cluster.Cluster Build(int nodes = 3) =>
        new ClusterBuilder().WithConfig(ClusterConfig.Default.WithNodeCount(nodes)).WithSeed(1).WithNodeFactory(new StandInNodeFactory()).Build();

    [Fact]
    public void Nodes_are_named_node_1_to_N_and_register_Ready_with_their_capacity()
    {
        using var cluster = Build(3);
        var nodes = cluster.List("nodes").Items.Cast<Api.Model.Node>().ToList();
        Assert.Equal(["node-1", "node-2", "node-3"], nodes.Select(n => n.Metadata!.Name!).Order());
        Assert.All(nodes, n => Assert.Equal("True", n.Status!.Conditions!.Single(c => c.Type == "Ready").Status));
        Assert.Equal("v1.32.0", nodes[0].Status!.NodeInfo!.KubeletVersion);
        Assert.Equal(["node-1", "node-2", "node-3"], cluster.Nodes.Keys.Order());
        Assert.Contains("node-2", cluster.System.Hosts);
    }

    [Fact]
    public void A_node_list_gives_names_capacities_and_labels()
    {
        var config = ClusterConfig.Default with
        {
            Nodes = [new NodeSpecConfig("big", new NodeCapacity(Api.Quantities.Quantity.Parse("16"), Api.Quantities.Quantity.Parse("64Gi"), 50),
                new Dictionary<string, string> { ["zone"] = "a" })],
        };
        using var cluster = new ClusterBuilder().WithConfig(config).WithNodeFactory(new StandInNodeFactory()).Build();
        var node = Assert.Single(cluster.List("nodes").Items.Cast<Api.Model.Node>());
        Assert.Equal("big", node.Metadata!.Name);
        Assert.Equal("a", node.Metadata.Labels!["zone"]);
        Assert.Equal("16", node.Status!.Capacity!["cpu"].ToString());
    }

    [Fact]
    public void Services_get_cluster_IPs_in_order_and_resolve_by_short_namespaced_and_full_names()
    {
        using var cluster = Build(1);
        var objects = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Service
            metadata: {name: myservice}
            spec:
              ports: [{port: 80, targetPort: 9376}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: mydb}
            spec:
              ports: [{port: 80}]
            """, "svc.yaml");
        Assert.True(ManifestApplier.Apply(cluster, objects).Success);
        cluster.Flush();
        var dns = cluster.Dns;
        Assert.Equal("10.96.0.11", Assert.Single(dns.Resolve("myservice", "default")!));
        Assert.Equal("10.96.0.12", Assert.Single(dns.Resolve("mydb.default", "other")!));
        Assert.Equal("10.96.0.11", Assert.Single(dns.Resolve("myservice.default.svc.cluster.local", "kube-system")!));
        Assert.Null(dns.Resolve("myservice", "other"));
        Assert.Equal("myservice.default.svc.cluster.local", dns.Canonical("myservice", "default"));
        Assert.Null(dns.Resolve("nothing", "default"));
    }

    [Fact]
    public void Addresses_added_to_the_network_exist_until_removed()
    {
        using var cluster = Build(1);
        var network = cluster.Network;
        Assert.False(network.Exists("192.168.109.201"));
        network.AddAddress("192.168.109.201");
        Assert.True(network.Exists("192.168.109.201"));
        Assert.True(network.RemoveAddress("192.168.109.201"));
        Assert.False(network.Exists("192.168.109.201"));
    }
}
