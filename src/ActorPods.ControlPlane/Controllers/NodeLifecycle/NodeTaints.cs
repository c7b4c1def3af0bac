using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.NodeLifecycle;

/// <summary>The taints the node lifecycle controller manages (pkg/controller/nodelifecycle, k8s.io/api/core/v1/well_known_taints.go).</summary>
public static class NodeTaints
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string MemoryPressure = "node.kubernetes.io/memory-pressure";
    public const string DiskPressure = "node.kubernetes.io/disk-pressure";
    public const string PidPressure = "node.kubernetes.io/pid-pressure";
    public const string NetworkUnavailable = "node.kubernetes.io/network-unavailable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";

    public const string NoExecute = "NoExecute";
    public const string NoSchedule = "NoSchedule";

    /// <summary>Keys of the NoSchedule taints that follow node conditions (TaintNodesByCondition), plus unschedulable.</summary>
    public static readonly IReadOnlySet<string> ConditionKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        NotReady, Unreachable, MemoryPressure, DiskPressure, PidPressure, NetworkUnavailable, Unschedulable,
    };

    /// <summary>doNoScheduleTaintingPass's nodeConditionToTaintKeyStatusMap: the NoSchedule taint keys a node's conditions call for.</summary>
    public static List<string> NoScheduleKeysFor(Node node)
    {
        var keys = new List<string>();
        foreach (var c in node.Status?.Conditions ?? [])
        {
            var key = (c.Type, c.Status) switch
            {
                ("Ready", "False") => NotReady,
                ("Ready", "Unknown") => Unreachable,
                ("MemoryPressure", "True") => MemoryPressure,
                ("DiskPressure", "True") => DiskPressure,
                ("PIDPressure", "True") => PidPressure,
                ("NetworkUnavailable", "True") => NetworkUnavailable,
                _ => null,
            };
            if (key is not null) keys.Add(key);
        }
        if (node.Spec?.Unschedulable == true) keys.Add(Unschedulable);
        return keys;
    }

    // Loops, not LINQ: the monitor pass asks these for every node every 5 s, and a lambda capturing its arguments was
    // a closure and a delegate per call.
    public static bool Has(Node node, string key, string effect)
    {
        if (node.Spec?.Taints is not { } taints) return false;
        foreach (var t in taints)
            if (t.Key == key && t.Effect == effect) return true;
        return false;
    }

    public static NodeCondition? Condition(Node node, string type)
    {
        if (node.Status?.Conditions is not { } conditions) return null;
        foreach (var c in conditions)
            if (c.Type == type) return c;
        return null;
    }
}
