using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Shell;

internal sealed partial class Interpreter
{
    private int _lastSubstStatus = -1;

    private async Job RunSimple(SimpleCommand sc, bool tail)
    {
        await Step();
        _lastSubstStatus = -1;
        var words = sc.Words;
        string[] argv;
        if (AllLiteral(words))
        {
            argv = new string[words.Length];
            for (var i = 0; i < words.Length; i++) argv[i] = words[i].Literal!;
        }
        else
        {
            var list = new List<string>(words.Length + 2);
            foreach (var w in words)
            {
                if (w.Literal is { } lit) list.Add(lit);
                else await ExpandWord(w, list, split: true);
            }
            argv = list.ToArray();
        }
        if (_flow == Flow.Exit) return _st.LastStatus;

        if (argv.Length == 0)
        {
            foreach (var a in sc.Assignments)
            {
                var value = await ExpandToString(a.Value);
                if (!_st.Set(a.Name, value)) { ShellError($"{a.Name}: is read only"); return Exit(2); }
            }
            if (sc.Redirects.Length > 0 && await ApplyRedirects(sc.Redirects) is null) return SetStatus(1);
            return SetStatus(_lastSubstStatus >= 0 ? _lastSubstStatus : 0);
        }

        string[]? assignNames = null;
        string[]? assignValues = null;
        if (sc.Assignments.Length > 0)
        {
            assignNames = new string[sc.Assignments.Length];
            assignValues = new string[sc.Assignments.Length];
            for (var i = 0; i < sc.Assignments.Length; i++)
            {
                assignNames[i] = sc.Assignments[i].Name;
                assignValues[i] = await ExpandToString(sc.Assignments[i].Value);
            }
        }

        if (_st.XTrace) _io.Stderr.Write("+ " + string.Join(' ', argv) + "\n");

        var io = _io;
        if (sc.Redirects.Length > 0)
        {
            var r = await ApplyRedirects(sc.Redirects);
            if (r is null) return SetStatus(1);
            io = r;
        }

        var name = argv[0];
        if (_st.Functions.TryGetValue(name, out var fn))
            return SetStatus(await RunFunction(fn, argv, io, assignNames, assignValues));

        if (name == "exec")
        {
            if (argv.Length == 1) { _io = io; return SetStatus(0); } // exec >file: for the rest of the script
            return SetStatus(await RunExternal(argv[1..], io, assignNames, assignValues, inPlace: false, explicitExec: true));
        }

        if (IsShellBuiltin(name))
        {
            // Assignments before a special builtin persist (POSIX); good enough for all builtins.
            if (assignNames is not null)
                for (var i = 0; i < assignNames.Length; i++) _st.Set(assignNames[i], assignValues![i]);
            var saved = _io;
            _io = io;
            try { return SetStatus(await RunBuiltin(name, argv)); }
            finally { _io = saved; }
        }

        return SetStatus(await RunExternal(argv, io, assignNames, assignValues, tail && _st.Traps.Count == 0 && _funcDepth == 0, explicitExec: false));
    }

    private static bool AllLiteral(Word[] words)
    {
        foreach (var w in words) if (w.Literal is null) return false;
        return true;
    }

    private async Job RunFunction(FunctionDef fn, string[] argv, Fds io, string[]? names, string[]? values)
    {
        if (_funcDepth > 1000) { ShellError("function nesting too deep"); return 2; }
        var savedParams = _st.Params;
        var savedIo = _io;
        _st.Params = argv[1..];
        _io = io;
        if (names is not null) for (var i = 0; i < names.Length; i++) _st.Set(names[i], values![i]);
        _funcDepth++;
        var savedLocals = _locals;
        _locals = null;
        try
        {
            var status = await Run(fn.Body, false);
            if (_flow == Flow.Return) { _flow = Flow.None; status = _st.LastStatus; }
            return status;
        }
        finally
        {
            RestoreLocals();
            _locals = savedLocals;
            _funcDepth--;
            _st.Params = savedParams;
            _io = savedIo;
        }
    }

    private Dictionary<string, ShellVar?>? _locals;

    private void RestoreLocals()
    {
        if (_locals is null) return;
        foreach (var (name, old) in _locals)
        {
            if (old is { } v) _st.Vars[name] = v;
            else _st.Vars.Remove(name);
        }
    }

    /// <summary>Runs a program: in a child process normally, or in this very process when it is the
    /// last thing the shell will do (busybox ash and dash exec it directly, so `sh -c "sleep 3600"`
    /// leaves sleep as PID 1) or on an explicit `exec`.</summary>
    private async Job RunExternal(string[] argv, Fds io, string[]? names, string[]? values, bool inPlace, bool explicitExec)
    {
        var container = _proc.Container;
        var name = argv[0];
        var lookup = container.Lookup(name, _proc.Cwd, _st.Get("PATH"));
        switch (lookup.Kind)
        {
            // These messages come from the forked child, after its redirections: 2>&1 captures them.
            case LookupKind.NotFound:
                io.Stderr.Write(ErrPrefix + (Flavor == Flavor.Gnu && _shellName == "bash"
                    ? $"{name}: {(name.Contains('/') ? "No such file or directory" : "command not found")}\n"
                    : $"{name}: not found\n"));
                if (explicitExec) Exit(127);
                return 127;
            case LookupKind.NotExecutable:
                io.Stderr.Write(ErrPrefix + $"{name}: Permission denied\n");
                if (explicitExec) Exit(126);
                return 126;
        }

        ICommand command = lookup.Command!;
        if (lookup.Kind == LookupKind.Script)
        {
            // A script without a known interpreter runs under sh: argv becomes sh SCRIPT ARGS.
            var shArgv = new string[argv.Length + 1];
            shArgv[0] = "sh";
            shArgv[1] = lookup.Path!;
            Array.Copy(argv, 1, shArgv, 2, argv.Length - 1);
            argv = shArgv;
        }

        Func<IReadOnlyDictionary<string, string>> env = () =>
        {
            var e = _st.ExportedEnvironment();
            if (names is not null) for (var i = 0; i < names.Length; i++) e[names[i]] = values![i];
            return e;
        };

        if (inPlace || explicitExec)
        {
            _proc.Name = ProcessName(argv[0]);
            _proc.SignalHandler = null;
            var ctxSelf = new CommandContext(_proc, argv, io.In, io.Stdout, io.Stderr, envFactory: env);
            var code = await command.Run(ctxSelf);
            if (explicitExec) Exit(code);
            return code;
        }

        var child = container.Spawn(_proc, ProcessName(argv[0]), _proc.Cwd);
        var ctx = new CommandContext(child, argv, io.In, io.Stdout, io.Stderr, envFactory: env);
        var job = command.Run(ctx);
        if (job.IsCompleted) child.Exit(job.Result);
        else job.OnDone(child.Exit);
        return await _proc.WaitFor(child.Completion);
    }

    internal static string ProcessName(string argv0)
    {
        var slash = argv0.LastIndexOf('/');
        return slash < 0 ? argv0 : argv0[(slash + 1)..];
    }

}
