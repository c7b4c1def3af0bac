using ActorPods.Actors;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// The kubelet process stopped (StopKubelet). The containers are the runtime's and keep running; what remains of
/// this actor is only the runtime's record of them (the sandbox, each container's state, exit code and restart
/// count, as containerd keeps them): no sync, no probe, no restart, no status. A fresh kubelet adopts it
/// (KubeletRestarted) with none of the old kubelet's memory — back-off, reason cache, probe results, cached status —
/// and syncs: running containers are kept as they are, exited ones are handled per restartPolicy.
/// </summary>
public sealed partial class PodWorker
{
    private int _kubeletGeneration;

    private void GoDormant()
    {
        foreach (var key in new[] { "resync", "pleg", "deadline", "sandbox" }) Timers.Cancel(key);
        StopVolumeWork();
        _mounts?.ForgetBackoff();
        StopProbeWorkers(livenessAndStartupOnly: false);
        _run = null;
        _syncPending = false;
        _sandboxCreating = false;
        BecomeStacked(() =>
        {
            // The runtime still notices its containers start and end.
            Receive<ContainerStarted>(m =>
            {
                if (Find(m.ContainerId, out var i) is { } r && i is not null && m.Error is null)
                {
                    i.StartedAt = m.StartedAt;
                    if (!r.IsInit) _anyAppStarted = true;
                }
            });
            Receive<ContainerExited>(m =>
            {
                if (Find(m.ContainerId, out var i) is null || i is null || i.Exited) return;
                i.Exited = true;
                i.ExitCode = m.ExitCode;
                i.Reason = m.Reason;
                i.Message = m.Message;
                i.FinishedAt = m.FinishedAt;
                i.StartedAt ??= m.FinishedAt;
                Context.Stop(i.Actor);
            });
            // Faults act on the userland, kubelet or not.
            Receive<KillContainer>(OnKillContainer);
            Receive<FailProbeTarget>(OnFailProbeTarget);
            Receive<ProbeFaultEnded>(m => m.Undo());
            Receive<KubeletRestarted>(m =>
            {
                Unbecome();
                Adopt(m.Context);
            });
            ReceiveAny(_ => { });
        });
    }

    private void Adopt(PodWorkerContext ctx)
    {
        _ctx = ctx;
        _kubeletGeneration++;
        _backoff = new RestartBackoff();
        foreach (var r in All)
        {
            r.WaitingReason = null;
            r.WaitingMessage = null;
            r.ClearResults();
        }
        // The new status manager starts from what the api-server has.
        _baseStatus = _pod.Status;
        _lastStatus = null;
        _statusStale = true;
        _pushedStatus = null;
        (_pushedPhase, _pushedReason, _pushedMessage) = (_pod.Status?.Phase, _pod.Status?.Reason, _pod.Status?.Message);
        _finalDeleteSent = false;
        switch (_phase)
        {
            case PodWorkPhase.Syncing:
                StartProbeWorkers();
                Sync();
                break;
            case PodWorkPhase.Terminating:
                TerminationProgress();
                break;
            default:
                PushStatus(GenerateStatus(podIsTerminal: true));
                Finish();
                break;
        }
    }
}
