using System.Globalization;
using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>ls [-1alAdh] [PATH]...: one name per line (output is never a terminal here).
/// Missing paths: busybox "ls: X: No such file or directory" (exit 1), GNU
/// "ls: cannot access 'X': No such file or directory" (exit 2).</summary>
public sealed class LsCommand : ICommand
{
    public string Name => "ls";

    public Job Run(CommandContext ctx)
    {
        var (flags, operands) = CommandHelpers.Parse(ctx.Args);
        var all = flags.Contains('a');
        var almostAll = flags.Contains('A');
        var longFormat = flags.Contains('l');
        var dirOnly = flags.Contains('d');
        if (operands.Count == 0) operands.Add(".");
        var sb = new StringBuilder();
        var status = 0;
        var files = new List<(string Name, VNode Node)>();
        var dirs = new List<(string Name, VDirectory Dir)>();
        foreach (var op in operands)
        {
            var l = ctx.Fs.Resolve(op, ctx.Cwd);
            if (l.Node is null)
            {
                var msg = FsErrors.Message(l.Error == FsError.None ? FsError.NotFound : l.Error, ctx.Gnu);
                ctx.Stderr.Write(ctx.Gnu ? $"{ctx.ProgramName}: cannot access '{op}': {msg}\n" : $"ls: {op}: {msg}\n");
                status = ctx.Gnu ? 2 : 1;
                continue;
            }
            if (l.Node is VDirectory d && !dirOnly) dirs.Add((op, d));
            else files.Add((op, l.Node));
        }
        foreach (var (name, node) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            Entry(sb, name, node, longFormat, ctx.Gnu);
        var headers = operands.Count > 1;
        var first = files.Count == 0;
        foreach (var (name, dir) in dirs.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!first) sb.Append('\n');
            first = false;
            if (headers) sb.Append(name).Append(":\n");
            if (longFormat) sb.Append("total ").Append(dir.Children.Count * 4).Append('\n');
            if (all)
            {
                Entry(sb, ".", dir, longFormat, ctx.Gnu);
                Entry(sb, "..", dir, longFormat, ctx.Gnu);
            }
            foreach (var child in dir.SortedNames())
            {
                if (child.StartsWith('.') && !all && !almostAll) continue;
                Entry(sb, child, dir.Children[child], longFormat, ctx.Gnu);
            }
        }
        ctx.Stdout.Write(sb.ToString());
        return new Job(status);
    }

    private static void Entry(StringBuilder sb, string name, VNode node, bool longFormat, bool gnu)
    {
        if (!longFormat) { sb.Append(name).Append('\n'); return; }
        var (mode, size) = node switch
        {
            VDirectory => ("drwxr-xr-x", 4096L),
            VDevice => ("crw-rw-rw-", 0L),
            VFile f => (f.Executable ? "-rwxr-xr-x" : "-rw-r--r--", (long)System.Text.Encoding.UTF8.GetByteCount(f.Content)),
            _ => ("----------", 0L),
        };
        var when = node.ModifiedAt.UtcDateTime.ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
        if (gnu) sb.Append($"{mode} 1 root root {size} {when} {name}\n");
        else sb.Append($"{mode}    1 root     root     {size,9} {when} {name}\n");
    }
}
