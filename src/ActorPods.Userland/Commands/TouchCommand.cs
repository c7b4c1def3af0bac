using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>touch FILE...: creates empty files or updates their time.</summary>
public sealed class TouchCommand : ICommand
{
    public string Name => "touch";

    public Job Run(CommandContext ctx)
    {
        var (flags, operands) = CommandHelpers.Parse(ctx.Args);
        if (operands.Count == 0) return new Job(ctx.Fail(ctx.Gnu ? "missing file operand" : "applet requires an argument"));
        var status = 0;
        foreach (var path in operands)
        {
            var l = ctx.Fs.ResolveForWrite(path, ctx.Cwd);
            var err = l.Error;
            if (err == FsError.None)
            {
                if (l.Node is not null)
                {
                    if (l.ReadOnly) err = FsError.ReadOnly;
                    else { l.Node.ModifiedAt = ctx.Now; continue; }
                }
                else if (flags.Contains('c')) continue;
                else err = ctx.Fs.WriteFile(path, ctx.Cwd, "", append: true);
            }
            if (err == FsError.None) continue;
            status = 1;
            ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot touch '{path}': {FsErrors.Message(err, true)}\n" : $"touch: {path}: {FsErrors.Message(err)}\n");
        }
        return new Job(status);
    }
}
