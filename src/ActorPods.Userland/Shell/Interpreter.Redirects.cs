using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Shell;

internal sealed partial class Interpreter
{
    /// <summary>Applies redirections to a copy of the current descriptors; prints the shell's
    /// error and returns null when a file cannot be opened.</summary>
    private async Job<Fds?> ApplyRedirects(Redirect[] redirects)
    {
        var io = _io.Copy();
        foreach (var r in redirects)
        {
            if (r.Kind == RedirKind.HereDoc)
            {
                var doc = (HereDoc)r.Target.Parts[0];
                var text = doc.Body is null ? "" : await ExpandToString(doc.Body);
                if (r.Fd == 0) io.In = new InputSource(text);
                continue;
            }
            var target = await ExpandToString(r.Target);
            if (r.Fd > 9) { ShellError($"{r.Fd}: bad file descriptor"); return null; }
            switch (r.Kind)
            {
                case RedirKind.Out:
                case RedirKind.Clobber:
                case RedirKind.Append:
                {
                    var sink = OpenForWrite(target, r.Kind == RedirKind.Append, io);
                    if (sink is null) return null;
                    io.Out[r.Fd] = sink;
                    break;
                }
                case RedirKind.In:
                case RedirKind.ReadWrite:
                {
                    var err = _proc.Container.FileSystem.ReadFile(target, _proc.Cwd, out var content);
                    if (err != FsError.None)
                    {
                        ShellError(Flavor == Flavor.Gnu
                            ? $"cannot open {target}: {(err == FsError.NotFound ? "No such file" : FsErrors.Message(err, true))}"
                            : $"can't open {target}: {(err == FsError.NotFound ? "no such file" : FsErrors.Message(err))}");
                        return null;
                    }
                    if (r.Fd == 0) io.In = new InputSource(content);
                    break;
                }
                case RedirKind.DupOut:
                {
                    if (target == "-") { io.Out[r.Fd] = NullSink.Instance; break; }
                    if (target.Length != 1 || !char.IsAsciiDigit(target[0]) || io.Out[target[0] - '0'] is not { } dup)
                    {
                        ShellError($"{target}: bad file descriptor");
                        return null;
                    }
                    io.Out[r.Fd] = dup;
                    break;
                }
                case RedirKind.DupIn:
                    if (target != "0" && target != "-") { ShellError($"unsupported: input duplication <&{target}"); return null; }
                    break;
            }
        }
        return io;
    }

    private OutputSink? OpenForWrite(string path, bool append, Fds io)
    {
        switch (path)
        {
            case "/dev/stdout" or "/proc/self/fd/1": return io.Out[1] ?? NullSink.Instance;
            case "/dev/stderr" or "/proc/self/fd/2": return io.Out[2] ?? NullSink.Instance;
        }
        var fs = _proc.Container.FileSystem;
        // The open file is this container's own node (copied up from the image layer), so writes land in its tree.
        var l = fs.ResolveForWrite(path, _proc.Cwd);
        var err = l.Error;
        if (err == FsError.None)
        {
            switch (l.Node)
            {
                case VDirectory: err = FsError.IsDirectory; break;
                case VDevice dev: return new FileSink(dev, fs);
                case VFile f:
                    if (l.ReadOnly) { err = FsError.ReadOnly; break; }
                    if (!append) { f.Content = ""; f.ModifiedAt = fs.Now; }
                    return new FileSink(f, fs);
                case null:
                    if (l.Parent is null) { err = FsError.NotFound; break; }
                    if (l.ReadOnly) { err = FsError.ReadOnly; break; }
                    var created = new VFile { ModifiedAt = fs.Now };
                    l.Parent.Children[l.Name] = created;
                    return new FileSink(created, fs);
            }
        }
        ShellError(Flavor == Flavor.Gnu
            ? $"cannot create {path}: {(err == FsError.NotFound ? "Directory nonexistent" : FsErrors.Message(err, true))}"
            : $"can't create {path}: {(err == FsError.NotFound ? "nonexistent directory" : FsErrors.Message(err))}");
        return null;
    }
}
