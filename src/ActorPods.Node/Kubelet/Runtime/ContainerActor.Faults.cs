using ActorPods.Actors;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// Faults injected into this container's userland: its main process dying from outside, and the files an exec probe
/// reads disappearing for a while (the probe's own command then fails as it would on a real machine).
/// </summary>
public sealed partial class ContainerActor
{
    private readonly List<ExecProbeFault> _execFaults = new();
    private readonly Dictionary<string, VNode> _hidden = new(StringComparer.Ordinal);

    private static SharedBehavior<ContainerActor> WithFaults(SharedBehavior<ContainerActor> behavior) => behavior
        .Receive<KillMainProcess>(static (a, m) => a.Guard(() => a.KillMain(m)))
        .Receive<ExecProbeFault>(static (a, m) => a.Guard(() => a.StartExecFault(m)))
        .Receive<ExecProbeFaultEnded>(static (a, m) => a.Guard(() => a.EndExecFault(m.Fault)));

    private void StartExecFault(ExecProbeFault m)
    {
        _execFaults.Add(m);
        Timers.StartSingleTimer(("exec-fault", m), new ExecProbeFaultEnded(m), m.Until - Context.Now);
    }

    /// <summary>PID 1 dies from outside (fault injection): the exit is reported like any other, without a Killing event.</summary>
    private void KillMain(KillMainProcess m)
    {
        var replyTo = Sender;
        if (_exited || _container is not { State: ContainerState.Running, MainProcess: { } pid1 } c)
        {
            replyTo.Tell(new NodeFaultResult(false, $"container {Name} of pod {Ns}/{Pod} is not running"));
            return;
        }
        string what;
        if (m.OomKilled)
        {
            c.InjectOomKill();
            what = "OOM-killed (exit code 137, OOMKilled)";
        }
        else if (m.ExitCode > 128 && m.ExitCode - 128 is var n && Enum.IsDefined(typeof(Signal), n))
        {
            // 128+N: death by signal N, as `kill -N 1` from the host would do it (SIGKILL cannot be caught).
            var signal = (Signal)n;
            if (signal == Signal.SIGKILL) c.Kill();
            else pid1.Die(signal);
            what = $"killed by {Signals.Name(signal)} (exit code {m.ExitCode})";
        }
        else
        {
            pid1.Exit(m.ExitCode);
            what = $"exited with code {m.ExitCode}";
        }
        replyTo.Tell(new NodeFaultResult(true, $"container {Name} of pod {Ns}/{Pod}: main process {what}"));
    }

    // A loop, not Any(lambda): the lambda would capture argv, and its closure was allocated on every probe run.
    private bool ExecFaulted(Api.Model.Probe probe)
    {
        if (_execFaults.Count == 0 || probe.Exec?.Command is not { } argv) return false;
        foreach (var f in _execFaults)
            if (f.Command.SequenceEqual(argv)) return true;
        return false;
    }

    /// <summary>
    /// Before a faulted exec probe runs: the regular files its command names by absolute path vanish (kept aside, put
    /// back when the fault ends), so `cat /tmp/healthy` fails with busybox's own "No such file or directory".
    /// Returns false when the command names no such file: then the probe only learns that the command exited 1.
    /// </summary>
    private bool HideProbedFiles(Container c, IReadOnlyList<string> argv)
    {
        var hidAny = _hidden.Count > 0;
        foreach (var path in AbsolutePaths(argv))
        {
            if (c.FileSystem.Get(path) is not VFile file) continue;
            if (c.FileSystem.Remove(path, "/", false) != FsError.None) continue;
            _hidden[path] = file;
            hidAny = true;
        }
        return hidAny;
    }

    /// <summary>Absolute paths in argv after the program itself, including inside a `sh -c` script.</summary>
    private static IEnumerable<string> AbsolutePaths(IReadOnlyList<string> argv)
    {
        var separators = new[] { ' ', '\t', '\n', ';', '|', '&', '<', '>', '(', ')', '"', '\'', '`' };
        foreach (var arg in argv.Skip(1))
            foreach (var token in arg.Split(separators, StringSplitOptions.RemoveEmptyEntries))
                if (token.StartsWith('/') && token.Length > 1) yield return token;
    }

    private void EndExecFault(ExecProbeFault fault)
    {
        _execFaults.Remove(fault);
        if (_execFaults.Count > 0 || _container is null) return;
        foreach (var (path, node) in _hidden)
            if (_container.FileSystem.Get(path) is null) _container.FileSystem.Put(path, "/", node);
        _hidden.Clear();
    }
}
