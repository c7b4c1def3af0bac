using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;
using ActorPods.Userland.Shell;

namespace ActorPods.Userland.Commands;

/// <summary>sh / ash / dash / bash: <c>-c SCRIPT [NAME [ARGS]]</c>, <c>SCRIPT-FILE [ARGS]</c>, or a
/// script on stdin. Syntax errors print "sh: syntax error: ..." and exit 2, as ash does.</summary>
public sealed class ShellCommand : ICommand
{
    public string Name => "sh";

    public async Job Run(CommandContext ctx)
    {
        var shellName = ctx.Name;
        var args = ctx.Args;
        var state = new ShellState { ShellPid = ctx.Process.Pid };
        var i = 1;
        string? script = null;
        string? scriptFile = null;
        for (; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "-c") { if (i + 1 >= args.Length) return ctx.Fail("-c requires an argument", 2); script = args[++i]; i++; break; }
            if (a == "--") { i++; break; }
            if (a.Length > 1 && (a[0] == '-' || a[0] == '+') && a != "-")
            {
                var on = a[0] == '-';
                var consumedScript = false;
                foreach (var c in a[1..])
                {
                    switch (c)
                    {
                        case 'e': state.ErrExit = on; break;
                        case 'x': state.XTrace = on; break;
                        case 'u': state.NoUnset = on; break;
                        case 'c':
                            if (i + 1 >= args.Length) return ctx.Fail("-c requires an argument", 2);
                            script = args[++i];
                            consumedScript = true;
                            break;
                        case 's' or 'i' or 'l' or 'o' or 'v' or 'm': break;
                        default: return ctx.Fail($"-{c}: invalid option", 2);
                    }
                }
                if (consumedScript) { i++; break; }
                continue;
            }
            break;
        }
        var prefix = ctx.Gnu ? (shellName == "bash" ? "bash: " : shellName + ": 0: ") : shellName + ": ";
        if (script is not null)
        {
            if (i < args.Length) state.Arg0 = args[i++];
            else state.Arg0 = shellName;
        }
        else if (i < args.Length)
        {
            scriptFile = args[i++];
            state.Arg0 = scriptFile;
            var err = ctx.Fs.ReadFile(scriptFile, ctx.Cwd, out var text);
            if (err != FsError.None)
            {
                ctx.Stderr.Write(ctx.Gnu
                    ? (shellName == "bash" ? $"bash: {scriptFile}: {FsErrors.Message(err, true)}\n" : $"{shellName}: 0: cannot open {scriptFile}: No such file\n")
                    : $"{shellName}: can't open '{scriptFile}': {FsErrors.Message(err)}\n");
                return ctx.Gnu ? (shellName == "bash" ? 127 : 2) : 2;
            }
            script = text;
        }
        else
        {
            // No script: read one from stdin (an exec without a terminal sees EOF at once).
            script = ctx.Stdin.ReadToEnd();
            state.Arg0 = shellName;
        }
        state.Params = args[i..];

        foreach (var (k, v) in ctx.Env) state.Vars[k] = new ShellVar { Value = v, Exported = true };
        state.Set("PPID", ctx.Process.Parent?.Pid.ToString() ?? "0");
        state.Set("PWD", ctx.Cwd);
        state.Set("IFS", " \t\n");

        Node ast;
        try { ast = ScriptCache.Get(script); }
        catch (ShellSyntaxException e)
        {
            ctx.Stderr.Write(prefix + e.Message + "\n");
            return 2;
        }
        var io = new Fds(ctx.Stdin, ctx.Stdout, ctx.Stderr);
        var interpreter = new Interpreter(ctx.Process, state, io, shellName, isSubshell: false);
        interpreter.InstallSignalHandler();
        return await interpreter.RunScript(ast);
    }
}
