using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>cp [-rRfpa] SRC... DEST: copies files (and trees with -r); into DEST when it is a directory.</summary>
public sealed class CpCommand : ICommand
{
    public string Name => "cp";

    public Job Run(CommandContext ctx)
    {
        var (flags, operands) = CommandHelpers.Parse(ctx.Args);
        var recursive = flags.Contains('r') || flags.Contains('R') || flags.Contains('a');
        if (operands.Count < 2) return new Job(ctx.Fail(ctx.Gnu ? "missing file operand" : "applet requires an argument"));
        var dest = operands[^1];
        var destIsDir = ctx.Fs.Get(dest, ctx.Cwd) is VDirectory;
        var status = 0;
        foreach (var src in operands.Take(operands.Count - 1))
        {
            var node = ctx.Fs.Get(src, ctx.Cwd);
            if (node is null)
            {
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot stat '{src}': No such file or directory\n" : $"cp: can't stat '{src}': No such file or directory\n");
                status = 1;
                continue;
            }
            if (node is VDirectory && !recursive)
            {
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: -r not specified; omitting directory '{src}'\n" : $"cp: omitting directory '{src}'\n");
                status = 1;
                continue;
            }
            var target = destIsDir ? dest.TrimEnd('/') + "/" + Path.GetFileName(src.TrimEnd('/')) : dest;
            VNode copy = node switch
            {
                VDirectory d => d.Clone(),
                VFile f => new VFile(f.Content, f.Executable) { ModifiedAt = ctx.Now },
                _ => node,
            };
            var existing = ctx.Fs.ResolveForWrite(target, ctx.Cwd);
            FsError err;
            if (existing.Node is VFile ef && copy is VFile cf && !existing.ReadOnly) { ef.Content = cf.Content; ef.ModifiedAt = ctx.Now; err = FsError.None; }
            else err = ctx.Fs.Put(target, ctx.Cwd, copy);
            if (err != FsError.None)
            {
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot create regular file '{target}': {FsErrors.Message(err, true)}\n"
                    : $"cp: can't create '{target}': {FsErrors.Message(err)}\n");
                status = 1;
            }
        }
        return new Job(status);
    }
}

/// <summary>mv [-f] SRC... DEST: renames (the node itself moves, so open writers follow it).</summary>
public sealed class MvCommand : ICommand
{
    public string Name => "mv";

    public Job Run(CommandContext ctx)
    {
        var (_, operands) = CommandHelpers.Parse(ctx.Args);
        if (operands.Count < 2) return new Job(ctx.Fail(ctx.Gnu ? "missing file operand" : "applet requires an argument"));
        var dest = operands[^1];
        var destIsDir = ctx.Fs.Get(dest, ctx.Cwd) is VDirectory;
        var status = 0;
        foreach (var src in operands.Take(operands.Count - 1))
        {
            var l = ctx.Fs.Resolve(src, ctx.Cwd);
            if (l.Node is null)
            {
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot stat '{src}': No such file or directory\n" : $"mv: can't rename '{src}': No such file or directory\n");
                status = 1;
                continue;
            }
            var target = destIsDir ? dest.TrimEnd('/') + "/" + Path.GetFileName(src.TrimEnd('/')) : dest;
            var err = l.ReadOnly ? FsError.ReadOnly : l.IsMountPoint ? FsError.Busy : ctx.Fs.Put(target, ctx.Cwd, l.Node);
            if (err == FsError.None) err = ctx.Fs.Remove(src, ctx.Cwd, true);
            if (err != FsError.None)
            {
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot move '{src}' to '{target}': {FsErrors.Message(err, true)}\n"
                    : $"mv: can't rename '{src}': {FsErrors.Message(err)}\n");
                status = 1;
            }
        }
        return new Job(status);
    }
}
