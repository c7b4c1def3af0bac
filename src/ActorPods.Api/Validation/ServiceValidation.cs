using System.Net;
using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

/// <summary>
/// ValidateService and validateServicePort (pkg/apis/core/validation/validation.go), in upstream order, for the
/// fields this model carries. Runs on a defaulted Service (type, sessionAffinity, protocols, targetPorts,
/// internalTrafficPolicy filled in).
/// </summary>
public static class ServiceValidation
{
    private static readonly string[] PortProtocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] ServiceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

    public static List<FieldError> Validate(Service service)
    {
        var spec = service.Spec ?? new ServiceSpec();
        var errs = MetadataValidation.ValidateObjectMeta(service.Metadata, true, NameRules.NameIsDNS1035Label, FieldPath.New("metadata"));
        var specPath = FieldPath.New("spec");
        var ports = spec.Ports ?? [];
        var type = spec.Type ?? "";
        var headless = spec.ClusterIP == "None";

        if (ports.Count == 0 && !headless && type != "ExternalName") errs.Add(FieldError.Required(specPath.Child("ports")));
        switch (type)
        {
            case "LoadBalancer" when headless:
                errs.Add(FieldError.Invalid(specPath.Child("clusterIPs").Index(0), "None", "may not be set to 'None' for LoadBalancer services"));
                break;
            case "NodePort" when headless:
                errs.Add(FieldError.Invalid(specPath.Child("clusterIPs").Index(0), "None", "may not be set to 'None' for NodePort services"));
                break;
            case "ExternalName":
                if (!string.IsNullOrEmpty(spec.ClusterIP) || spec.ClusterIPs is { Count: > 0 })
                    errs.Add(FieldError.Forbidden(specPath.Child("clusterIPs"), "may not be set for ExternalName services"));
                if (spec.IpFamilies is { Count: > 0 }) errs.Add(FieldError.Forbidden(specPath.Child("ipFamilies"), "may not be set for ExternalName services"));
                if (spec.IpFamilyPolicy is not null) errs.Add(FieldError.Forbidden(specPath.Child("ipFamilyPolicy"), "may not be set for ExternalName services"));
                var cname = (spec.ExternalName ?? "").TrimEnd('.');
                if (cname.Length > 0)
                    errs.AddRange(NameRules.IsDNS1123Subdomain(cname).Select(m => FieldError.Invalid(specPath.Child("externalName"), cname, m)));
                else errs.Add(FieldError.Required(specPath.Child("externalName")));
                break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
            errs.AddRange(ValidateServicePort(ports[i], ports.Count > 1, names, specPath.Child("ports").Index(i)));

        if (spec.Selector is not null) errs.AddRange(MetadataValidation.ValidateLabels(spec.Selector, specPath.Child("selector")));

        var affinity = spec.SessionAffinity ?? "";
        if (affinity.Length == 0) errs.Add(FieldError.Required(specPath.Child("sessionAffinity")));
        else if (affinity is not ("ClientIP" or "None")) errs.Add(FieldError.NotSupported(specPath.Child("sessionAffinity"), affinity, ["ClientIP", "None"]));

        errs.AddRange(ValidateClusterIP(spec, specPath));
        for (var i = 0; i < (spec.ExternalIPs?.Count ?? 0); i++)
            if (!IPAddress.TryParse(spec.ExternalIPs![i], out _))
                errs.Add(FieldError.Invalid(specPath.Child("externalIPs").Index(i), spec.ExternalIPs[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));

        if (type.Length == 0) errs.Add(FieldError.Required(specPath.Child("type")));
        else if (!ServiceTypes.Contains(type)) errs.Add(FieldError.NotSupported(specPath.Child("type"), type, ServiceTypes));

        if (type == "ClusterIP")
            for (var i = 0; i < ports.Count; i++)
                if ((ports[i].NodePort ?? 0) != 0)
                    errs.Add(FieldError.Forbidden(specPath.Child("ports").Index(i).Child("nodePort"), "may not be used when `type` is 'ClusterIP'"));

        var nodePorts = new HashSet<(string, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var nodePort = ports[i].NodePort ?? 0;
            if (nodePort == 0) continue;
            if (!nodePorts.Add((ports[i].Protocol ?? "", nodePort)))
                errs.Add(FieldError.Duplicate(specPath.Child("ports").Index(i).Child("nodePort"), GoValue.Of(nodePort)));
        }
        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var key = (ports[i].Protocol ?? "", ports[i].Port ?? 0);
            if (!seen.Add(key)) errs.Add(FieldError.Duplicate(specPath.Child("ports").Index(i), GoValue.Raw(PortKey(key.Item1, key.Item2))));
        }

        if (spec.LoadBalancerSourceRanges is { Count: > 0 } && type != "LoadBalancer")
            errs.Add(FieldError.Forbidden(specPath.Child("LoadBalancerSourceRanges"), "may only be used when `type` is 'LoadBalancer'"));
        if (spec.AllocateLoadBalancerNodePorts is not null && type != "LoadBalancer")
            errs.Add(FieldError.Forbidden(specPath.Child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"));
        if (type == "LoadBalancer" && spec.AllocateLoadBalancerNodePorts is null)
            errs.Add(FieldError.Required(FieldPath.New("allocateLoadBalancerNodePorts")));

        errs.AddRange(ValidateTrafficPolicies(spec, specPath));
        return errs;
    }

    /// <summary>The duplicate-port key, a core.ServicePort printed with %#v.</summary>
    private static string PortKey(string protocol, int port) =>
        $"core.ServicePort{{Name:\"\", Protocol:{GoFormat.Quote(protocol)}, AppProtocol:(*string)(nil), Port:{port}, " +
        "TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}";

    private static List<FieldError> ValidateServicePort(ServicePort sp, bool requireName, HashSet<string> names, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (requireName && string.IsNullOrEmpty(sp.Name)) errs.Add(FieldError.Required(path.Child("name")));
        else if (!string.IsNullOrEmpty(sp.Name))
        {
            errs.AddRange(PodSpecValidation.Dns1123Label(sp.Name, path.Child("name")));
            if (!names.Add(sp.Name)) errs.Add(FieldError.Duplicate(path.Child("name"), sp.Name));
        }
        var port = sp.Port ?? 0;
        errs.AddRange(NameRules.IsValidPortNum(port).Select(m => FieldError.Invalid(path.Child("port"), port, m)));
        var protocol = sp.Protocol ?? "";
        if (protocol.Length == 0) errs.Add(FieldError.Required(path.Child("protocol")));
        else if (!PortProtocols.Contains(protocol)) errs.Add(FieldError.NotSupported(path.Child("protocol"), protocol, PortProtocols));
        errs.AddRange(PodSpecValidation.ValidatePortNumOrName(sp.TargetPort, path.Child("targetPort")));
        if (sp.AppProtocol is not null)
            errs.AddRange(NameRules.IsQualifiedName(sp.AppProtocol).Select(m => FieldError.Invalid(path.Child("appProtocol"), sp.AppProtocol, m)));
        return errs;
    }

    /// <summary>The part of ValidateServiceClusterIPsRelatedFields that needs no allocator: clusterIP is "None" or an IP.</summary>
    private static List<FieldError> ValidateClusterIP(ServiceSpec spec, FieldPath specPath)
    {
        var ips = spec.ClusterIPs is { Count: > 0 } list ? list : string.IsNullOrEmpty(spec.ClusterIP) ? [] : [spec.ClusterIP];
        var errs = new List<FieldError>();
        if (!string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is { Count: > 0 } && spec.ClusterIPs[0] != spec.ClusterIP)
            errs.Add(FieldError.Invalid(specPath.Child("clusterIPs"), GoValue.Raw(GoFormat.StringSlice(spec.ClusterIPs)), "first value must match `clusterIP`"));
        for (var i = 0; i < ips.Count; i++)
        {
            if (ips[i] == "None")
            {
                if (i > 0 || ips.Count > 1) errs.Add(FieldError.Invalid(specPath.Child("clusterIPs"), GoValue.Raw(GoFormat.StringSlice(ips)), "'None' must be the first and only value"));
                continue;
            }
            if (!IPAddress.TryParse(ips[i], out _))
                errs.Add(FieldError.Invalid(specPath.Child("clusterIPs").Index(i), ips[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }
        return errs;
    }

    /// <summary>validateServiceExternalTrafficPolicy and validateServiceInternalTrafficFieldsValue.</summary>
    private static List<FieldError> ValidateTrafficPolicies(ServiceSpec spec, FieldPath specPath)
    {
        var errs = new List<FieldError>();
        var type = spec.Type ?? "";
        var external = spec.ExternalTrafficPolicy ?? "";
        if (!ExternallyAccessible(spec))
        {
            if (external.Length > 0)
                errs.Add(FieldError.Invalid(specPath.Child("externalTrafficPolicy"), external, "may only be set for externally-accessible services"));
        }
        else if (external.Length == 0) errs.Add(FieldError.Required(specPath.Child("externalTrafficPolicy")));
        else if (external is not ("Cluster" or "Local"))
            errs.Add(FieldError.NotSupported(specPath.Child("externalTrafficPolicy"), external, ["Cluster", "Local"]));

        var needsHealthCheck = type == "LoadBalancer" && external == "Local";
        var healthCheckNodePort = spec.HealthCheckNodePort ?? 0;
        if (!needsHealthCheck && healthCheckNodePort != 0)
            errs.Add(FieldError.Invalid(specPath.Child("healthCheckNodePort"), healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));

        if (spec.InternalTrafficPolicy is null && type is "NodePort" or "LoadBalancer" or "ClusterIP")
            errs.Add(FieldError.Required(specPath.Child("internalTrafficPolicy")));
        if (spec.InternalTrafficPolicy is { } internalPolicy && internalPolicy is not ("Cluster" or "Local"))
            errs.Add(FieldError.NotSupported(specPath.Child("internalTrafficPolicy"), internalPolicy, ["Cluster", "Local"]));
        return errs;
    }

    /// <summary>service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs.</summary>
    internal static bool ExternallyAccessible(ServiceSpec spec) =>
        spec.Type is "LoadBalancer" or "NodePort" || (spec.Type == "ClusterIP" && spec.ExternalIPs is { Count: > 0 });
}
