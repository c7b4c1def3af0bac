using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>Shared set-up: a virtual-time system with one api-server and helpers that send a request and await the reply.</summary>
public abstract class ApiServerSpec : ActorTestKit
{
    protected static readonly DateTimeOffset Epoch = ActorSystemOptions.DefaultVirtualEpoch;

    protected ApiServerSpec(ApiServerOptions? options = null)
    {
        Api = Sys.ActorOf(ApiServerActor.CreateProps(options), "api-server");
    }

    protected IActorRef Api { get; }

    protected ObjectResult Call(ApiServerRequest request)
    {
        Probe.Send(Api, request);
        return ExpectMsg<ObjectResult>();
    }

    protected T Ok<T>(ApiServerRequest request) where T : KubeObject
    {
        var r = Call(request);
        Assert.True(r.IsSuccess, r.Error?.Message);
        return (T)r.Object!;
    }

    protected ApiStatus Fails(ApiServerRequest request)
    {
        var r = Call(request);
        Assert.False(r.IsSuccess, "expected an error, got " + r.Object?.Metadata?.Name);
        return r.Error!;
    }

    protected ListResult ListOf(string kind, string? ns = null, string? labels = null, string? fields = null)
    {
        Probe.Send(Api, new List(kind, ns, labels, fields));
        return ExpectMsg<ListResult>();
    }

    protected long StartWatch(TestProbe watcher, Watch request)
    {
        watcher.Send(Api, request);
        var r = watcher.ExpectMsg<WatchResult>();
        Assert.True(r.IsSuccess, r.Error?.Message);
        return r.WatchId;
    }

    protected static Pod NewPod(string name, string ns = "default", string? node = null, Dictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
        Spec = new PodSpec
        {
            NodeName = node,
            TerminationGracePeriodSeconds = 30,
            Containers = [new Container { Name = "app", Image = "nginx" }],
        },
    };

    protected static long Rv(KubeObject o) => long.Parse(o.Metadata!.ResourceVersion!);
}
