using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;
using ActorPods.Sim.Network;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Faults;

/// <summary>Faults from code against a 3-node cluster with real kubelets and the node lifecycle controller.</summary>
public sealed class ClusterFaultsSpec : IDisposable
{
    private readonly Sim.Cluster.Cluster _cluster = new ClusterBuilder().WithConfig(ClusterConfig.Default.WithNodeCount(3)).WithSeed(3).Build();
    private readonly List<TraceRecord> _trace = [];
    private readonly IDisposable _subscription;

    public ClusterFaultsSpec()
    {
        _subscription = _cluster.System.EventStream.Subscribe<TraceRecord>(_trace.Add);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _cluster.Dispose();
    }

    private Api.Model.Node Node(string name) => (Api.Model.Node)_cluster.Call(new Get("nodes", null, name)).Object!;

    private string Ready(string name) => Node(name).Status!.Conditions!.Single(c => c.Type == "Ready").Status!;

    private IReadOnlyList<string> Taints(string name) => (Node(name).Spec?.Taints ?? []).Select(t => $"{t.Key}:{t.Effect}").ToList();

    /// <summary>Runs in 1 s steps until <paramref name="condition"/> holds; returns the time it first held.</summary>
    private TimeSpan RunUntil(Func<bool> condition, TimeSpan limit)
    {
        while (!condition())
        {
            Assert.True(_cluster.Elapsed < limit, $"condition not reached by {limit}");
            _cluster.RunUntil(_cluster.Elapsed + TimeSpan.FromSeconds(1));
        }
        return _cluster.Elapsed;
    }

    [Fact]
    public void Every_cluster_routes_its_traffic_through_a_perfect_network_model()
    {
        Assert.Same(_cluster.Links, _cluster.System.Transport);
        Assert.Equal(LinkProfile.Perfect, _cluster.Links.DefaultLink);
        _cluster.RunUntil(TimeSpan.FromSeconds(30));
        Assert.True(_cluster.Links.Stats.Delivered > 0);
        Assert.Equal(0, _cluster.Links.Stats.Lost + _cluster.Links.Stats.Partitioned);
    }

    [Fact]
    public void A_partitioned_node_goes_Unknown_after_the_grace_period_is_tainted_unreachable_and_recovers_on_heal()
    {
        _cluster.RunUntil(TimeSpan.FromSeconds(60));
        Assert.Equal("True", Ready("node-2"));
        var partition = _cluster.Faults.PartitionNode("node-2");

        // node-monitor-grace-period is 50 s (1.32); the controller checks every 5 s, lease renewals come every 10 s.
        var unknownAt = RunUntil(() => Ready("node-2") == "Unknown", TimeSpan.FromSeconds(180));
        Assert.InRange(unknownAt.TotalSeconds, 60 + 40, 60 + 50 + 5 + 1);
        RunUntil(() => Taints("node-2").Contains("node.kubernetes.io/unreachable:NoExecute"), TimeSpan.FromSeconds(200));
        Assert.Equal("True", Ready("node-1"));
        Assert.Equal("True", Ready("node-3"));
        Assert.True(_cluster.Links.Stats.Partitioned > 0);

        Assert.True(_cluster.Faults.Heal(partition));
        // The kubelet's lease renewals failed during the cut; the first one answered after the heal re-posts the status.
        RunUntil(() => Ready("node-2") == "True", _cluster.Elapsed + TimeSpan.FromSeconds(30));
        RunUntil(() => Taints("node-2").Count == 0, _cluster.Elapsed + TimeSpan.FromSeconds(30));

        var network = _trace.Where(r => r.Type == "network").ToList();
        Assert.Equal(["partition", "heal"], network.Select(r => r.String("change")));
        Assert.Equal(["node-2"], (IReadOnlyList<string>)network[0]["side"]!);
        Assert.Null(network[0]["otherSide"]);
        Assert.Equal("drop", network[0].String("mode"));
        Assert.Equal(network[0].Long("id"), network[1].Long("id"));
    }

