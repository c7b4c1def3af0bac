using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>The same actors on the real-time scheduler (thread pool, scaled clock): a pod still comes up.</summary>
public sealed class RealTimeSpec
{
    [Fact]
    public async Task A_pod_reaches_Running_on_the_real_time_scheduler()
    {
        using var sys = ActorSystem.CreateRealTime(speed: 20);
        var api = sys.ActorOf(ApiServerActor.CreateProps(new ApiServerOptions { Admission = KubeAdmission.Instance }), "api-server");
        sys.ActorOf(NodeActor.Props(new NodeConfig { Name = "node-1" }, api, new NodeServices()).WithHost("node-1"), "node-1");
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: rt
            spec:
              nodeName: node-1
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """);
        var created = await api.Ask<ObjectResult>(new Create(pod), TimeSpan.FromSeconds(200)); // system time: 10 s real at speed 20
        Assert.True(created.IsSuccess);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string? phase = null;
        while (DateTime.UtcNow < deadline)
        {
            var r = await api.Ask<ObjectResult>(new Get("Pod", "default", "rt"), TimeSpan.FromSeconds(200)); // system time: 10 s real at speed 20
            phase = ((Pod)r.Object!).Status?.Phase;
            if (phase == "Running") break;
            await Task.Delay(50);
        }
        Assert.Equal("Running", phase);
    }
}
