using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Shell;

internal sealed partial class Interpreter
{
    /// <summary>Commands the shell runs itself, without a child process (ash's builtins).</summary>
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        ":", "true", "false", "echo", "printf", "test", "[", "kill", "pwd",
        "cd", "exit", "return", "break", "continue", "export", "readonly", "unset", "set", "shift",
        "trap", "wait", "eval", "exec", ".", "source", "local", "read", "command", "type", "umask", "ulimit",
    };

    /// <summary>Builtins that are also stand-alone utilities: same code, run in-process.</summary>
    private static readonly HashSet<string> UtilityBuiltins = new(StringComparer.Ordinal)
    {
        "true", "false", "echo", "printf", "test", "[", "kill", "pwd",
    };

    private static bool IsShellBuiltin(string name) => Builtins.Contains(name);

    private async Job RunBuiltin(string name, string[] argv)
    {
        if (UtilityBuiltins.Contains(name) && CommandRegistry.Default.Get(name) is { } utility)
        {
            var ctx = new CommandContext(_proc, argv, _io.In, _io.Stdout, _io.Stderr, envFactory: _exportedEnvironment ??= _st.ExportedEnvironment) { BuiltinOf = Dialect };
            return await utility.Run(ctx);
        }
        switch (name)
        {
            case ":": return 0;
            case "cd": return Cd(argv);
            case "exit":
            {
                var code = argv.Length > 1 ? ParseStatus(argv[1], "exit") : _st.LastStatus;
                return Exit(code);
            }
            case "return":
            {
                var code = argv.Length > 1 ? ParseStatus(argv[1], "return") : _st.LastStatus;
                if (_funcDepth == 0 && !_inDotScript) { ShellError("return: not in a function"); return 1; }
                _st.LastStatus = code;
                _flow = Flow.Return;
                return code;
            }
            case "break":
            case "continue":
            {
                if (_loopDepth == 0) return 0;
                var n = argv.Length > 1 && int.TryParse(argv[1], out var v) && v > 0 ? v : 1;
                _flow = name == "break" ? Flow.Break : Flow.Continue;
                _flowCount = Math.Min(n, _loopDepth);
                return 0;
            }
            case "export": return Export(argv, readOnly: false);
            case "readonly": return Export(argv, readOnly: true);
            case "unset":
                foreach (var a in argv.Skip(1))
                {
                    if (a is "-v" or "-f") continue;
                    if (argv.Length > 1 && argv[1] == "-f") { _st.Functions.Remove(a); continue; }
                    if (_st.Vars.TryGetValue(a, out var sv) && sv.ReadOnly) { ShellError($"unset: {a}: is read only"); return 1; }
                    _st.Vars.Remove(a);
                }
                return 0;
            case "set": return Set(argv);
            case "shift":
            {
                var n = argv.Length > 1 && int.TryParse(argv[1], out var v) ? v : 1;
                if (n > _st.Params.Length) { ShellError("shift: can't shift that many"); return 1; }
                _st.Params = _st.Params[n..];
                return 0;
            }
            case "trap": return Trap(argv);
            case "wait": return await Wait(argv);
            case "eval":
            {
                var text = string.Join(' ', argv.Skip(1));
                if (text.Length == 0) return 0;
                Node node;
                try { node = ScriptCache.Get(text); }
                catch (ShellSyntaxException e) { ShellError(e.Message); return Exit(2); }
                return await Run(node, false);
            }
            case "exec":
                // Only reached for "exec" with redirections and no command (see RunSimple).
                return 0;
            case "." or "source": return await Source(argv);
            case "local":
                foreach (var a in argv.Skip(1))
                {
                    var eq = a.IndexOf('=');
                    var n = eq < 0 ? a : a[..eq];
                    if (_funcDepth > 0)
                    {
                        _locals ??= new Dictionary<string, ShellVar?>();
                        if (!_locals.ContainsKey(n)) _locals[n] = _st.Vars.TryGetValue(n, out var old) ? old : null;
                    }
                    _st.Set(n, eq < 0 ? _st.Get(n) ?? "" : a[(eq + 1)..]);
                }
                return 0;
            case "read": return await Read(argv);
            case "command": return await CommandBuiltin(argv);
            case "type":
            {
                var status = 0;
                foreach (var a in argv.Skip(1))
                {
                    var where = Describe(a);
                    if (where is null) { _io.Stdout.Write($"{a}: not found\n"); status = 127; }
                    else _io.Stdout.Write($"{a} is {where}\n");
                }
                return status;
            }
            case "umask":
                if (argv.Length == 1) _io.Stdout.Write("0022\n");
                return 0;
            case "ulimit":
                if (argv.Length == 1 || argv[^1] is "-n" or "-a") _io.Stdout.Write("unlimited\n");
                return 0;
        }
        ShellError($"{name}: not found");
        return 127;
    }

    private bool _inDotScript;

    private int ParseStatus(string text, string builtin)
    {
        if (int.TryParse(text, out var n)) return n & 0xFF;
        ShellError($"{builtin}: Illegal number: {text}");
        return 2;
    }

    private int Cd(string[] argv)
    {
        var target = argv.Length > 1 ? argv[1] : _st.Get("HOME") ?? "/";
        if (target == "-") target = _st.Get("OLDPWD") ?? _proc.Cwd;
        var abs = ContainerFileSystem.Absolute(target, _proc.Cwd);
        var node = _proc.Container.FileSystem.Get(abs);
        if (node is not VDirectory)
        {
            var why = node is null ? "No such file or directory" : "Not a directory";
            ShellError(Flavor == Flavor.Gnu ? $"cd: can't cd to {target}" : $"cd: can't cd to {target}: {why}");
            return Flavor == Flavor.Gnu ? 2 : 1;
        }
        _st.Set("OLDPWD", _proc.Cwd);
        _proc.Cwd = abs;
        _st.Set("PWD", abs);
        return 0;
    }

    private int Export(string[] argv, bool readOnly)
    {
        if (argv.Length == 1 || argv[1] == "-p")
        {
            var sb = new StringBuilder();
            foreach (var name in _st.Vars.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var v = _st.Vars[name];
                if (readOnly ? v.ReadOnly : v.Exported)
                    sb.Append(readOnly ? "readonly " : "export ").Append(name).Append("='").Append(v.Value.Replace("'", "'\"'\"'")).Append("'\n");
            }
            _io.Stdout.Write(sb.ToString());
            return 0;
        }
        foreach (var a in argv.Skip(1))
        {
            var eq = a.IndexOf('=');
            var name = eq < 0 ? a : a[..eq];
            if (name.Length == 0 || !Lexer.IsNameStart(name[0]) || !name.All(Lexer.IsNameChar))
            {
                ShellError($"{(readOnly ? "readonly" : "export")}: {a}: bad variable name");
                return Exit(2);
            }
            _st.Vars.TryGetValue(name, out var v);
            if (v.ReadOnly && eq >= 0) { ShellError($"{name}: is read only"); return Exit(2); }
            if (eq >= 0) v.Value = a[(eq + 1)..];
            else v.Value ??= "";
            if (readOnly) v.ReadOnly = true; else v.Exported = true;
            _st.Vars[name] = v;
        }
        return 0;
    }

    private int Set(string[] argv)
    {
        if (argv.Length == 1)
        {
            var sb = new StringBuilder();
            foreach (var name in _st.Vars.Keys.OrderBy(k => k, StringComparer.Ordinal))
                sb.Append(name).Append("='").Append(_st.Vars[name].Value).Append("'\n");
            _io.Stdout.Write(sb.ToString());
            return 0;
        }
        for (var i = 1; i < argv.Length; i++)
        {
            var a = argv[i];
            if (a == "--") { _st.Params = argv[(i + 1)..]; return 0; }
            if (a.Length > 1 && (a[0] == '-' || a[0] == '+'))
            {
                var on = a[0] == '-';
                if (a[1..] == "o" && i + 1 < argv.Length)
                {
                    var opt = argv[++i];
                    if (opt == "errexit") _st.ErrExit = on;
                    else if (opt == "xtrace") _st.XTrace = on;
                    else if (opt == "nounset") _st.NoUnset = on;
                    else if (opt != "pipefail") { ShellError($"set: illegal option -o {opt}"); return 2; }
                    continue;
                }
                foreach (var c in a[1..])
                {
                    switch (c)
                    {
                        case 'e': _st.ErrExit = on; break;
                        case 'x': _st.XTrace = on; break;
                        case 'u': _st.NoUnset = on; break;
                        case 'o' or 'f' or 'm' or 'h' or 'v' or 'C': break;
                        default: ShellError($"set: illegal option -{c}"); return 2;
                    }
                }
                continue;
            }
            _st.Params = argv[i..];
            return 0;
        }
        return 0;
    }

    private int Trap(string[] argv)
    {
        if (argv.Length == 1)
        {
            foreach (var (sig, text) in _st.Traps.OrderBy(t => t.Key))
                _io.Stdout.Write($"trap -- '{text}' {(sig == 0 ? "EXIT" : Signals.Name((Signal)sig)[3..])}\n");
            return 0;
        }
        string? action;
        int first;
        if (argv.Length == 2) { action = null; first = 1; }
        else
        {
            action = argv[1] == "-" ? null : argv[1];
            first = 2;
            // "trap 15" style (a number first) means reset.
            if (int.TryParse(argv[1], out _)) { action = null; first = 1; }
        }
        var status = 0;
        for (var i = first; i < argv.Length; i++)
        {
            var s = argv[i];
            int number;
            if (s is "EXIT" or "0") number = 0;
            else if (Signals.TryParse(s, out var sig)) number = (int)sig;
            else { ShellError($"trap: {s}: bad trap"); status = 1; continue; }
            if (action is null) _st.Traps.Remove(number);
            else _st.Traps[number] = action;
        }
        return status;
    }

    private async Job Wait(string[] argv)
    {
        List<Process> targets;
        if (argv.Length > 1)
        {
            targets = new List<Process>();
            foreach (var a in argv.Skip(1))
            {
                var p = int.TryParse(a, out var pid) ? _st.Jobs.FirstOrDefault(j => j.Pid == pid) : null;
                if (p is null) { ShellError($"wait: pid {a} is not a child of this shell"); return 127; }
                targets.Add(p);
            }
        }
        else targets = new List<Process>(_st.Jobs);

        var status = 0;
        foreach (var child in targets)
        {
            if (!child.Exited)
            {
                var wait = new Promise();
                _waitInterrupt = wait;
                child.OnExit(() => wait.TrySetResult(-1));
                var r = await _proc.WaitFor(wait.Job);
                _waitInterrupt = null;
                if (r >= 128) return r; // interrupted by a trapped signal; the trap runs next
            }
            status = child.ExitCode;
            _st.Jobs.Remove(child);
        }
        return argv.Length > 1 ? status : 0;
    }

    private async Job Source(string[] argv)
    {
        if (argv.Length < 2) { ShellError(".: filename argument required"); return 2; }
        var err = _proc.Container.FileSystem.ReadFile(argv[1], _proc.Cwd, out var text);
        if (err != FsError.None) { ShellError($".: can't open '{argv[1]}'"); return Exit(2); }
        Node node;
        try { node = ScriptCache.Get(text); }
        catch (ShellSyntaxException e) { ShellError(e.Message); return Exit(2); }
        var saved = _inDotScript;
        _inDotScript = true;
        try
        {
            var status = await Run(node, false);
            if (_flow == Flow.Return) { _flow = Flow.None; status = _st.LastStatus; }
            return status;
        }
        finally { _inDotScript = saved; }
    }

    private async Job Read(string[] argv)
    {
        var names = argv.Skip(1).Where(a => !a.StartsWith('-')).ToList();
        if (names.Count == 0) names.Add("REPLY");
        var line = _io.In.ReadLine();
        // From a pipe still being written, wait for a complete line (or its end).
        while (line is null && _io.In.IsOpen)
        {
            await _proc.WaitFor(_io.In.WhenReadable());
            line = _io.In.ReadLine();
        }
        if (line is null) { foreach (var n in names) _st.Set(n, ""); return 1; }
        var ifs = Ifs;
        var fields = line.Split(ifs.ToCharArray(), names.Count, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < names.Count; i++)
            _st.Set(names[i], i < fields.Length ? (i == names.Count - 1 ? fields[i].Trim(ifs.ToCharArray()) : fields[i]) : "");
        return 0;
    }

    private string? Describe(string name)
    {
        if (_st.Functions.ContainsKey(name)) return "a function";
        if (IsShellBuiltin(name)) return "a shell builtin";
        var l = _proc.Container.Lookup(name, _proc.Cwd, _st.Get("PATH"));
        return l.Kind is LookupKind.Command or LookupKind.Script ? l.Path : null;
    }

    private async Job CommandBuiltin(string[] argv)
    {
        if (argv.Length > 2 && argv[1] is "-v" or "-V")
        {
            var status = 0;
            foreach (var a in argv.Skip(2))
            {
                if (_st.Functions.ContainsKey(a) || IsShellBuiltin(a)) { _io.Stdout.Write(a + "\n"); continue; }
                var l = _proc.Container.Lookup(a, _proc.Cwd, _st.Get("PATH"));
                if (l.Kind is LookupKind.Command or LookupKind.Script) _io.Stdout.Write(l.Path + "\n");
                else status = 1;
            }
            return status;
        }
        if (argv.Length == 1) return 0;
        var rest = argv[1..];
        if (IsShellBuiltin(rest[0])) return await RunBuiltin(rest[0], rest);
        return await RunExternal(rest, _io, null, null, inPlace: false, explicitExec: false);
    }
}
