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

/// <summary>Which userland an image ships: error texts differ (busybox "can't open" vs GNU
/// "cannot access") and so does the set of installed tools.</summary>
public enum Flavor
{
    Busybox,
    Gnu,
}
