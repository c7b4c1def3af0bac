using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>The READY, STATUS and RESTARTS inputs of one pod, as printPod computes them.</summary>
/// <param name="ReadyContainers">Ready regular containers plus started-and-ready sidecars.</param>
/// <param name="TotalContainers">Regular containers plus sidecars (restartable init containers).</param>
/// <param name="Status">The STATUS cell, e.g. "Running", "Init:1/2", "CrashLoopBackOff", "Terminating".</param>
/// <param name="Restarts">Summed restart count of the containers that count (see <see cref="PodStatusColumn"/>).</param>
/// <param name="LastRestart">Latest lastState.terminated.finishedAt among them, if any.</param>
public sealed record PodStatusSummary(int ReadyContainers, int TotalContainers, string Status, int Restarts, DateTimeOffset? LastRestart)
{
    public string Ready => $"{ReadyContainers}/{TotalContainers}";
}

/// <summary>
/// The pod STATUS algorithm of the server-side printer that kubectl v1.32 shows
/// (kubernetes pkg/printers/internalversion/printers.go printPod; cases from printers_test.go TestPrintPod,
/// TestPrintPodWithRestartableInitContainer). Pure: no clock involved.
/// </summary>
public static class PodStatusColumn
{
    // pkg/util/node NodeUnreachablePodReason: set by the node lifecycle controller on pods of a lost node.
    public const string NodeLostReason = "NodeLost";

    public static PodStatusSummary Compute(Pod pod)
    {
        var spec = pod.Spec;
        var status = pod.Status;
        var restarts = 0;
        var sidecarRestarts = 0;
        var totalContainers = spec?.Containers?.Count ?? 0;
        var readyContainers = 0;
        DateTimeOffset? lastRestartDate = null;
        DateTimeOffset? lastSidecarRestartDate = null;

        var phase = status?.Phase ?? "";
        var reason = phase;
        if (!string.IsNullOrEmpty(status?.Reason)) reason = status.Reason;

        foreach (var condition in status?.Conditions ?? [])
            if (condition.Type == "PodScheduled" && condition.Reason == "SchedulingGated") reason = "SchedulingGated";

        // Name lookup as in Go's map: a later init container of the same name wins.
        var initContainers = new Dictionary<string, Container>();
        foreach (var init in spec?.InitContainers ?? [])
        {
            initContainers[init.Name ?? ""] = init;
            if (IsSidecar(init)) totalContainers++;
        }

        var initializing = false;
        var initStatuses = status?.InitContainerStatuses ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var isSidecar = initContainers.TryGetValue(container.Name ?? "", out var initSpec) && IsSidecar(initSpec);
            restarts += container.RestartCount ?? 0;
            lastRestartDate = Later(lastRestartDate, container.LastState?.Terminated?.FinishedAt);
            if (isSidecar)
            {
                sidecarRestarts += container.RestartCount ?? 0;
                lastSidecarRestartDate = Later(lastSidecarRestartDate, container.LastState?.Terminated?.FinishedAt);
            }

            var terminated = container.State?.Terminated;
            var waiting = container.State?.Waiting;
            if (terminated is not null && (terminated.ExitCode ?? 0) == 0) continue;
            if (isSidecar && container.Started == true)
            {
                if (container.Ready == true) readyContainers++;
                continue;
            }
            if (terminated is not null)
            {
                // Initialization failed.
                if (string.IsNullOrEmpty(terminated.Reason))
                    reason = (terminated.Signal ?? 0) != 0 ? $"Init:Signal:{terminated.Signal}" : $"Init:ExitCode:{terminated.ExitCode ?? 0}";
                else reason = "Init:" + terminated.Reason;
            }
            else if (!string.IsNullOrEmpty(waiting?.Reason) && waiting.Reason != "PodInitializing")
                reason = "Init:" + waiting.Reason;
            else
                reason = $"Init:{i}/{spec?.InitContainers?.Count ?? 0}";
            initializing = true;
            break;
        }

        if (!initializing || IsConditionTrue(status, "Initialized"))
        {
            // Once initialized, only sidecar restarts still count among the init containers.
            restarts = sidecarRestarts;
            lastRestartDate = lastSidecarRestartDate;
            var hasRunning = false;
            var statuses = status?.ContainerStatuses ?? [];
            // Last to first, so that the first container in spec order decides.
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount ?? 0;
                lastRestartDate = Later(lastRestartDate, container.LastState?.Terminated?.FinishedAt);

                var waiting = container.State?.Waiting;
                var terminated = container.State?.Terminated;
                if (!string.IsNullOrEmpty(waiting?.Reason)) reason = waiting.Reason;
                else if (!string.IsNullOrEmpty(terminated?.Reason)) reason = terminated.Reason;
                else if (terminated is not null)
                    reason = (terminated.Signal ?? 0) != 0 ? $"Signal:{terminated.Signal}" : $"ExitCode:{terminated.ExitCode ?? 0}";
                else if (container.Ready == true && container.State?.Running is not null)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }

            // A completed container next to a running one: the pod is still Running (or NotReady).
            if (reason == "Completed" && hasRunning)
                reason = IsConditionTrue(status, "Ready") ? "Running" : "NotReady";
        }

        var deleting = pod.Metadata?.DeletionTimestamp is not null;
        if (deleting && status?.Reason == NodeLostReason) reason = "Unknown";
        // Since 1.31 (kubernetes#122038) a pod already Succeeded/Failed keeps its status while deleted.
        else if (deleting && phase is not ("Succeeded" or "Failed")) reason = "Terminating";

        return new PodStatusSummary(readyContainers, totalContainers, reason, restarts, lastRestartDate);
    }

    /// <summary>podutil.IsRestartableInitContainer: an init container with restartPolicy Always (a native sidecar).</summary>
    public static bool IsSidecar(Container? initContainer) => initContainer?.RestartPolicy == "Always";

    private static bool IsConditionTrue(PodStatus? status, string type) =>
        status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true;

    // metav1.Time.Before against the running maximum; an unset time never wins.
    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate)
    {
        if (HumanDuration.IsZero(candidate)) return current;
        return current is null || current.Value < candidate!.Value ? candidate : current;
    }
}
