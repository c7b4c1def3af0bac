using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// A pod that already ran on this node before the node crashed and came back: its sandbox and processes died with
/// the machine, but the runtime's records (containerd keeps them on disk) still name its containers. They become
/// exited "ghost" runs built from the api-server's status — a container that was running ends with exit code 255,
/// reason Unknown (what a real cluster shows after a reboot), a terminated one keeps its state, and each keeps its
/// restartCount — so the sync that follows makes a new sandbox (SandboxChanged), runs the init containers again and
/// restarts the app containers per restartPolicy with restartCount + 1 and the dead run as lastState.
/// </summary>
public sealed partial class PodWorker
{
    private bool _deadSandbox;

    private void RecoverFromDeadSandbox(Pod pod, PodWorkerContext ctx)
    {
        var status = pod.Status;
        if (status is null || status.HostIP != ctx.Node.NodeIp) return;
        foreach (var (records, statuses) in new[] { (_init, status.InitContainerStatuses), (_app, status.ContainerStatuses) })
            foreach (var s in statuses ?? [])
            {
                if (records.FirstOrDefault(r => r.Name == s.Name) is not { } r) continue;
                if (Ghost(s) is not { } ghost) continue;
                r.AddInstance(ghost);
                _deadSandbox = true;
            }
        if (status.PodIP is not null) _deadSandbox = true;
    }

    private ContainerInstance? Ghost(ContainerStatus s)
    {
        var terminated = s.State?.Terminated ?? s.LastState?.Terminated;
        var running = s.State?.Running;
        var id = s.ContainerID ?? terminated?.ContainerID;
        if (id is null || (running is null && terminated is null)) return null;
        id = id.StartsWith("containerd://", StringComparison.Ordinal) ? id["containerd://".Length..] : id;
        var log = ContainerLog.For(Context.System, _ns, _name, s.Name ?? "", _ctx.Node.ContainerLogs);
        var ghost = new ContainerInstance(id, Context.System.DeadLetters, log, s.RestartCount ?? 0, s.Image ?? "", s.ImageID ?? "")
        {
            Ghost = true,
            Exited = true,
        };
        if (running is not null)
        {
            ghost.StartedAt = running.StartedAt;
            ghost.ExitCode = 255;
            ghost.Reason = "Unknown";
            ghost.FinishedAt = Context.Now;
        }
        else
        {
            ghost.StartedAt = terminated!.StartedAt;
            ghost.ExitCode = terminated.ExitCode ?? 0;
            ghost.Reason = terminated.Reason ?? "";
            ghost.Message = terminated.Message ?? "";
            ghost.FinishedAt = terminated.FinishedAt ?? Context.Now;
        }
        return ghost;
    }
}
