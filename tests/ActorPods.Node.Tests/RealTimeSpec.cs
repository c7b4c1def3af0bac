using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>The same actors on the real-time scheduler (thread pool, scaled clock): a pod still comes up.</summary>
public sealed class RealTimeSpec() : RealTimeActorTestKit(speed: 20)
{
    [Fact]
    public void A_pod_reaches_Running_on_the_real_time_scheduler()
    {
        var sys = Sys;
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
        // Durations are system time: 200 s is 10 s of real time at speed 20.
        var created = Await(api.Ask<ObjectResult>(new Create(pod), TimeSpan.FromSeconds(200)), TimeSpan.FromSeconds(200));
        Assert.True(created.IsSuccess);
        AwaitAssert(() =>
        {
            var r = Await(api.Ask<ObjectResult>(new Get("Pod", "default", "rt"), TimeSpan.FromSeconds(200)), TimeSpan.FromSeconds(200));
            Assert.Equal("Running", ((Pod)r.Object!).Status?.Phase);
        }, duration: TimeSpan.FromSeconds(400), interval: TimeSpan.FromSeconds(1));
    }
}
