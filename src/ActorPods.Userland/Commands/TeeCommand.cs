using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Commands;

/// <summary>tee [-a] FILE...: stdin to stdout and to each file.</summary>
public sealed class TeeCommand : ICommand
{
    public string Name => "tee";

    public async Job Run(CommandContext ctx)
    {
        var (flags, operands) = CommandHelpers.Parse(ctx.Args);
        var sinks = new List<OutputSink>();
        var status = 0;
        foreach (var path in operands)
        {
            // Open (and truncate, without -a) every file first, as tee does.
            var err = ctx.Fs.WriteFile(path, ctx.Cwd, "", append: flags.Contains('a'));
            var node = err == FsError.None ? ctx.Fs.ResolveForWrite(path, ctx.Cwd).Node : null;
            if (node is not null) { sinks.Add(new FileSink(node, ctx.Fs)); continue; }
            status = 1;
            ctx.Stderr.Write($"{ctx.ProgramName}: {path}: {FsErrors.Message(err == FsError.None ? FsError.NotFound : err, ctx.Gnu)}\n");
        }
        await CatCommand.Pump(ctx, chunk => { foreach (var s in sinks) s.Write(chunk); });
        return status;
    }
}
