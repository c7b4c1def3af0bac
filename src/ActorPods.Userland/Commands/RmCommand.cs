using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>rm [-rRf] PATH...: -f silences missing files; a directory needs -r.</summary>
public sealed class RmCommand : ICommand
{
    public string Name => "rm";

    public Job Run(CommandContext ctx)
    {
        var (flags, operands) = CommandHelpers.Parse(ctx.Args);
        var force = flags.Contains('f');
        var recursive = flags.Contains('r') || flags.Contains('R');
        if (operands.Count == 0)
        {
            if (force) return CommandHelpers.Zero;
            return new Job(ctx.Fail(ctx.Gnu ? "missing operand" : "applet requires an argument"));
        }
        var status = 0;
        foreach (var path in operands)
        {
            var err = ctx.Fs.Remove(path, ctx.Cwd, recursive);
            if (err == FsError.None || (err == FsError.NotFound && force)) continue;
            status = 1;
            if (err == FsError.IsDirectory)
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot remove '{path}': Is a directory\n" : $"rm: '{path}' is a directory\n");
            else
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot remove '{path}': {FsErrors.Message(err, true)}\n" : $"rm: can't remove '{path}': {FsErrors.Message(err)}\n");
        }
        return new Job(status);
    }
}

/// <summary>rmdir DIR...: only empty directories.</summary>
public sealed class RmdirCommand : ICommand
{
    public string Name => "rmdir";

    public Job Run(CommandContext ctx)
    {
        var (_, operands) = CommandHelpers.Parse(ctx.Args);
        var status = 0;
        foreach (var path in operands)
        {
            var node = ctx.Fs.Get(path, ctx.Cwd);
            var err = node switch
            {
                null => FsError.NotFound,
                VDirectory d when d.Children.Count > 0 => FsError.NotEmpty,
                VDirectory => ctx.Fs.Remove(path, ctx.Cwd, true),
                _ => FsError.NotDirectory,
            };
            if (err == FsError.None) continue;
            status = 1;
            ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: failed to remove '{path}': {FsErrors.Message(err, true)}\n" : $"rmdir: '{path}': {FsErrors.Message(err)}\n");
        }
        return new Job(status);
    }
}
