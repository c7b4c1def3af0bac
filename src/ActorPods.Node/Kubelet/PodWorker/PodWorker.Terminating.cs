using ActorPods.Node.Kubelet.Runtime;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// SyncTerminatingPod / SyncTerminatedPod: stop liveness and startup probing, kill every running container at once
/// (sidecars wait for their turn: after the app containers, in reverse order), then tear the sandbox down, report
/// the terminal status and — for a deleted pod — let the status manager remove the object. activeDeadlineSeconds
/// is the kubelet's activeDeadlineHandler: the pod fails with DeadlineExceeded and is killed.
/// </summary>
public sealed partial class PodWorker
{
    private long? _gracePeriod;
    private bool _deleted;
    private bool _finalDeleteSent;
    private string? _evictReason;
    private string? _evictMessage;
    private readonly HashSet<string> _turnGiven = new();

    private void RequestTermination(long grace, bool deleted)
    {
        if (deleted) _deleted = true;
        if (_phase == PodWorkPhase.Terminated)
        {
            Finish();
            return;
        }
        if (_phase == PodWorkPhase.Terminating)
        {
            if (_gracePeriod is { } current && grace < current)
            {
                _gracePeriod = grace;
                foreach (var r in All)
                    if (r.Current is { Exited: false } i) StopInstance(r, i, grace);
            }
            return;
        }
        _phase = PodWorkPhase.Terminating;
        _gracePeriod = grace;
        _run = null;
        Timers.Cancel("resync");
        Timers.Cancel("pleg");
        Timers.Cancel("deadline");
        StopVolumeWork();
        StopProbeWorkers(livenessAndStartupOnly: true);
        PushStatus(GenerateStatus(podIsTerminal: false));
        foreach (var r in All)
            foreach (var i in r.Instances)
                if (!i.Exited) StopInstance(r, i, grace);
        TerminationProgress();
    }

    private void StopInstance(ContainerRecord r, ContainerInstance i, long grace)
    {
        i.KillRequested = true;
        i.Actor.Tell(new StopContainer(grace, null, r.Spec.Lifecycle?.PreStop, WaitForTurn: r.IsSidecar), Self);
    }

    /// <summary>Called on every exit while terminating: hands out sidecar turns, and finishes when nothing runs.</summary>
    private void TerminationProgress()
    {
        if (_phase != PodWorkPhase.Terminating) return;
        var othersRunning = All.Where(r => !r.IsSidecar).Any(r => r.Instances.Any(i => !i.Exited));
        if (!othersRunning)
        {
            var laterRunning = false;
            foreach (var r in _init.Where(x => x.IsSidecar).Reverse())
            {
                var running = r.Instances.Where(i => !i.Exited).ToList();
                if (!laterRunning)
                    foreach (var i in running)
                        if (_turnGiven.Add(i.Id)) i.Actor.Tell(ProceedWithStop.Instance, Self);
                if (running.Count > 0) laterRunning = true;
            }
        }
        if (CouldHaveRunningContainers) return;

        // Every container has stopped: the sandbox goes, the status becomes terminal.
        if (_podIp is not null) _ctx.Services.Network.Unregister(_podIp);
        _sandboxReady = false;
        _phase = PodWorkPhase.Terminated;
        StopProbeWorkers(livenessAndStartupOnly: false);
        PushStatus(GenerateStatus(podIsTerminal: true));
        Finish();
    }

    private void Finish()
    {
        if (_deleted && !_apiGone && !_finalDeleteSent)
        {
            _finalDeleteSent = true;
            _ctx.StatusManager.Tell(new DeletePodObject(_uid, _ns, _name));
        }
        if (_apiGone) Context.Parent.Tell(new PodWorkerTerminated(_uid));
    }

    private void ScheduleActiveDeadline()
    {
        if (_pod.Spec?.ActiveDeadlineSeconds is not { } seconds || _startTime is not { } start || Timers.IsTimerActive("deadline")) return;
        if (_evictReason is not null) return;
        var due = start.AddSeconds(seconds) - Context.Now;
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        // The kubelet's sync loop looks at deadlines on its 1 s tick.
        var at = Context.Elapsed + due;
        var aligned = TimeSpan.FromSeconds(Math.Ceiling(at.TotalSeconds));
        Timers.StartSingleTimer("deadline", ActiveDeadlineCheck.Instance, aligned - Context.Elapsed);
    }

    private void CheckActiveDeadline()
    {
        if (_phase != PodWorkPhase.Syncing || _pod.Spec?.ActiveDeadlineSeconds is not { } seconds || _startTime is not { } start) return;
        if (Context.Now < start.AddSeconds(seconds))
        {
            ScheduleActiveDeadline();
            return;
        }
        // pkg/kubelet/active_deadline.go
        const string message = "Pod was active on the node longer than the specified deadline";
        _recorder.Normal("DeadlineExceeded", message);
        _evictReason = "DeadlineExceeded";
        _evictMessage = message;
        RequestTermination(PodGrace, deleted: false);
    }
}
