namespace ActorPods.Api.Model;

/// <summary>core/v1 Endpoints: ready pod addresses per service (notReadyAddresses for the rest).</summary>
public sealed class Endpoints : KubeObject
{
    public List<EndpointSubset>? Subsets { get; set; }
}

public sealed class EndpointSubset
{
    public List<EndpointAddress>? Addresses { get; set; }
    public List<EndpointAddress>? NotReadyAddresses { get; set; }
    public List<EndpointPort>? Ports { get; set; }
}

public sealed class EndpointAddress
{
    public string? Ip { get; set; }
    public string? Hostname { get; set; }
    public string? NodeName { get; set; }
    public ObjectReference? TargetRef { get; set; }
}

public sealed class EndpointPort
{
    public string? Name { get; set; }
    public int? Port { get; set; }
    public string? Protocol { get; set; }
    public string? AppProtocol { get; set; }
}
