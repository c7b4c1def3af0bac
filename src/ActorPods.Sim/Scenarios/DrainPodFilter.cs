using ActorPods.Api.Model;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// Which pods kubectl drain evicts (k8s.io/kubectl/pkg/drain/filters.go, v1.32): the filters run in order
/// (daemonSet, mirrorPod, localStorage, unreplicated) and stop at the first that keeps the pod; warnings of the ones it
/// passed are kept. skipDeletedFilter only applies with --skip-wait-for-delete-timeout, which is not modelled.
/// </summary>
public static class DrainPodFilter
{
    // The fatal texts; kubectl prefixes each with "cannot delete " when it reports them.
    public const string DaemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
    public const string DaemonSetWarning = "ignoring DaemonSet-managed Pods";
    public const string LocalStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)";
    public const string LocalStorageWarning = "deleting Pods with local storage";
    public const string UnmanagedFatal = "cannot delete Pods that declare no controller (use --force to override)";
    public const string UnmanagedWarning = "deleting Pods that declare no controller";

    /// <summary>The pod's fate: evicted or not, and the warning or error message that goes with it.</summary>
    public sealed record Decision(Pod Pod, bool Evict, string? Warning, string? Error);

    public static IReadOnlyList<Decision> Decide(IEnumerable<Pod> pods, DrainAction options) => pods.Select(p => Decide(p, options)).ToList();

    public static Decision Decide(Pod pod, DrainAction options)
    {
        var warnings = new List<string>();
        var finished = pod.Status?.Phase is "Succeeded" or "Failed";
        var controller = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

        // daemonSetFilter. The real one also GETs the DaemonSet (a missing one with --force is evicted as orphaned);
        // there is no DaemonSet kind here, so every DaemonSet-owned pod counts as managed.
        if (controller?.Kind == "DaemonSet" && !finished)
        {
            if (!options.IgnoreDaemonsets) return new Decision(pod, false, null, DaemonSetFatal);
            return new Decision(pod, false, DaemonSetWarning, null);
        }
        // mirrorPodFilter: the kubelet owns static pods; they are skipped silently.
        if (pod.Metadata?.Annotations?.ContainsKey("kubernetes.io/config.mirror") == true) return new Decision(pod, false, null, null);
        // localStorageFilter: emptyDir data is lost with the pod.
        if (!finished && pod.Spec?.Volumes?.Any(v => v.EmptyDir is not null) == true)
        {
            if (!options.DeleteEmptydirData) return new Decision(pod, false, null, LocalStorageFatal);
            warnings.Add(LocalStorageWarning);
        }
        // unreplicatedFilter: a pod nothing recreates is only deleted with --force.
        if (!finished && controller is null)
        {
            if (!options.Force) return new Decision(pod, false, null, UnmanagedFatal);
            warnings.Add(UnmanagedWarning);
        }
        return new Decision(pod, true, warnings.Count == 0 ? null : string.Join("; ", warnings), null);
    }

    /// <summary>PodDeleteList.Warnings: "message: ns/a, ns/b" per message, joined with "; ".</summary>
    public static string Warnings(IReadOnlyList<Decision> decisions) =>
        string.Join("; ", decisions.Where(d => d.Warning is not null).GroupBy(d => d.Warning!)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => Name(d.Pod)))}"));

    /// <summary>PodDeleteList.errors: "cannot delete MESSAGE: ns/a, ns/b" per message.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyList<Decision> decisions) =>
        decisions.Where(d => d.Error is not null).GroupBy(d => d.Error!)
            .Select(g => $"cannot delete {g.Key}: {string.Join(", ", g.Select(d => Name(d.Pod)))}").ToList();

    public static string Name(Pod pod) => $"{pod.Metadata?.Namespace ?? "default"}/{pod.Metadata?.Name}";
}
