using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Sim.Cluster;

/// <summary>
/// The Service REST storage's ClusterIP allocation (pkg/registry/core/service/ipallocator), as an admission step after
/// defaulting and validation: a Service created without spec.clusterIP gets the next free address of 10.96.0.0/12.
/// kube-apiserver picks at random; we hand them out in order from 10.96.0.11 (10.96.0.1 is the kubernetes Service,
/// 10.96.0.10 kube-dns), so runs are deterministic. Runs inside the api-server actor, so needs no lock.
/// </summary>
public sealed class ClusterIpAllocation(IAdmission inner) : IAdmission
{
    private readonly HashSet<string> _used = ["10.96.0.1", "10.96.0.10"];
    private int _next = 11;

    public ApiStatus? Admit(AdmissionRequest request)
    {
        if (inner.Admit(request) is { } rejected) return rejected;
        if (request is not { Operation: AdmissionOperation.Create, Object: Service service }) return null;
        var spec = service.Spec ??= new ServiceSpec();
        if (spec.Type == "ExternalName") return null;
        if (!string.IsNullOrEmpty(spec.ClusterIP))
        {
            _used.Add(spec.ClusterIP);
            return null;
        }
        string ip;
        do
        {
            ip = $"10.96.{_next / 256}.{_next % 256}";
            _next++;
        }
        while (_used.Contains(ip) || _next % 256 == 0);
        _used.Add(ip);
        spec.ClusterIP = ip;
        spec.ClusterIPs = [ip];
        return null;
    }
}
