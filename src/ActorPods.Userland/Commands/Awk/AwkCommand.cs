using System.Text;
using ActorPods.Userland.Async;

namespace ActorPods.Userland.Commands;

/// <summary>awk [-F SEP] [-v VAR=VAL] 'PROGRAM' [FILE]...: BEGIN/END, /re/ and expression
/// patterns, print/printf, if/else, next, exit, fields ($0, $1, $NF), NR, NF, FS, OFS,
/// variables, arithmetic, comparisons, ~ !~, and length/substr/index/toupper/tolower/int/sprintf.</summary>
public sealed class AwkCommand : ICommand
{
    public string Name => "awk";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        string? fs = null;
        var assigns = new List<(string, string)>();
        string? program = null;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (program is null && a == "-F" && i + 1 < args.Length) { fs = args[++i]; continue; }
            if (program is null && a.StartsWith("-F", StringComparison.Ordinal)) { fs = a[2..]; continue; }
            if (program is null && a == "-v" && i + 1 < args.Length)
            {
                var kv = args[++i];
                var eq = kv.IndexOf('=');
                if (eq > 0) assigns.Add((kv[..eq], kv[(eq + 1)..]));
                continue;
            }
            if (program is null) program = a;
            else files.Add(a);
        }
        if (program is null) return new Job(ctx.Fail("usage: awk [-F SEP] [-v VAR=VAL] PROGRAM [FILE]...", 2));
        AwkProgram compiled;
        try { compiled = AwkParser.Parse(program); }
        catch (AwkError e) { return new Job(ctx.Fail($"cmd. line:1: {e.Message}", 2)); }
        var status = 0;
        var inputs = TextInput.Read(ctx, files, ref status);
        var output = new StringBuilder();
        var rt = new AwkRuntime(compiled, output);
        if (fs is not null) rt.Vars["FS"] = fs == "t" ? "\t" : fs.Replace("\\t", "\t");
        foreach (var (k, v) in assigns) rt.Vars[k] = v;
        try { rt.Run(inputs.SelectMany(t => CommandHelpers.Lines(t.Text))); }
        catch (AwkError e) { ctx.Stdout.Write(output.ToString()); return new Job(ctx.Fail(e.Message, 2)); }
        ctx.Stdout.Write(output.ToString());
        return new Job(rt.ExitCode ?? (status == 0 ? 0 : 2));
    }
}
