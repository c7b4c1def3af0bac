using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Selectors;

/// <summary>
/// The fields each kind lets you select on, with their string values: the kinds' ToSelectableFields / GetAttrs in
/// pkg/registry/core/{pod,node,event,namespace,secret,replicationcontroller}/strategy.go and
/// pkg/registry/apps/replicaset/strategy.go. Every kind supports metadata.name and metadata.namespace.
/// </summary>
public static class ObjectFields
{
    private static readonly string[] PodFields =
    [
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
        "status.phase", "status.podIP", "status.nominatedNodeName",
    ];

    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
    ];

    /// <summary>Whether <paramref name="field"/> is selectable on objects of <paramref name="clrType"/>.</summary>
    public static bool IsSupported(Type clrType, string field)
    {
        if (field is "metadata.name" or "metadata.namespace") return true;
        if (clrType == typeof(Pod)) return Array.IndexOf(PodFields, field) >= 0;
        if (clrType == typeof(Event)) return Array.IndexOf(EventFields, field) >= 0;
        if (clrType == typeof(Node)) return field == "spec.unschedulable";
        if (clrType == typeof(Namespace)) return field == "status.phase";
        if (clrType == typeof(Secret)) return field == "type";
        if (clrType == typeof(ReplicaSet) || clrType == typeof(ReplicationController)) return field == "status.replicas";
        return false;
    }

    /// <summary>The value of a supported field ("" when unset, booleans as "true"/"false").</summary>
    public static string Get(KubeObject obj, string field)
    {
        switch (field)
        {
            case "metadata.name": return obj.Metadata?.Name ?? "";
            case "metadata.namespace": return obj.Metadata?.Namespace ?? "";
        }
        return obj switch
        {
            Pod p => field switch
            {
                "spec.nodeName" => p.Spec?.NodeName ?? "",
                "spec.restartPolicy" => p.Spec?.RestartPolicy ?? "",
                "spec.schedulerName" => p.Spec?.SchedulerName ?? "",
                "spec.serviceAccountName" => p.Spec?.ServiceAccountName ?? "",
                "spec.hostNetwork" => p.Spec?.HostNetwork == true ? "true" : "false",
                "status.phase" => p.Status?.Phase ?? "",
                "status.podIP" => p.Status?.PodIP ?? "",
                "status.nominatedNodeName" => p.Status?.NominatedNodeName ?? "",
                _ => "",
            },
            Event e => field switch
            {
                "involvedObject.kind" => e.InvolvedObject?.Kind ?? "",
                "involvedObject.namespace" => e.InvolvedObject?.Namespace ?? "",
                "involvedObject.name" => e.InvolvedObject?.Name ?? "",
                "involvedObject.uid" => e.InvolvedObject?.Uid ?? "",
                "involvedObject.apiVersion" => e.InvolvedObject?.ApiVersion ?? "",
                "involvedObject.resourceVersion" => e.InvolvedObject?.ResourceVersion ?? "",
                "involvedObject.fieldPath" => e.InvolvedObject?.FieldPath ?? "",
                "reason" => e.Reason ?? "",
                "reportingComponent" => e.ReportingComponent ?? "",
                "source" => e.Source?.Component ?? "",
                "type" => e.Type ?? "",
                _ => "",
            },
            Node n when field == "spec.unschedulable" => n.Spec?.Unschedulable == true ? "true" : "false",
            Namespace ns when field == "status.phase" => ns.Status?.Phase ?? "",
            Secret s when field == "type" => s.Type ?? "",
            ReplicaSet rs when field == "status.replicas" => (rs.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReplicationController rc when field == "status.replicas" => (rc.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "",
        };
    }
}
