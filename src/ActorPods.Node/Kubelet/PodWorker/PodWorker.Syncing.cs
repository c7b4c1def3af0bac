using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// SyncPod: generate status first (so a sync shows what the runtime had *before* its actions, as the kubelet's
/// does), then computePodActions, then run the actions one by one — kills, then the next init container(s), then the
/// app containers in spec order, each start waiting for its image, its start and its postStart hook. An erroring sync
/// (back-off, image errors, config errors) is requeued after 10–15 s, a clean one after 60–90 s (pod_workers.go), and runs
/// at the kubelet sync ticker's next whole second.
/// </summary>
public sealed partial class PodWorker
{
    private static readonly TimeSpan BackOffPeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SyncFrequency = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PlegRelistPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SyncTickerPeriod = TimeSpan.FromSeconds(1);

    private sealed class SyncRun
    {
        public long Generation;
        // Made on the first kill: most syncs (the 60–90 s resyncs of a running pod) kill nothing.
        public HashSet<string> AwaitingExit => _awaitingExit ??= new HashSet<string>();
        public bool AwaitsExit => _awaitingExit is { Count: > 0 };
        public bool StopAwaiting(string containerId) => _awaitingExit?.Remove(containerId) == true;
        private HashSet<string>? _awaitingExit;
        public readonly Queue<ContainerRecord> ToStart = new();
        public StartAttempt? Current;
        public bool Error;
    }

    private SyncRun? _run;
    private long _runGeneration;
    private bool _syncPending;

    // True until a periodic resync found nothing to do; set again by any other message (PodWorker's first handler).
    private bool _statusStale = true;

    /// <summary>
    /// One SyncPod. With <paramref name="reuseStatus"/> (a periodic resync, no other message since the last one, which
    /// itself changed nothing) the status last generated is what generateAPIPodStatus would give again — it is a function
    /// of the worker's state, which only messages change — so it is reused instead of rebuilt and compared; the probers
    /// still see it (the readiness manual trigger of prober_manager.go UpdatePodStatus runs on every sync). Returns true
    /// when the sync found nothing to do (no kill, no start, no sandbox, not terminal): then the next resync may reuse.
    /// </summary>
    private bool Sync(bool reuseStatus = false)
    {
        if (_phase != PodWorkPhase.Syncing) return false;
        // A sync may allocate a pod IP and register its network, which every node shares: never beside other nodes' turns.
        if (Context.OnLane) throw new InvalidOperationException("SyncPod in an isolated turn (a periodic resync must hand on to FullResync)");
        if (_run is not null)
        {
            _syncPending = true;
            return false;
        }
        _syncPending = false;
        Timers.Cancel("resync");
        _startTime ??= Context.Now;

        PodStatus status;
        if (reuseStatus && _lastStatus is { } last)
        {
            // The last sync's deadline check and probe observations, repeated on the same state, would do nothing new:
            // only a readiness trigger it sent (one per sync while a started container is not ready) is sent again.
            status = last;
            if (_observeSentTrigger) ObserveForProbes(status);
        }
        else
        {
            ScheduleActiveDeadline();
            status = GenerateStatus(podIsTerminal: false);
            PushStatus(status);
        }
        if (status.Phase is "Succeeded" or "Failed")
        {
            // A terminal phase ends the pod's life on the node: stop whatever still runs (sidecars), then done.
            RequestTermination(PodGrace, deleted: false);
            return false;
        }
        if (!_sandboxReady)
        {
            // WaitForAttachAndMount comes first: no sandbox until every volume is mounted.
            if (VolumesReady()) CreateSandbox();
            return false;
        }

        var run = new SyncRun { Generation = ++_runGeneration };
        _run = run;
        if (ComputePodActions(run, out var killPod))
        {
            _run = null;
            RequestTermination(PodGrace, deleted: false);
            return false;
        }
        _ = killPod;
        var quiet = run.ToStart.Count == 0 && !run.AwaitsExit;
        Continue(run);
        return quiet && _run is null;
    }

