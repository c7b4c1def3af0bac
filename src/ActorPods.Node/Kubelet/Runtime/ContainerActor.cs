using ActorPods.Actors;
using ActorPods.Node.Observability;
using ActorPods.Userland.Hosting;
using ActorPods.Userland.Processes;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// One container instance: a process tree in the userland. Created by the PodWorker for every (re)start (a restart
/// is a new ContainerActor), it owns the userland <see cref="Container"/>, runs it on kernel timers (it is the
/// container's <see cref="IUserlandHost"/>), runs hooks and exec probe attempts in it (probers dial httpGet / tcpSocket / grpc themselves, through its
/// <see cref="NetworkProbeEndpoint"/>), and reports start and exit.
/// All userland code runs under the cluster's <see cref="UserlandGate"/>.
/// </summary>
public sealed partial class ContainerActor : Actor, IUserlandHost
{
    [ThreadStatic] private static ContainerActor? t_running;

    private readonly ContainerLaunch _launch;
    private readonly Dictionary<long, Action> _callbacks = new();
    private readonly object _callbacksLock = new();
    private long _nextTimer;
    private Container? _container;
    private bool _exited;

    private readonly ActorSystem _system;

    public ContainerActor(ContainerLaunch launch)
    {
        _launch = launch;
        _system = Context.System;
        UseBehavior(s_behavior);
    }

    // Made once: an exec probe's attempt passes its actor and message as state instead of a closure per run.
    private static readonly Action<(ContainerActor Actor, RunProbe Message)> s_runProbeAttempt = static s => s.Actor.RunProbeAttempt(s.Message);

    // One chain for every container instance, in this order: its own messages, then faults, then stopping.
    private static readonly SharedBehavior<ContainerActor> s_behavior = WithStopping(WithFaults(new SharedBehavior<ContainerActor>()
        .Receive<HostTimerFired>(static (a, m) => a.Guard(() => a.FireTimer(m.Id)))
        .Receive<ScheduleHostTimer>(static (a, m) => a.Timers.StartSingleTimer(("host", m.Id), new HostTimerFired(m.Id), m.Delay))
        .Receive<CancelHostTimer>(static (a, m) => a.Timers.Cancel(("host", m.Id)))
        .Receive<StartContainer>(static (a, m) => a.Guard(() => a.Start(m)))
        .Receive<UserlandExited>(static (a, m) => a.Guard(() => a.Exited(m.Exit)))
        .Receive<RunProbe>(static (a, m) => a.Guard(s_runProbeAttempt, (a, m)))
        .Receive<PodWorkers.ExecInContainer>(static (a, m) => a.Guard(() => a.Exec(m)))));

    public static Props Props(ContainerLaunch launch) => Actors.Props.Create(() => new ContainerActor(launch));

    // The clock, also when another container's userland calls into this one (an HTTP request from another pod, a
    // prober dialling it): the time of that call, not of this actor's last turn.
    // Read through the system (every host shares its scheduler) rather than this actor's cell: a prober dialling in
    // finds this actor's object in the cache (OnTurnAhead) but not its cell.
    public DateTimeOffset Now => _system.Now;

    private string Ns => _launch.Namespace;
    private string Pod => _launch.PodName;
    private string Name => _launch.Name;

    protected override void PreStart()
    {
        Guard(() =>
        {
            var context = new ContainerContext(this, _launch.Network, _launch.Cluster, _launch.Dns, _launch.Log);
            _container = new Container(_launch.UserSpec, _launch.Image, context);
            _container.Exited += exit => Self.Tell(new UserlandExited(exit));
            _launch.ProbeEndpoint.Attach(this);
        });
        _launch.Recorder.Normal("Created", $"Created container {Name}", _launch.FieldPath);
    }

    protected override void PostStop()
    {
        // The PodWorker stops an instance only after it exited, or when the pod is gone: then nothing may keep running.
        _launch.Gate.Run(_launch.ProbeEndpoint.Detach);
        if (_container is { State: ContainerState.Running } c) _launch.Gate.Run(c.Kill);
    }

    /// <summary>Guard(() => action(state)) without a closure per message (probe attempts, every period).</summary>
    private void Guard<T>(Action<T> action, T state)
    {
        var previous = t_running;
        t_running = this;
        try
        {
            _launch.Gate.Run(action, state);
        }
        finally
        {
            t_running = previous;
        }
    }

