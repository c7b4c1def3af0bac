using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>getPhase (pkg/kubelet/kubelet_pods.go, 1.29–1.32) over the statuses the kubelet just generated.</summary>
public static class PodPhase
{
    public static string Get(PodSpec spec, List<ContainerStatus> initStatuses, List<ContainerStatus> statuses, bool podIsTerminal)
    {
        var policy = spec.RestartPolicy ?? "Always";
        int pendingInit = 0, failedInit = 0;
        int running = 0, waiting = 0, stopped = 0, succeeded = 0, unknown = 0;
        var anyStarted = false;
        foreach (var s in statuses)
            if (s.State?.Running is not null || s.State?.Terminated is not null || s.LastState?.Terminated is not null)
            {
                anyStarted = true;
                break;
            }

        // Plain loops: this runs on every status generation (every resync of every pod).
        foreach (var c in spec.InitContainers ?? NoContainers)
        {
            var s = Named(initStatuses, c.Name);
            if (c.RestartPolicy == "Always")
            {
                if (s is null) { unknown++; continue; }
                if (s.State?.Running is not null)
                {
                    running++;
                    if (s.Started != true) pendingInit++;
                }
                else if (s.State?.Terminated is not null) { }
                else if (s.State?.Waiting is not null && s.LastState?.Terminated is null) { pendingInit++; waiting++; }
                continue;
            }
            if (s is null) { pendingInit++; continue; }
            if (s.State?.Running is not null) pendingInit++;
            else if (s.State?.Terminated is { } t) { if (t.ExitCode != 0) failedInit++; }
            else if (s.State?.Waiting is not null)
            {
                if (s.LastState?.Terminated is { } lt) { if (lt.ExitCode != 0) failedInit++; }
                else pendingInit++;
            }
            else pendingInit++;
        }

        foreach (var c in spec.Containers ?? NoContainers)
        {
            var s = Named(statuses, c.Name);
            if (s is null) { unknown++; continue; }
            if (s.State?.Running is not null) running++;
            else if (s.State?.Terminated is { } t)
            {
                stopped++;
                if (t.ExitCode == 0) succeeded++;
            }
            else if (s.State?.Waiting is not null)
            {
                if (s.LastState?.Terminated is not null) stopped++;
                else waiting++;
            }
            else unknown++;
        }

        if (failedInit > 0 && policy == "Never") return "Failed";
        if ((pendingInit > 0 && !anyStarted) || waiting > 0) return "Pending";
        if (running > 0 && unknown == 0) return "Running";
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (podIsTerminal) return stopped == succeeded ? "Succeeded" : "Failed";
            if (policy == "Always") return "Running";
            if (stopped == succeeded) return "Succeeded";
            if (policy == "Never") return "Failed";
            return "Running";
        }
        return "Pending";
    }

    private static readonly List<Container> NoContainers = [];

    /// <summary>The first status of that name, as FirstOrDefault found it.</summary>
    private static ContainerStatus? Named(List<ContainerStatus> statuses, string? name)
    {
        foreach (var s in statuses)
            if (s.Name == name) return s;
        return null;
    }
}