    /// <summary>
    /// The periodic resync of a pod whose last sync was itself a quiet resync, with no message since: nothing its
    /// actions are computed from has changed (only messages change the containers, their probe results and the
    /// back-off), so <see cref="Sync"/> would reuse the status, compute no action and requeue. This does only what that
    /// sync does that can be seen — the readiness trigger, the generation and the next resync's jittered delay —
    /// without a run, its queue or a pass over the containers (a third of the steady state's resync time). False when
    /// the conditions do not hold: then <see cref="Sync"/> runs.
    /// </summary>
    private bool RepeatQuietSync()
    {
        if (_statusStale || _run is not null || _lastStatus is not { } last) return false;
        _syncPending = false;
        // The resync timer that fired is spent, and RequeueSync's start replaces it: nothing to cancel first.
        if (_observeSentTrigger) ObserveForProbes(last);
        ++_runGeneration;
        RequeueSync(error: false);
        return true;
    }

    /// <summary>
    /// The periodic resync's turn is isolated (the virtual-time loop may run it on a lane with other nodes' turns of the
    /// same instant): it reads and writes only this worker — <see cref="RepeatQuietSync"/> touches the worker's own
    /// state, its own random source and timer, and reaches its probers by message — and any other resync is handed on
    /// as a <see cref="FullResync"/> message to itself, which runs in the loop's order and may spawn containers.
    /// </summary>
    protected override bool RunsIsolated(object timerMessage) => timerMessage is Resync;

    /// <summary>
    /// computePodActions for a pod whose sandbox is fine. Returns true when the pod as a whole must be killed (all app
    /// containers are done and none restarts, so the sidecars go too).
    /// </summary>
    private bool ComputePodActions(SyncRun run, out bool killPod)
    {
        killPod = false;
        // Liveness / startup failures kill the running container; it restarts per policy within this sync.
        List<ContainerRecord>? restartAfterKill = null;
        // App containers, then sidecars (two loops: a Concat/Where chain allocated three objects on every resync).
        for (var i = 0; i < _app.Count + _init.Count; i++)
        {
            var r = i < _app.Count ? _app[i] : _init[i - _app.Count];
            if (!r.IsSidecar && i >= _app.Count) continue;
            if (r.Current is not { Running: true, KillRequested: false } current) continue;
            string? probe = null;
            if (r.ResultOf(ProbeType.Liveness) == ProbeResult.Failure && r.HasProbe(ProbeType.Liveness)) probe = "liveness";
            else if (r.ResultOf(ProbeType.Startup) == ProbeResult.Failure && r.HasProbe(ProbeType.Startup)) probe = "startup";
            if (probe is null) continue;
            var restart = r.IsSidecar || RestartPolicy != "Never";
            var message = r.IsSidecar
                ? $"Init container {r.Name} failed {probe} probe"
                : $"Container {r.Name} failed {probe} probe" + (restart ? ", will be restarted" : "");
            var probeSpec = probe == "liveness" ? r.Spec.LivenessProbe : r.Spec.StartupProbe;
            var grace = probeSpec?.TerminationGracePeriodSeconds ?? PodGrace;
            Kill(r, current, grace, message);
            run.AwaitingExit.Add(current.Id);
            if (restart) (restartAfterKill ??= new List<ContainerRecord>()).Add(r);
        }

        // Init containers in order; sidecars are kept running once reached.
        var initDone = _anyAppStarted;
        var blocked = false;
        foreach (var r in _init)
        {
            var cur = r.Current;
            if (r.IsSidecar)
            {
                var needsStart = cur is null || cur.Exited || restartAfterKill?.Contains(r) == true;
                if (needsStart)
                {
                    run.ToStart.Enqueue(r);
                    if (!initDone) { blocked = true; break; }
                    continue;
                }
                if (!initDone && !r.Started) { blocked = true; break; }
                continue;
            }
            if (initDone) continue;
            // A new sandbox runs every init container again, from the first.
            if (cur is null || cur.Ghost) { run.ToStart.Enqueue(r); blocked = true; break; }
            if (!cur.Exited) { blocked = true; break; }
            if (cur.ExitCode == 0) continue;
            // A failed init container: restarted unless the pod never restarts (then getPhase already said Failed).
            if (RestartPolicy != "Never") run.ToStart.Enqueue(r);
            blocked = true;
            break;
        }
        if (blocked) return false;

        var anyRunningOrRestarting = false;
        foreach (var r in _app)
        {
            var cur = r.Current;
            if (cur is null || restartAfterKill?.Contains(r) == true)
            {
                run.ToStart.Enqueue(r);
                anyRunningOrRestarting = true;
                continue;
            }
            if (!cur.Exited) { anyRunningOrRestarting = true; continue; }
            if (ShouldRestart(r, cur))
            {
                run.ToStart.Enqueue(r);
                anyRunningOrRestarting = true;
            }
        }
        // All app containers done for good: kill the pod (sidecars) so it can reach a terminal phase.
        if (!anyRunningOrRestarting && _app.Count > 0 && _init.Any(i => i.IsSidecar && i.Current is { Exited: false }))
        {
            killPod = true;
            return true;
        }
        return false;
    }

