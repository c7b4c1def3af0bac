using ActorPods.Api.Model;

namespace ActorPods.Api.Defaulting;

/// <summary>The small defaults of the remaining kinds (pkg/apis/core/v1/defaults.go unless noted).</summary>
public static class OtherDefaults
{
    /// <summary>SetDefaults_Namespace (the kubernetes.io/metadata.name label) and SetDefaults_NamespaceStatus (phase Active).</summary>
    public static void Apply(Namespace ns)
    {
        if (!string.IsNullOrEmpty(ns.Metadata?.Name))
            (ns.Meta.Labels ??= new Dictionary<string, string>())["kubernetes.io/metadata.name"] = ns.Meta.Name!;
        var status = ns.Status ??= new NamespaceStatus();
        status.Phase ??= "Active";
    }

    /// <summary>
    /// SetDefaults_Secret (type Opaque); and stringData merged into data, which the v1-to-internal conversion does
    /// before anything else sees the object (pkg/apis/core/v1/conversion.go, Convert_v1_Secret_To_core_Secret).
    /// </summary>
    public static void Apply(Secret secret)
    {
        secret.Type ??= "Opaque";
        if (secret.StringData is { } stringData)
        {
            var data = secret.Data ??= new Dictionary<string, byte[]>();
            foreach (var (key, value) in stringData) data[key] = System.Text.Encoding.UTF8.GetBytes(value);
            secret.StringData = null;
        }
    }

    /// <summary>SetDefaults_Endpoints: port protocol TCP.</summary>
    public static void Apply(Endpoints endpoints)
    {
        foreach (var subset in endpoints.Subsets ?? [])
            foreach (var port in subset.Ports ?? [])
                port.Protocol ??= "TCP";
    }

    /// <summary>SetDefaults_NodeStatus: allocatable defaults to capacity.</summary>
    public static void Apply(Node node)
    {
        ResourceListDefaults.Apply(node.Status?.Capacity);
        ResourceListDefaults.Apply(node.Status?.Allocatable);
        if (node.Status is { Allocatable: null, Capacity: { } capacity } status)
            status.Allocatable = new Dictionary<string, Quantities.Quantity>(capacity);
    }
}
