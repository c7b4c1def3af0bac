using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// kube-proxy's control loop: watches Services and Endpoints and programs <see cref="ServiceProxy"/> with each change
/// <see cref="Latency"/> later. That latency stands for the network programming latency between the endpoints
/// controller's write and the rules being in place on the nodes: watch delivery plus an iptables sync, which kube-proxy
/// runs at most once per iptables.minSyncPeriod (1s by default, pkg/proxy/apis/config/v1alpha1/defaults.go). A choice:
/// one fixed delay for the whole cluster; a real kube-proxy that has been idle syncs its first change at once (its
/// BoundedFrequencyRunner allows a burst of 2), so small idle clusters often see less, busy ones much more. It is what
/// opens the window the seed tutorials describe: a deleted pod gets its stop signal while traffic still reaches it.
/// </summary>
public sealed class ServiceProxyActor : Actor
{
    /// <summary>The default programming latency: kube-proxy's default iptables minSyncPeriod.</summary>
    public static readonly TimeSpan DefaultLatency = TimeSpan.FromSeconds(1);

    private readonly IActorRef _apiServer;
    private long _changes;

    public ServiceProxyActor(IActorRef apiServer, ServiceProxy proxy, TimeSpan latency)
    {
        _apiServer = apiServer;
        Latency = latency;
        Receive<WatchResult>(_ => { });
        Receive<WatchEvent>(e =>
        {
            if (e.Object?.Metadata?.Name is null) return;
            if (Latency <= TimeSpan.Zero) Program(proxy, e);
            else Timers.StartSingleTimer(++_changes, new Due(e), Latency);
        });
        Receive<Due>(d => Program(proxy, d.Event));
    }

    public TimeSpan Latency { get; }

    public static Props CreateProps(IActorRef apiServer, ServiceProxy proxy, TimeSpan latency) =>
        Props.Create(() => new ServiceProxyActor(apiServer, proxy, latency));

    protected override void PreStart()
    {
        _apiServer.Tell(new Watch("services", ResourceVersion: "0"), Self);
        _apiServer.Tell(new Watch("endpoints", ResourceVersion: "0"), Self);
    }

    private static void Program(ServiceProxy proxy, WatchEvent e)
    {
        var name = e.Object!.Metadata!.Name!;
        var ns = e.Object.Metadata.Namespace ?? "default";
        switch (e.Object)
        {
            case Service s when e.Type == WatchEventType.Deleted || s.Spec?.ClusterIP is not { Length: > 0 } || s.Spec.ClusterIP == "None":
                proxy.RemoveService(ns, name);
                break;
            case Service s:
                proxy.SetService(ns, name, s.Spec!.ClusterIP!, s.Spec.Ports ?? []);
                break;
            case Endpoints when e.Type == WatchEventType.Deleted:
                proxy.RemoveEndpoints(ns, name);
                break;
            case Endpoints ep:
                proxy.SetEndpoints(ns, name, ep.Subsets);
                break;
        }
    }

    private sealed record Due(WatchEvent Event);
}
