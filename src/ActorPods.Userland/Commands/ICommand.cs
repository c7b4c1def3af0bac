using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>
/// A program that can run in a simulated process: a busybox/coreutils utility, a shell, or an
/// image's server. Implementations must await only Jobs from <c>ctx.Process</c> (Delay,
/// WaitFor), so that killing the process stops them, and never read the real clock.
/// </summary>
public interface ICommand
{
    /// <summary>The name it is invoked by (argv[0] basename).</summary>
    string Name { get; }

    Job Run(CommandContext ctx);
}

/// <summary>Marks utilities that need their whole standard input before they can work
/// (sort, wc, sed, awk...): when fed by a pipe, the shell starts them once the writer is done.
/// Everything else starts at once and, if it reads a pipe, reads it as data arrives.</summary>
public interface IReadsWholeInput { }

/// <summary>Which userland an image ships: error texts differ (busybox "can't open" vs GNU
/// "cannot access") and so does the set of installed tools.</summary>
public enum Flavor
{
    Busybox,
    Gnu,
}

/// <summary>Which shell /bin/sh is: its error messages and exit codes differ.</summary>
public enum ShellDialect
{
    /// <summary>busybox ash: "sh: X: not found".</summary>
    Ash,
    /// <summary>Debian's dash: "sh: 1: X: not found".</summary>
    Dash,
    /// <summary>bash (also /bin/sh on CentOS): "sh: line 1: X: command not found".</summary>
    Bash,
}
