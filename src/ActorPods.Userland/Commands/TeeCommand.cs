using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>tee [-a] FILE...: stdin to stdout and to each file.</summary>
public sealed class TeeCommand : ICommand
{
    public string Name => "tee";

    public Job Run(CommandContext ctx)
    {
        var (flags, operands) = CommandHelpers.Parse(ctx.Args);
        var append = flags.Contains('a');
        var input = ctx.Stdin.ReadToEnd();
        var status = 0;
        foreach (var path in operands)
        {
            var err = ctx.Fs.WriteFile(path, ctx.Cwd, input, append);
            if (err == FsError.None) continue;
            status = 1;
            ctx.Stderr.Write($"{ctx.ProgramName}: {path}: {FsErrors.Message(err, ctx.Gnu)}\n");
        }
        ctx.Stdout.Write(input);
        return new Job(status);
    }
}