    [Fact]
    public void A_crashed_node_goes_Unknown_its_pod_IPs_stop_answering_and_a_restart_brings_it_back_Ready()
    {
        var pod = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              nodeName: node-1
              containers: [{name: app, image: nginx}]
            """, "pod.yaml");
        Assert.True(ManifestApplier.Apply(_cluster, pod).Success);
        RunUntil(() => (_cluster.Call(new Get("pods", "default", "web")).Object as Pod)?.Status?.PodIP is { Length: > 0 }, TimeSpan.FromSeconds(60));
        var ip = ((Pod)_cluster.Call(new Get("pods", "default", "web")).Object!).Status!.PodIP!;
        Assert.True(_cluster.Network.Exists(ip));

        var crashedAt = _cluster.Elapsed;
        Assert.True(_cluster.Faults.CrashNode("node-1") > 0);
        Assert.False(_cluster.Network.Exists(ip));
        Assert.Null(_cluster.Network.Find(ip));
        Assert.Contains("node-1", _cluster.Faults.CrashedNodes);

        var unknownAt = RunUntil(() => Ready("node-1") == "Unknown", crashedAt + TimeSpan.FromSeconds(120));
        Assert.InRange((unknownAt - crashedAt).TotalSeconds, 40, 56);
        // The pod stays bound to the dead node (eviction waits the 300 s toleration).
        Assert.Equal("node-1", ((Pod)_cluster.Call(new Get("pods", "default", "web")).Object!).Spec!.NodeName);

        var fresh = _cluster.Faults.RestartNode("node-1");
        Assert.Same(fresh, _cluster.Nodes["node-1"]);
        RunUntil(() => Ready("node-1") == "True", _cluster.Elapsed + TimeSpan.FromSeconds(60));
        Assert.Empty(_cluster.Faults.CrashedNodes);
        Assert.Equal(["crashed", "restarted"], _trace.Where(r => r.Type == "host").Select(r => r.String("change")));
    }

    [Fact]
    public void A_paused_node_stops_renewing_its_lease_and_catches_up_when_resumed()
    {
        _cluster.RunUntil(TimeSpan.FromSeconds(30));
        Assert.True(_cluster.Faults.PauseNode("node-3") > 0);
        Assert.True(_cluster.System.IsHostSuspended("node-3"));
        RunUntil(() => Ready("node-3") == "Unknown", TimeSpan.FromSeconds(120));
        Assert.True(_cluster.Faults.ResumeNode("node-3") > 0);
        Assert.False(_cluster.System.IsHostSuspended("node-3"));
        // A frozen kubelet never saw its connection break; its next node-status tick (every 10 s) reads the Node, finds
        // the node lifecycle controller's Ready=Unknown and posts Ready=True again (tryUpdateNodeStatus).
        RunUntil(() => Ready("node-3") == "True", _cluster.Elapsed + TimeSpan.FromSeconds(11));
        Assert.Equal(["paused", "resumed"], _trace.Where(r => r.Type == "host").Select(r => r.String("change")));
    }

    [Fact]
    public void A_slow_link_delays_the_messages_between_two_hosts_and_a_reset_restores_the_default()
    {
        _cluster.Faults.SetLink(Sim.Cluster.Cluster.ControlPlaneHost, "node-1", new LinkProfile { Latency = LatencyDistribution.Parse("200ms") });
        Assert.Equal(TimeSpan.FromMilliseconds(200), ((LatencyDistribution.Fixed)_cluster.Links.LinkBetween("node-1", "control-plane").Latency).Delay);
        _cluster.Faults.ResetLink(Sim.Cluster.Cluster.ControlPlaneHost, "node-1");
        Assert.Equal(LinkProfile.Perfect, _cluster.Links.LinkBetween("node-1", "control-plane"));
        var records = _trace.Where(r => r.Type == "network").ToList();
        Assert.Equal(["link", "linkReset"], records.Select(r => r.String("change")));
        Assert.Equal("200ms", records[0].String("latency"));
    }

    [Fact]
    public void Unknown_hosts_are_refused_with_the_list_of_hosts()
    {
        var e = Assert.Throws<ArgumentException>(() => _cluster.Faults.PartitionNode("node-9"));
        Assert.Contains("control-plane, node-1, node-2, node-3", e.Message);
        Assert.Throws<ArgumentException>(() => _cluster.Faults.CrashNode("control-plane"));
    }
}