    /// <summary>Runs a handler step with the gate held and this actor marked as the userland's current host.</summary>
    private void Guard(Action action)
    {
        var previous = t_running;
        t_running = this;
        try
        {
            _launch.Gate.Run(action);
        }
        finally
        {
            t_running = previous;
        }
    }

    private void Start(StartContainer m)
    {
        var c = _container!;
        c.Start();
        // A command that finishes at once has still started; only a failed exec is a start error (exit 128).
        if (c.State == ContainerState.Exited && c.ExitStatus?.Reason == "StartError")
        {
            var message = c.ExitStatus?.Message ?? "failed to start";
            _launch.Recorder.Warning("Failed", "Error: " + message, _launch.FieldPath);
            Context.Parent.Tell(new ContainerStarted(_launch.ContainerId, Context.Now, message), Self);
            return;
        }
        _launch.Recorder.Normal("Started", $"Started container {Name}", _launch.FieldPath);
        Context.Parent.Tell(new ContainerStarted(_launch.ContainerId, c.StartedAt ?? Context.Now, null), Self);
        if (m.PostStart is null)
        {
            Context.Parent.Tell(new PostStartFinished(_launch.ContainerId, null), Self);
            return;
        }
        var parent = Context.Parent;
        var self = Self;
        Publish(new HookObserved(Ns, Pod, Name, "postStart", "start", ""));
        Hooks.Run(this, m.PostStart, error =>
        {
            Publish(new HookObserved(Ns, Pod, Name, "postStart", "end", error ?? "success"));
            parent.Tell(new PostStartFinished(_launch.ContainerId, error), self);
        });
    }

    private void Exited(ContainerExit exit)
    {
        if (_exited) return;
        _exited = true;
        ExitedWhileStopping();
        _launch.Log.Stopped(exit.FinishedAt);
        var message = TerminationMessage(exit);
        int? signal = null;
        Context.Parent.Tell(new ContainerExited(_launch.ContainerId, exit.ExitCode, exit.Reason, message, exit.FinishedAt, signal), Self);
    }

    /// <summary>terminationMessagePath (default /dev/termination-log), or the log tail with FallbackToLogsOnError on failure.</summary>
    private string TerminationMessage(ContainerExit exit)
    {
        if (exit.Reason == "StartError") return exit.Message;
        var path = _launch.Spec.TerminationMessagePath ?? "/dev/termination-log";
        string text = "";
        try
        {
            if (_container!.FileSystem.Get(path) is Userland.FileSystem.VFile f) text = f.Content;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            text = "";
        }
        if (text.Length > 4096) text = text[..4096];
        if (text.Length == 0 && exit.ExitCode != 0 && _launch.Spec.TerminationMessagePolicy == "FallbackToLogsOnError")
            text = _launch.Log.Tail(exit.FinishedAt);
        return text;
    }

    private void Exec(PodWorkers.ExecInContainer m)
    {
        var replyTo = Sender;
        if (_container is not { State: ContainerState.Running } c)
        {
            replyTo.Tell(new PodWorkers.ContainerExecResult(-1, "", "container not running"));
            return;
        }
        c.Exec(m.Command, m.Timeout, r => replyTo.Tell(new PodWorkers.ContainerExecResult(r.ExitCode, r.Output, r.Error)));
    }

    private void Publish(object observation) => Context.System.EventStream.Publish(observation);

    // IUserlandHost: timers are keyed single timers on this actor; a callback fires under the gate.
    IHostTimer IUserlandHost.Schedule(TimeSpan delay, Action callback)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        long id;
        lock (_callbacksLock)
        {
            id = ++_nextTimer;
            _callbacks[id] = callback;
        }
        if (t_running == this) Timers.StartSingleTimer(("host", id), new HostTimerFired(id), delay);
        else Self.Tell(new ScheduleHostTimer(id, delay));
        return new HostTimer(this, id);
    }

    private void FireTimer(long id)
    {
        Action? cb;
        lock (_callbacksLock)
        {
            if (!_callbacks.Remove(id, out cb)) return;
        }
        cb();
    }

    private void CancelTimer(long id)
    {
        lock (_callbacksLock)
        {
            if (!_callbacks.Remove(id)) return;
        }
        if (t_running == this) Timers.Cancel(("host", id));
        else Self.Tell(new CancelHostTimer(id));
    }

    private sealed class HostTimer(ContainerActor owner, long id) : IHostTimer
    {
        public void Cancel() => owner.CancelTimer(id);
    }
}
