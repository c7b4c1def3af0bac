namespace ActorPods.Api.Model;

/// <summary>core/v1 Service.</summary>
public sealed class Service : KubeObject
{
    public ServiceSpec? Spec { get; set; }
    public ServiceStatus? Status { get; set; }
}

public sealed class ServiceSpec
{
    public List<ServicePort>? Ports { get; set; }
    public Dictionary<string, string>? Selector { get; set; }
    /// <summary>"None" makes a headless service.</summary>
    public string? ClusterIP { get; set; }
    public List<string>? ClusterIPs { get; set; }
    /// <summary>ClusterIP (default), NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; set; }
    public List<string>? ExternalIPs { get; set; }
    /// <summary>None or ClientIP.</summary>
    public string? SessionAffinity { get; set; }
    public string? LoadBalancerIP { get; set; }
    public List<string>? LoadBalancerSourceRanges { get; set; }
    public string? ExternalName { get; set; }
    public string? ExternalTrafficPolicy { get; set; }
    public int? HealthCheckNodePort { get; set; }
    public bool? PublishNotReadyAddresses { get; set; }
    public List<string>? IpFamilies { get; set; }
    public string? IpFamilyPolicy { get; set; }
    public bool? AllocateLoadBalancerNodePorts { get; set; }
    public string? LoadBalancerClass { get; set; }
    public string? InternalTrafficPolicy { get; set; }
    public string? TrafficDistribution { get; set; }
}

/// <summary>v1.ServicePort. targetPort is a number or a named container port.</summary>
public sealed class ServicePort
{
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public string? AppProtocol { get; set; }
    public int? Port { get; set; }
    public IntOrString? TargetPort { get; set; }
    public int? NodePort { get; set; }
}

public sealed class ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; set; }
    public List<Condition>? Conditions { get; set; }
}

public sealed class LoadBalancerStatus
{
    public List<LoadBalancerIngress>? Ingress { get; set; }
}

public sealed class LoadBalancerIngress
{
    public string? Ip { get; set; }
    public string? Hostname { get; set; }
    public string? IpMode { get; set; }
}