    /// <summary>ShouldContainerBeRestarted (pkg/kubelet/container/helpers.go) for an exited container.</summary>
    private bool ShouldRestart(ContainerRecord r, ContainerInstance exited)
    {
        if (r.IsSidecar) return true;
        return RestartPolicy switch
        {
            "Always" => true,
            "OnFailure" => exited.ExitCode != 0,
            _ => false,
        };
    }

    /// <summary>Runs the next step of the current sync; called again whenever an awaited reply arrives.</summary>
    private void Continue(SyncRun run)
    {
        while (true)
        {
            if (_run != run || _phase != PodWorkPhase.Syncing) return;
            if (run.AwaitsExit || run.Current is not null) return;
            if (run.ToStart.Count == 0)
            {
                FinishSync(run);
                return;
            }
            var next = run.ToStart.Dequeue();
            BeginStart(run, next);
        }
    }

    private void FinishSync(SyncRun run)
    {
        _run = null;
        if (_phase != PodWorkPhase.Syncing) return;
        RequeueSync(run.Error);
        if (_syncPending) Sync();
    }

    /// <summary>
    /// pod_workers.go completeWork: the pod goes into the kubelet's work queue, due after syncFrequency (or the back-off
    /// period after an error) jittered ×[1, 1.5). Nothing fires at that time itself: kubelet.go syncLoop's syncTicker
    /// wakes once a second and getPodsToSync takes the items due strictly before now (util/queue/work_queue.go GetWork),
    /// so the resync runs at the first whole second of the ticker after the due time. The ticker's seconds are the
    /// virtual clock's, as the PLEG relist's are.
    /// </summary>
    private void RequeueSync(bool error)
    {
        var basis = error ? BackOffPeriod : SyncFrequency;
        var now = Context.Elapsed.Ticks;
        var due = now + basis.Ticks + (long)(basis.Ticks * 0.5 * Context.Random.NextDouble());
        Timers.StartSingleTimer("resync", Resync.Instance, TimeSpan.FromTicks(NextSyncTick(due) - now));
    }

    /// <summary>The syncTicker's first tick strictly after <paramref name="dueTicks"/> (virtual ticks since start).</summary>
    private static long NextSyncTick(long dueTicks) => (dueTicks / SyncTickerPeriod.Ticks + 1) * SyncTickerPeriod.Ticks;

    /// <summary>PLEG: the generic relist notices container starts and exits at its next 1 s tick, then the pod syncs.</summary>
    private void SchedulePleg()
    {
        if (Timers.IsTimerActive("pleg")) return;
        var elapsed = Context.Elapsed;
        var ticks = PlegRelistPeriod.Ticks;
        var next = TimeSpan.FromTicks((elapsed.Ticks / ticks + 1) * ticks);
        Timers.StartSingleTimer("pleg", PlegRelist.Instance, next - elapsed);
    }

    private void CreateSandbox()
    {
        if (_sandboxCreating) return;
        _sandboxCreating = true;
        if (_deadSandbox)
        {
            // kuberuntime_manager.go SyncPod: the pod had a sandbox (it died with the node), so a new one is made.
            _deadSandbox = false;
            _recorder.Normal("SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
        }
        Timers.StartSingleTimer("sandbox", new SandboxCreated(_runGeneration), _ctx.Node.SandboxStartup);
    }

    private void OnSandboxCreated(SandboxCreated m)
    {
        _sandboxCreating = false;
        if (_phase != PodWorkPhase.Syncing) return;
        _podIp = _ctx.AllocatePodIp();
        _network = new Userland.Network.PodNetwork(_podIp, _pod.Spec?.Hostname ?? _name, _ns);
        _ctx.Services.Network.Register(_network);
        _volumes = ContainerConfig.Volumes(_pod, _ctx.Cache, _ctx.Disk, _ctx.Node, Mounts.MountedFrom);
        _sandboxReady = true;
        // The containers are started in the same SyncPod that created the sandbox.
        var run = new SyncRun { Generation = ++_runGeneration };
        _run = run;
        if (ComputePodActions(run, out _))
        {
            _run = null;
            RequestTermination(PodGrace, deleted: false);
            return;
        }
        Continue(run);
    }
}
