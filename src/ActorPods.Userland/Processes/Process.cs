using ActorPods.Userland.Async;
using ActorPods.Userland.Hosting;

namespace ActorPods.Userland.Processes;

/// <summary>Returns true when the running program consumed the signal (trap, server shutdown).</summary>
public delegate bool SignalHandler(Signal signal);

/// <summary>
/// One simulated process in a container. Programs must only await Jobs obtained from their
/// process (Delay, WaitFor, Yield): once the process dies, those never resume, so a killed
/// program simply stops mid-flight, with nothing left running.
/// </summary>
public sealed class Process
{
    private readonly Promise _exit = new();
    private HashSet<IHostTimer>? _timers;
    private List<Action>? _onExit;

    internal Process(Container container, int pid, Process? parent, string name, string cwd)
    {
        Container = container;
        Pid = pid;
        Parent = parent;
        Name = name;
        Cwd = cwd;
        StartedAt = container.Host.Now;
    }

    public Container Container { get; }
    public int Pid { get; }
    public Process? Parent { get; }

    /// <summary>The command name (comm), as killall/pidof match it; changes on exec.</summary>
    public string Name { get; set; }

    public string Cwd { get; set; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>Installed by the program running in this process; replaced on exec.</summary>
    public SignalHandler? SignalHandler { get; set; }

    /// <summary>Memory this process uses (bytes), for the container's OOM accounting.</summary>
    public MemoryProfile Memory { get; private set; } = MemoryProfile.Small;

    public bool Exited => _exit.IsCompleted;
    public int ExitCode => _exit.IsCompleted ? _exit.GetResult() : throw new InvalidOperationException("still running");
    public Signal? KilledBy { get; private set; }

    public Job Completion => _exit.Job;

    public void SetMemory(MemoryProfile profile)
    {
        Memory = profile with { Since = Container.Host.Now };
        Container.MemoryChanged();
    }

    /// <summary>A virtual-time sleep, cancelled if the process dies.</summary>
    public Job Delay(TimeSpan delay)
    {
        if (Exited) return new Promise().Job;
        var p = new Promise();
        IHostTimer? timer = null;
        timer = Container.Host.Schedule(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, () =>
        {
            _timers?.Remove(timer!);
            if (!Exited) p.TrySetResult(0);
        });
        (_timers ??= new HashSet<IHostTimer>()).Add(timer);
        return p.Job;
    }

    /// <summary>Lets other work at the same virtual instant run (busy loops).</summary>
    public Job Yield() => Delay(TimeSpan.Zero);

    /// <summary>A job that forwards <paramref name="inner"/>'s result only while this process lives.</summary>
    public Job WaitFor(Job inner)
    {
        if (inner.IsCompleted) return inner;
        var p = new Promise();
        inner.OnDone(r => { if (!Exited) p.TrySetResult(r); });
        return p.Job;
    }

    /// <summary>A job this process can complete from elsewhere (signals interrupting `wait`).</summary>
    public Promise NewWait() => new();

    public void OnExit(Action action)
    {
        if (Exited) { action(); return; }
        (_onExit ??= new List<Action>()).Add(action);
    }

    /// <summary>Delivers a signal with Linux semantics: SIGKILL always kills; otherwise the
    /// program's handler decides; with no handler the default action applies, except that
    /// PID 1 of a PID namespace never dies of a signal it did not install a handler for.</summary>
    public void Signal(Signal signal)
    {
        if (Exited) return;
        if (signal == global::ActorPods.Userland.Processes.Signal.SIGKILL) { Die(signal); return; }
        if (SignalHandler?.Invoke(signal) == true) return;
        if (Signals.DefaultIgnored(signal) || signal == global::ActorPods.Userland.Processes.Signal.SIGSTOP) return;
        if (Pid == 1) return;
        Die(signal);
    }

    /// <summary>Terminates by a signal's default action: exit status 128+N.</summary>
    public void Die(Signal signal)
    {
        if (Exited) return;
        KilledBy = signal;
        Exit(128 + (int)signal);
    }

    /// <summary>Ends the process now with <paramref name="code"/>; pending waits never resume.</summary>
    public void Exit(int code)
    {
        if (Exited) return;
        if (_timers is not null)
        {
            foreach (var t in _timers) t.Cancel();
            _timers = null;
        }
        SignalHandler = null;
        _exit.TrySetResult(code & 0xFF);
        Container.ProcessExited(this);
        if (_onExit is not null)
        {
            var list = _onExit;
            _onExit = null;
            foreach (var a in list) a();
        }
    }

    public override string ToString() => $"{Pid} {Name}";
}
