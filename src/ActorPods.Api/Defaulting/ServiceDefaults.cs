using ActorPods.Api.Model;

namespace ActorPods.Api.Defaulting;

/// <summary>SetDefaults_Service (pkg/apis/core/v1/defaults.go).</summary>
public static class ServiceDefaults
{
    public static void Apply(Service service)
    {
        var spec = service.Spec ??= new ServiceSpec();
        spec.SessionAffinity ??= "None"; // v1.ServiceAffinityNone
        spec.Type ??= "ClusterIP"; // v1.ServiceTypeClusterIP
        foreach (var port in spec.Ports ?? [])
        {
            port.Protocol ??= "TCP";
            // targetPort 0 or "" means "the same as port".
            if (port.TargetPort is not { } target || (target.IsInt && target.IntValue == 0) || (target.IsString && target.StringValue!.Length == 0))
                port.TargetPort = IntOrString.FromInt(port.Port ?? 0);
        }
        // Externally accessible services (NodePort, LoadBalancer, or with externalIPs) default to Cluster.
        if ((spec.Type is "NodePort" or "LoadBalancer" || (spec.Type == "ClusterIP" && spec.ExternalIPs is { Count: > 0 }))
            && string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
            spec.ExternalTrafficPolicy = "Cluster";
        if (spec.InternalTrafficPolicy is null && spec.Type is "NodePort" or "LoadBalancer" or "ClusterIP")
            spec.InternalTrafficPolicy = "Cluster";
        if (spec.Type == "LoadBalancer") spec.AllocateLoadBalancerNodePorts ??= true;
    }
}
