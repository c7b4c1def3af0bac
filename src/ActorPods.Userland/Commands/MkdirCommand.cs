using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>mkdir [-p] DIR...</summary>
public sealed class MkdirCommand : ICommand
{
    public string Name => "mkdir";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var parents = false;
        var operands = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "-m" && i + 1 < args.Length) { i++; continue; }
            if (a.StartsWith('-') && a.Length > 1) { if (a.Contains('p')) parents = true; continue; }
            operands.Add(a);
        }
        if (operands.Count == 0) return new Job(ctx.Fail(ctx.Gnu ? "missing operand" : "applet requires an argument"));
        var status = 0;
        foreach (var path in operands)
        {
            var err = ctx.Fs.MakeDirectory(path, ctx.Cwd, parents);
            if (err == FsError.None) continue;
            status = 1;
            ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot create directory '{path}': {FsErrors.Message(err, true)}\n"
                : $"mkdir: can't create directory '{path}': {FsErrors.Message(err)}\n");
        }
        return new Job(status);
    }
}
