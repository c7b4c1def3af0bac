using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;

namespace ActorPods.Sim.Cluster;

/// <summary>CoreDNS's kubernetes plugin: watches Services and keeps <see cref="ClusterDns"/> in step.</summary>
public sealed class ServiceDnsActor : Actor
{
    private readonly IActorRef _apiServer;

    public ServiceDnsActor(IActorRef apiServer, ClusterDns dns)
    {
        _apiServer = apiServer;
        Receive<WatchResult>(_ => { });
        Receive<WatchEvent>(e =>
        {
            if (e.Object is not Service s || s.Metadata?.Name is not { } name) return;
            var ns = s.Metadata.Namespace ?? "default";
            if (e.Type == WatchEventType.Deleted || s.Spec?.ClusterIP is not { Length: > 0 } ip) dns.RemoveService(ns, name);
            else dns.SetService(ns, name, ip);
        });
    }

    public static Props CreateProps(IActorRef apiServer, ClusterDns dns) => Props.Create(() => new ServiceDnsActor(apiServer, dns));

    protected override void PreStart() => _apiServer.Tell(new Watch("services", ResourceVersion: "0"), Self);
}
