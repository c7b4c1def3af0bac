using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Hosting;

namespace ActorPods.Userland.Processes;

/// <summary>A running exec; <see cref="Result"/> is set when it ends.</summary>
public sealed class ExecHandle
{
    internal Process? Process;
    internal IHostTimer? Timeout;
    internal Action<ExecResult>? OnDone;

    public ExecResult? Result { get; internal set; }
    public bool Completed => Result is not null;

    /// <summary>Kills the exec'd process (SIGKILL), e.g. when the caller gives up.</summary>
    public void Kill() => Process?.Signal(Signal.SIGKILL);

    internal void Complete(ExecResult result)
    {
        if (Result is not null) return;
        Result = result;
        Timeout?.Cancel();
        OnDone?.Invoke(result);
    }
}

public sealed partial class Container
{
    /// <summary>
    /// Runs <paramref name="argv"/> as a new process in this container (CRI ExecSync): same
    /// filesystem, environment and network as PID 1, stdout and stderr combined. With a
    /// <paramref name="timeout"/> the process is killed when it expires and the result says
    /// TimedOut. <paramref name="onDone"/> may run before this method returns when the
    /// command finishes without waiting (the common probe case). <paramref name="stdin"/> is
    /// what the command reads (kubectl exec -i); without it the command sees end of input.
    /// </summary>
    public ExecHandle Exec(IReadOnlyList<string> argv, TimeSpan? timeout = null, Action<ExecResult>? onDone = null, string? stdin = null)
    {
        var handle = new ExecHandle { OnDone = onDone };
        var started = Host.Now;
        if (State != ContainerState.Running)
        {
            handle.Complete(new ExecResult(-1, "", false, "cannot exec in a stopped container", TimeSpan.Zero));
            return handle;
        }
        var args = argv as string[] ?? argv.ToArray();
        if (args.Length == 0)
        {
            handle.Complete(new ExecResult(-1, "", false, "OCI runtime exec failed: exec failed: unable to start container process: exec: no command specified: unknown", TimeSpan.Zero));
            return handle;
        }
        var cwd = Spec.WorkingDir ?? Image.WorkingDir;
        var lookup = Lookup(args[0], cwd, Environment.GetValueOrDefault("PATH"));
        if (lookup.Kind is LookupKind.NotFound or LookupKind.NotExecutable)
        {
            var what = lookup.Kind == LookupKind.NotExecutable ? "permission denied"
                : args[0].Contains('/') ? $"stat {args[0]}: no such file or directory" : "executable file not found in $PATH";
            handle.Complete(new ExecResult(-1, "", false,
                $"OCI runtime exec failed: exec failed: unable to start container process: exec: \"{args[0]}\": {what}: unknown",
                TimeSpan.Zero));
            return handle;
        }
        if (lookup.Kind == LookupKind.Script) args = new[] { "sh", lookup.Path! }.Concat(args.Skip(1)).ToArray();

        var process = Spawn(null, Shell.Interpreter.ProcessName(args[0]), cwd);
        handle.Process = process;
        var output = new BufferSink(16 * 1024 * 1024);
        var ctx = new CommandContext(process, args, stdin is null ? InputSource.Empty : new InputSource(stdin), output, output, Environment);
        var job = lookup.Command!.Run(ctx);
        if (job.IsCompleted)
        {
            process.Exit(job.Result);
            handle.Complete(new ExecResult(process.ExitCode, output.ToString(), false, null, TimeSpan.Zero));
            return handle;
        }
        job.OnDone(process.Exit);
        process.OnExit(() =>
            handle.Complete(new ExecResult(process.ExitCode, output.ToString(), false, null, Host.Now - started)));
        if (timeout is { } t && t > TimeSpan.Zero)
        {
            handle.Timeout = Host.Schedule(t, () =>
            {
                if (handle.Completed) return;
                handle.Complete(new ExecResult(137, output.ToString(), true, null, Host.Now - started));
                process.Signal(global::ActorPods.Userland.Processes.Signal.SIGKILL);
            });
        }
        return handle;
    }

    /// <summary>The kubelet's text for an exec probe that timed out.</summary>
    public static string TimedOutMessage(IReadOnlyList<string> argv) => $"command \"{string.Join(' ', argv)}\" timed out";
}
