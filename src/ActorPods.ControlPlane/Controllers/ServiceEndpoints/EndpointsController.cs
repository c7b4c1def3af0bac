using System.Text.Json;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.ServiceEndpoints;

/// <summary>
/// The legacy endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for every Service with a
/// selector, an Endpoints object of the same name listing its pods (see <see cref="EndpointsBuilder"/>), recomputed on
/// every pod and service change; deleted with its Service. Services without a selector are left alone (their
/// Endpoints are the user's). Component "endpoint-controller".
/// </summary>
public sealed class EndpointsController : ControllerActor
{
    /// <summary>Label on the Endpoints of a headless service (v1.IsHeadlessService).</summary>
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    private readonly Informer _services;
    private readonly Informer _pods;
    private readonly Informer _endpoints;

    public EndpointsController(IActorRef apiServer) : base(apiServer, "endpoint-controller")
    {
        _services = Inform("services");
        _pods = Inform("pods");
        _endpoints = Inform("endpoints");
        _services.Changed += (old, svc) => Enqueue(ObjectKey.Of((svc ?? old)!));
        _endpoints.Changed += (old, ep) =>
        {
            var key = ObjectKey.Of((ep ?? old)!);
            if (_services.Find<Service>(key) is not null) Enqueue(key);
        };
        _pods.Changed += (old, pod) =>
        {
            foreach (var svc in _services.InNamespace<Service>((pod ?? old)!.Metadata?.Namespace))
            {
                if ((old is Pod o && EndpointsBuilder.Selects(svc, o)) || (pod is Pod p && EndpointsBuilder.Selects(svc, p)))
                    Enqueue(ObjectKey.Of(svc));
            }
        };
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new EndpointsController(apiServer));

    protected override void Sync(string key)
    {
        var service = _services.Find<Service>(key);
        var existing = _endpoints.Find<Endpoints>(key);
        var (ns, name) = ObjectKey.Split(key);
        if (service is null)
        {
            // The service is gone: so are its endpoints (a selector-less service's too, as upstream deletes by name).
            if (existing is not null) Send(new Delete("endpoints", ns, name));
            return;
        }
        if (service.Spec?.Selector is not { Count: > 0 }) return;

        var pods = _pods.InNamespace<Pod>(ns).Where(p => EndpointsBuilder.Selects(service, p))
            .OrderBy(p => p.Metadata?.Name, StringComparer.Ordinal);
        var subsets = EndpointsBuilder.Subsets(service, pods);
        var labels = service.Metadata?.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(service.Metadata.Labels);
        if (service.Spec?.ClusterIP == "None") labels[HeadlessLabel] = "";
        else labels.Remove(HeadlessLabel);

        var desired = existing is null
            ? new Endpoints { ApiVersion = "v1", Kind = "Endpoints", Metadata = new ObjectMeta { Name = name, Namespace = ns } }
            : existing.DeepClone();
        desired.Meta.Labels = labels.Count == 0 ? null : labels;
        desired.Subsets = subsets.Count == 0 ? null : subsets;
        if (existing is not null && Json(existing.Subsets) == Json(desired.Subsets) && Json(existing.Metadata?.Labels) == Json(desired.Meta.Labels)) return;
        // A write from a stale cache fails (AlreadyExists, Conflict); the watch event that made it stale syncs again.
        Send(existing is null ? new Create(desired) : new Update(desired));
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value, KubeJson.Options);
}
