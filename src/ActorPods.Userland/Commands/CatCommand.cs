using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>cat [FILE]...: "-" or no file reads stdin. The hot path of exec probes
/// (<c>cat /tmp/healthy</c>), so the one-file case allocates nothing extra.</summary>
public sealed class CatCommand : ICommand
{
    public string Name => "cat";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Length == 1) { ctx.Stdout.Write(ctx.Stdin.ReadToEnd()); return CommandHelpers.Zero; }
        var status = 0;
        for (var i = 1; i < args.Length; i++)
        {
            var path = args[i];
            if (path == "-") { ctx.Stdout.Write(ctx.Stdin.ReadToEnd()); continue; }
            if (path.Length > 1 && path[0] == '-') continue; // -n/-A/-v: ignored
            var err = ctx.Fs.ReadFile(path, ctx.Cwd, out var content);
            if (err == FsError.None) { ctx.Stdout.Write(content); continue; }
            status = 1;
            if (ctx.Gnu) ctx.Stderr.Write($"{ctx.ProgramName}: {path}: {FsErrors.Message(err, true)}\n");
            else if (err == FsError.IsDirectory) ctx.Stderr.Write("cat: read error: Is a directory\n");
            else ctx.Stderr.Write($"cat: can't open '{path}': {FsErrors.Message(err)}\n");
        }
        return status == 0 ? CommandHelpers.Zero : CommandHelpers.One;
    }
}
