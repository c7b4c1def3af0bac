using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Cluster.StandIn;
using ActorPods.Sim.Config;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Trace;

/// <summary>The `node` and `endpoints` records: the recorder's watches on nodes and endpoints, diffed.</summary>
public sealed class ClusterTraceSpec : IDisposable
{
    private const string WebAndService = """
        apiVersion: v1
        kind: Service
        metadata: {name: web-svc}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          containers: [{name: app, image: nginx}]
        """;

    private readonly Sim.Cluster.Cluster _cluster;
    private readonly List<TraceRecord> _trace = [];
    private readonly IDisposable _subscription;

    public ClusterTraceSpec()
    {
        // The stand-in node posts no heartbeats, so node lifecycle would turn it Unknown; this spec changes nodes itself.
        var controllers = new ControllerOptions
        {
            Enabled = ControllerManager.AllControllers.Where(c => c is not "node-lifecycle-controller" and not "taint-eviction-controller").ToHashSet(),
        };
        _cluster = new ClusterBuilder().WithConfig(ClusterConfig.Default.WithNodeCount(2)).WithSeed(1)
            .WithNodeFactory(new StandInNodeFactory()).WithControllers(controllers).Build();
        _subscription = _cluster.System.EventStream.Subscribe<TraceRecord>(_trace.Add);
        _cluster.System.ActorOf(TraceRecorder.CreateProps(_cluster.ApiServer).WithHost(Sim.Cluster.Cluster.ControlPlaneHost), "trace");
        _cluster.Flush();
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _cluster.Dispose();
    }

    private List<string> Lines(string type) => _trace.Where(r => r.Type == type).Select(TraceJson.Write).ToList();

    [Fact]
    public void Every_node_is_recorded_once_at_the_start_and_again_only_when_cordoned_or_tainted()
    {
        _cluster.RunUntil(TimeSpan.FromSeconds(30));
        Assert.Equal(
        [
            """{"t":0,"type":"node","name":"node-1","ready":"True","unschedulable":false,"taints":[]}""",
            """{"t":0,"type":"node","name":"node-2","ready":"True","unschedulable":false,"taints":[]}""",
        ], Lines("node"));

        var node = (Api.Model.Node)_cluster.Call(new Get("nodes", null, "node-2")).Object!;
        node.Spec ??= new NodeSpec();
        node.Spec.Unschedulable = true;
        node.Spec.Taints = [new Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }, new Taint { Key = "dedicated", Value = "db", Effect = "NoExecute" }];
        Assert.Null(_cluster.Call(new Update(node)).Error);
        _cluster.RunUntil(TimeSpan.FromSeconds(60));

        Assert.Equal(
            """{"t":30,"type":"node","name":"node-2","ready":"True","unschedulable":true,"taints":["node.kubernetes.io/unschedulable:NoSchedule","dedicated=db:NoExecute"]}""",
            Lines("node").Skip(2).Single());
    }

    [Fact]
    public void A_services_endpoints_are_recorded_when_the_pod_joins_and_when_it_leaves_on_deletion()
    {
        Assert.True(ManifestApplier.Apply(_cluster, ManifestLoader.LoadText(WebAndService, "web.yaml")).Success);
        _cluster.RunUntil(TimeSpan.FromSeconds(10));
        Assert.Null(_cluster.Call(new Delete("pods", "default", "web", GracePeriodSeconds: 5)).Error);
        _cluster.RunUntil(TimeSpan.FromSeconds(30));

        var ip = _trace.Last(r => r.Type == "pod" && r.String("ip") is not null).String("ip");
        Assert.NotNull(ip);
        var web = Lines("endpoints").Where(l => l.Contains("\"name\":\"web-svc\"")).ToList();
        Assert.Equal(
        [
            """{"t":0,"type":"endpoints","ns":"default","name":"web-svc","ready":[],"notReady":[]}""",
            $$"""{"t":1,"type":"endpoints","ns":"default","name":"web-svc","ready":["{{ip}}"],"notReady":[]}""",
            """{"t":10,"type":"endpoints","ns":"default","name":"web-svc","ready":[],"notReady":[]}""",
        ], web);
        // Ordered as the api-server committed them: the pod record with its IP comes before the endpoints naming it.
        Assert.True(_trace.FindIndex(r => r.Type == "pod" && r.String("ip") == ip) < _trace.FindIndex(r => r.Type == "endpoints" && r.String("name") == "web-svc" && ((IReadOnlyList<string>)r["ready"]!).Count == 1));
    }
}
