using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// A deep copy of a generated pod status for the status manager, without a JSON round trip. Only for what the message
/// is used for: the status manager serialises it, and the copy serialises exactly as the original (timestamps keep
/// their sub-second part, which metav1.Time drops on output either way). Shares no mutable object with the original.
/// Returns null when a field the kubelet never generates here is set (the caller then falls back to the JSON clone).
/// </summary>
public static class PodStatusCopy
{
    public static PodStatus? TryCopy(PodStatus s)
    {
        if (s.EphemeralContainerStatuses is not null) return null;
        if (!Copyable(s.InitContainerStatuses) || !Copyable(s.ContainerStatuses)) return null;
        return new PodStatus
        {
            Phase = s.Phase,
            Conditions = Copy(s.Conditions),
            Message = s.Message,
            Reason = s.Reason,
            NominatedNodeName = s.NominatedNodeName,
            HostIP = s.HostIP,
            HostIPs = Copy(s.HostIPs),
            PodIP = s.PodIP,
            PodIPs = Copy(s.PodIPs),
            StartTime = s.StartTime,
            InitContainerStatuses = Copy(s.InitContainerStatuses),
            ContainerStatuses = Copy(s.ContainerStatuses),
            QosClass = s.QosClass,
            Resize = s.Resize,
            ObservedGeneration = s.ObservedGeneration,
        };
    }

    private static bool Copyable(List<ContainerStatus>? list)
    {
        if (list is null) return true;
        foreach (var c in list)
            if (c is null || c.AllocatedResources is not null || c.Resources is not null || c.VolumeMounts is not null || c.User is not null)
                return false;
        return true;
    }

    private static PodCondition Copy(PodCondition c) => new()
    {
        Type = c.Type,
        ObservedGeneration = c.ObservedGeneration,
        Status = c.Status,
        LastProbeTime = c.LastProbeTime,
        LastTransitionTime = c.LastTransitionTime,
        Reason = c.Reason,
        Message = c.Message,
    };

    private static ContainerStatus Copy(ContainerStatus c) => new()
    {
        Name = c.Name,
        State = Copy(c.State),
        LastState = Copy(c.LastState),
        Ready = c.Ready,
        RestartCount = c.RestartCount,
        Image = c.Image,
        ImageID = c.ImageID,
        ContainerID = c.ContainerID,
        Started = c.Started,
        StopSignal = c.StopSignal,
    };

    private static ContainerState? Copy(ContainerState? s) => s is null
        ? null
        : new ContainerState
        {
            Waiting = s.Waiting is { } w ? new ContainerStateWaiting { Reason = w.Reason, Message = w.Message } : null,
            Running = s.Running is { } r ? new ContainerStateRunning { StartedAt = r.StartedAt } : null,
            Terminated = s.Terminated is { } t
                ? new ContainerStateTerminated
                {
                    ExitCode = t.ExitCode, Signal = t.Signal, Reason = t.Reason, Message = t.Message,
                    StartedAt = t.StartedAt, FinishedAt = t.FinishedAt, ContainerID = t.ContainerID,
                }
                : null,
        };

    // One non-generic loop per list type: shared generic code over reference types looks its List<T> type up at run
    // time, which the profile showed costing more than the copying.
    private static List<PodCondition>? Copy(List<PodCondition>? list)
    {
        if (list is null) return null;
        var result = new List<PodCondition>(list.Count);
        foreach (var x in list) result.Add(x is null ? null! : Copy(x));
        return result;
    }

    private static List<ContainerStatus>? Copy(List<ContainerStatus>? list)
    {
        if (list is null) return null;
        var result = new List<ContainerStatus>(list.Count);
        foreach (var x in list) result.Add(x is null ? null! : Copy(x));
        return result;
    }

    private static List<HostIP>? Copy(List<HostIP>? list)
    {
        if (list is null) return null;
        var result = new List<HostIP>(list.Count);
        foreach (var x in list) result.Add(x is null ? null! : new HostIP { Ip = x.Ip });
        return result;
    }

    private static List<PodIP>? Copy(List<PodIP>? list)
    {
        if (list is null) return null;
        var result = new List<PodIP>(list.Count);
        foreach (var x in list) result.Add(x is null ? null! : new PodIP { Ip = x.Ip });
        return result;
    }
}
