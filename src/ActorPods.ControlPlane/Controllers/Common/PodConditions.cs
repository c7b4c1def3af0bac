using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Controllers.Common;

/// <summary>Pod predicates the controllers share (pkg/api/v1/pod/util.go, pkg/controller/controller_utils.go).</summary>
public static class PodConditions
{
    public static PodCondition? Get(Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>podutil.IsPodReady: the Ready condition is True.</summary>
    public static bool IsReady(Pod pod) => Get(pod, "Ready")?.Status == "True";

    /// <summary>
    /// podutil.IsPodAvailable: ready, and ready for longer than minReadySeconds (strictly: lastTransitionTime +
    /// minReadySeconds is before now).
    /// </summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        var ready = Get(pod, "Ready");
        if (ready?.Status != "True") return false;
        if (minReadySeconds == 0) return true;
        return ready.LastTransitionTime is { } since && since.AddSeconds(minReadySeconds) < now;
    }

    /// <summary>When a ready pod becomes available, or null if it is not ready.</summary>
    public static DateTimeOffset? AvailableAt(Pod pod, int minReadySeconds)
    {
        var ready = Get(pod, "Ready");
        if (ready?.Status != "True") return null;
        return (ready.LastTransitionTime ?? DateTimeOffset.MinValue).AddSeconds(minReadySeconds);
    }

    /// <summary>controller.IsPodActive: not Succeeded, not Failed, not being deleted.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null;

    public static bool IsTerminal(Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    /// <summary>The ownerReference with controller=true, if any (metav1.GetControllerOf).</summary>
    public static OwnerReference? ControllerOf(KubeObject obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static bool IsControlledBy(KubeObject obj, KubeObject owner) =>
        ControllerOf(obj) is { } r && r.Uid == owner.Metadata?.Uid;

    /// <summary>Sets (or replaces) a pod condition as podutil.UpdatePodCondition does: lastTransitionTime moves only when
    /// the status changes. Returns false when nothing changed.</summary>
    public static bool Set(PodStatus status, PodCondition condition, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var index = status.Conditions.FindIndex(c => c.Type == condition.Type);
        if (index < 0)
        {
            condition.LastTransitionTime ??= now;
            status.Conditions.Add(condition);
            return true;
        }
        var old = status.Conditions[index];
        condition.LastTransitionTime = condition.Status == old.Status ? old.LastTransitionTime ?? now : now;
        var same = condition.Status == old.Status && condition.Reason == old.Reason && condition.Message == old.Message
                   && condition.LastProbeTime == old.LastProbeTime && condition.LastTransitionTime == old.LastTransitionTime;
        status.Conditions[index] = condition;
        return !same;
    }
}
