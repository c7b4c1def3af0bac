using ActorPods.Actors;
using ActorPods.Node.Observability;
using ActorPods.Userland.Processes;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// killContainer (kuberuntime_container.go) as a little state machine: Killing event → preStop bounded by the grace
/// (whole elapsed seconds subtracted) → a sidecar waits for its turn (kuberuntime_termination_order.go) → at least
/// 2 s (minimumGracePeriodInSeconds) → stop signal → SIGKILL when the remaining grace runs out.
/// </summary>
public sealed partial class ContainerActor
{
    private const long MinimumGracePeriodSeconds = 2;

    private long _stopGeneration;
    private bool _stopping;
    private long _grace;
    private DateTimeOffset _phaseStartedAt;
    private bool _waitForTurn;
    private bool _turnGiven;
    private string _stage = "";

    private static SharedBehavior<ContainerActor> WithStopping(SharedBehavior<ContainerActor> behavior) => behavior
        .Receive<StopContainer>(static (a, m) => a.Guard(() => a.BeginStop(m)))
        .Receive<PreStopDone>(static (a, m) => a.Guard(() => { if (m.Generation == a._stopGeneration && a._stage == "preStop") a.AfterPreStop(m.Error); }))
        .Receive<PreStopBoundReached>(static (a, m) => a.Guard(() => { if (m.Generation == a._stopGeneration && a._stage == "preStop") a.AfterPreStop(null, bounded: true); }))
        .Receive<ProceedWithStop>(static (a, _) => a.Guard(() =>
        {
            a._turnGiven = true;
            if (a._stage == "turn") a.AfterTurn();
        }))
        .Receive<TurnWaitExpired>(static (a, m) => a.Guard(() => { if (m.Generation == a._stopGeneration && a._stage == "turn") a.AfterTurn(); }))
        .Receive<KillAfterGrace>(static (a, m) => a.Guard(() => a.KillAfterGrace(m)));

    private void KillAfterGrace(KillAfterGrace m)
    {
        if (m.Generation != _stopGeneration || _exited || _container is not { State: ContainerState.Running } c) return;
        Publish(new SignalObserved(Ns, Pod, Name, "SIGKILL"));
        c.Kill();
    }

    private void BeginStop(StopContainer m)
    {
        if (_exited) return;
        // A second stop (e.g. a shorter grace on deletion) restarts the countdown only if it is shorter.
        if (_stopping && m.GracePeriodSeconds >= _grace) return;
        _stopping = true;
        _stopGeneration++;
        _grace = m.GracePeriodSeconds;
        _waitForTurn = m.WaitForTurn;
        _launch.Recorder.Normal("Killing", m.KillMessage ?? $"Stopping container {Name}", _launch.FieldPath);
        if (m.PreStop is not null && _grace > 0)
        {
            _stage = "preStop";
            _phaseStartedAt = Context.Now;
            var generation = _stopGeneration;
            var self = Self;
            Publish(new HookObserved(Ns, Pod, Name, "preStop", "start", ""));
            Timers.StartSingleTimer("prestop-bound", new PreStopBoundReached(generation), TimeSpan.FromSeconds(_grace));
            Hooks.Run(this, m.PreStop, error =>
            {
                Publish(new HookObserved(Ns, Pod, Name, "preStop", "end", error ?? "success"));
                if (error is not null) _launch.Recorder.Warning("FailedPreStopHook", "PreStopHook failed", _launch.FieldPath);
                self.Tell(new PreStopDone(generation, error));
            });
            return;
        }
        AfterPreStop(null);
    }

    private void AfterPreStop(string? error, bool bounded = false)
    {
        if (_stage == "preStop")
        {
            Timers.Cancel("prestop-bound");
            var elapsed = bounded ? _grace : (long)Math.Floor((Context.Now - _phaseStartedAt).TotalSeconds);
            _grace -= elapsed;
        }
        if (_waitForTurn && !_turnGiven && _grace > 0)
        {
            _stage = "turn";
            _phaseStartedAt = Context.Now;
            Timers.StartSingleTimer("turn", new TurnWaitExpired(_stopGeneration), TimeSpan.FromSeconds(_grace));
            return;
        }
        SendStopSignal();
    }

    private void AfterTurn()
    {
        Timers.Cancel("turn");
        _grace -= (long)Math.Floor((Context.Now - _phaseStartedAt).TotalSeconds);
        SendStopSignal();
    }

    private void SendStopSignal()
    {
        _stage = "signalled";
        if (_grace < MinimumGracePeriodSeconds) _grace = MinimumGracePeriodSeconds;
        if (_exited || _container is not { State: ContainerState.Running } c) return;
        var signal = c.StopSignal;
        Publish(new SignalObserved(Ns, Pod, Name, Signals.Name(signal)));
        Timers.StartSingleTimer("sigkill", new KillAfterGrace(_stopGeneration), TimeSpan.FromSeconds(_grace));
        c.Signal(signal);
    }

    private void ExitedWhileStopping()
    {
        Timers.Cancel("sigkill");
        Timers.Cancel("turn");
        Timers.Cancel("prestop-bound");
    }
}
