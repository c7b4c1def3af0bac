using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Shell;

/// <summary>
/// Runs a parsed script inside one process. Control flow (break/continue/return/exit) is a
/// flag checked after each command instead of exceptions, which keeps short scripts cheap.
/// A subshell, $(...) or background job is a new Interpreter over a copy of the state.
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>Commands run before yielding to the host at the same virtual instant, so a
    /// busy loop cannot starve the simulation.</summary>
    internal const int StepBudget = 10_000;

    private enum Flow { None, Break, Continue, Return, Exit }

    private readonly Process _proc;
    private readonly ShellState _st;
    // _st.ExportedEnvironment as a delegate made once (every utility builtin's context gets it: echo, test, printf...).
    private Func<IReadOnlyDictionary<string, string>>? _exportedEnvironment;
    private readonly string _shellName;
    private Fds _io;
    private Flow _flow;
    private int _flowCount;
    private int _steps;
    private int _funcDepth;
    private int _loopDepth;
    private readonly Queue<Signal> _pendingSignals = new();
    private Promise? _waitInterrupt;
    private bool _inTrap;
    /// <summary>Inside an if/while/until condition or left of &amp;&amp;/||: set -e does not apply.</summary>
    private int _conditionDepth;
    /// <summary>True for ( ), $( ) and traps' own runs: same process as the parent shell.</summary>
    private readonly bool _isSubshell;

    public Interpreter(Process proc, ShellState state, Fds io, string shellName, bool isSubshell)
    {
        _proc = proc;
        _st = state;
        _io = io;
        _shellName = shellName;
        _isSubshell = isSubshell;
    }

    private Flavor Flavor => _proc.Container.Image.Flavor;

    private ShellDialect Dialect => _proc.Container.Image.DialectFor(_shellName);

    /// <summary>The prefix of the shell's own error messages: ash "sh: ", dash "sh: 1: ",
    /// bash "bash: line 1: " (the line is approximated as 1).</summary>
    private string ErrPrefix => ShellPrefix(Dialect, _shellName);

    internal static string ShellPrefix(ShellDialect dialect, string shellName) => dialect switch
    {
        ShellDialect.Dash => shellName + ": 1: ",
        ShellDialect.Bash => shellName + ": line 1: ",
        _ => shellName + ": ",
    };

    private void ShellError(string message) => _io.Stderr.Write(ErrPrefix + message + "\n");

    public void InstallSignalHandler() => _proc.SignalHandler = OnSignal;

    private bool OnSignal(Signal signal)
    {
        if (!_st.Traps.TryGetValue((int)signal, out var action)) return false;
        if (action.Length == 0) return true; // trap '' SIG: ignored
        _pendingSignals.Enqueue(signal);
        // `wait` is interruptible: the trap runs at once (the `sleep 600 & wait` idiom).
        _waitInterrupt?.TrySetResult(128 + (int)signal);
        return true;
    }

    /// <summary>Runs a whole script; returns the shell's exit status (after the EXIT trap).</summary>
    public async Job RunScript(Node script)
    {
        // Only a shell with a process of its own may exec its last command in place.
        var status = await Run(script, tail: !_isSubshell);
        status = _flow is Flow.Exit or Flow.Return ? _st.LastStatus : status;
        _st.LastStatus = status;
        if (_pendingSignals.Count > 0) await RunPendingTraps();
        if (_st.Traps.TryGetValue(0, out var exitTrap) && exitTrap.Length > 0 && !_isSubshell)
        {
            _st.Traps.Remove(0);
            _flow = Flow.None;
            await RunTrapText(exitTrap);
        }
        return _st.LastStatus;
    }

    private async Job Step()
    {
        if (++_steps < StepBudget) return 0;
        _steps = 0;
        await _proc.Delay(_proc.Container.Context.BusyLoopSlice);
        return 0;
    }

    private int SetStatus(int status)
    {
        _st.LastStatus = status;
        return status;
    }

    private async Job Run(Node node, bool tail)
    {
        Fds? saved = null;
        if (node.Redirects.Length > 0 && node is not SimpleCommand)
        {
            var redirected = await ApplyRedirects(node.Redirects);
            if (redirected is null) return SetStatus(1);
            saved = _io;
            _io = redirected;
        }
        try
        {
            switch (node)
            {
                case SimpleCommand sc: return await RunSimple(sc, tail);
                case CommandList list: return await RunList(list, tail);
                case AndOr ao: return await RunAndOr(ao, tail);
                case Pipeline p: return await RunPipeline(p);
                case IfNode n: return await RunIf(n, tail);
                case LoopNode loop: return await RunLoop(loop);
                case ForNode f: return await RunFor(f);
                case CaseNode c: return await RunCase(c, tail);
                case GroupNode g: return await Run(g.Body, tail);
                case SubshellNode s: return await RunSubshell(s.Body);
                case SyntaxErrorNode err:
                    ShellError(err.Message);
                    return Exit(2);
                case FunctionDef fd:
                    _st.Functions[fd.Name] = fd;
                    return SetStatus(0);
                default:
                    ShellError($"unsupported: {node.GetType().Name}");
                    return SetStatus(2);
            }
        }
        finally
        {
            if (saved is not null) _io = saved;
        }
    }

    private async Job RunList(CommandList list, bool tail)
    {
        var status = _st.LastStatus;
        var items = list.Items;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item.Background)
            {
                StartBackground(item.Command);
                status = SetStatus(0);
            }
            else status = await Run(item.Command, tail && i == items.Length - 1);
            if (_flow != Flow.None) return status;
            if (_pendingSignals.Count > 0) { await RunPendingTraps(); if (_flow != Flow.None) return _st.LastStatus; }
            if (_st.ErrExit && status != 0 && _conditionDepth == 0 && !(item.Command is AndOr or Pipeline { Negated: true })) return Exit(status);
        }
        return status;
    }

    private async Job RunAndOr(AndOr ao, bool tail)
    {
        _conditionDepth++;
        int status;
        try { status = await Run(ao.Left, false); }
        finally { _conditionDepth--; }
        if (_flow != Flow.None) return status;
        if (_pendingSignals.Count > 0) { await RunPendingTraps(); if (_flow != Flow.None) return _st.LastStatus; }
        if ((status == 0) != ao.IsAnd) return status;
        return await Run(ao.Right, tail);
    }

    private async Job RunIf(IfNode n, bool tail)
    {
        _conditionDepth++;
        int cond;
        try { cond = await Run(n.Condition, false); }
        finally { _conditionDepth--; }
        if (_flow != Flow.None) return cond;
        if (cond == 0) return await Run(n.Then, tail);
        if (n.Else is not null) return await Run(n.Else, tail);
        return SetStatus(0);
    }

    private async Job RunLoop(LoopNode loop)
    {
        var status = 0;
        _loopDepth++;
        try
        {
            while (true)
            {
                await Step();
                _conditionDepth++;
                int cond;
                try { cond = await Run(loop.Condition, false); }
                finally { _conditionDepth--; }
                if (_flow == Flow.Break) { ConsumeLoopFlow(); break; }
                if (_flow == Flow.Continue) { ConsumeLoopFlow(); if (_flow != Flow.None) break; continue; }
                if (_flow != Flow.None) return cond;
                if ((cond == 0) == loop.Until) break;
                status = await Run(loop.Body, false);
                if (_flow == Flow.Break) { ConsumeLoopFlow(); break; }
                if (_flow == Flow.Continue) { ConsumeLoopFlow(); if (_flow != Flow.None) break; continue; }
                if (_flow != Flow.None) return status;
            }
        }
        finally { _loopDepth--; }
        return SetStatus(status);
    }

    /// <summary>"break N" leaves N loops: consume one level, keep the flag for the rest.</summary>
    private void ConsumeLoopFlow()
    {
        if (--_flowCount <= 0) { _flow = Flow.None; _flowCount = 0; }
        else _flow = Flow.Break;
    }

    private async Job RunFor(ForNode f)
    {
        List<string> values;
        if (f.Items is null) values = new List<string>(_st.Params);
        else
        {
            values = new List<string>();
            foreach (var w in f.Items) await ExpandWord(w, values, split: true);
        }
        var status = 0;
        _loopDepth++;
        try
        {
            foreach (var v in values)
            {
                await Step();
                if (!_st.Set(f.Variable, v)) { ShellError($"{f.Variable}: is read only"); return SetStatus(2); }
                status = await Run(f.Body, false);
                if (_flow == Flow.Break) { ConsumeLoopFlow(); break; }
                if (_flow == Flow.Continue) { ConsumeLoopFlow(); if (_flow != Flow.None) break; continue; }
                if (_flow != Flow.None) return status;
            }
        }
        finally { _loopDepth--; }
        return SetStatus(status);
    }

    private async Job RunCase(CaseNode c, bool tail)
    {
        var subject = await ExpandToString(c.Subject);
        foreach (var item in c.Items)
        {
            foreach (var p in item.Patterns)
            {
                var pattern = await ExpandPattern(p);
                if (!Glob.Match(pattern, subject)) continue;
                return item.Body is null ? SetStatus(0) : await Run(item.Body, tail);
            }
        }
        return SetStatus(0);
    }

    private async Job RunSubshell(Node body)
    {
        var sub = new Interpreter(_proc, _st.Clone(), _io, _shellName, isSubshell: true);
        var status = await sub.RunScript(body);
        return SetStatus(status);
    }

    private async Job RunPipeline(Pipeline p)
    {
        if (p.Commands.Length == 1)
        {
            var single = await Run(p.Commands[0], false);
            return SetStatus(p.Negated ? (single == 0 ? 1 : 0) : single);
        }
        // All stages run at once, each as a subshell, connected by pipes: a writer that never
        // ends (while true; do ...; done | tee log) streams to its reader; a reader that quits
        // early (| head -n 1, | grep -q) makes the writer die of SIGPIPE.
        var n = p.Commands.Length;
        var jobs = new Job[n];
        InputSource? previous = null;
        for (var i = 0; i < n; i++)
        {
            var io = _io.Copy();
            if (previous is not null) io.In = previous;
            InputSource? pipe = null;
            if (i < n - 1)
            {
                pipe = InputSource.Pipe();
                io.Out[1] = new PipeSink(pipe);
            }
            var stage = new Interpreter(_proc, _st.Clone(), io, _shellName, isSubshell: true);
            var job = stage.RunScript(p.Commands[i]);
            if (pipe is not null) job.OnDone(_ => pipe.Close());
            var input = previous;
            if (input is not null) job.OnDone(_ => input.ReaderGone = true);
            jobs[i] = job;
            previous = pipe;
        }
        var status = 0;
        for (var i = 0; i < n; i++) status = await _proc.WaitFor(jobs[i]);
        return SetStatus(p.Negated ? (status == 0 ? 1 : 0) : status);
    }

    private void StartBackground(Node node)
    {
        var child = _proc.Container.Spawn(_proc, _proc.Name, _proc.Cwd);
        var io = _io.Copy();
        // Background jobs of a non-interactive shell read /dev/null.
        io.In = InputSource.Empty;
        var sub = new Interpreter(child, _st.Clone(), io, _shellName, isSubshell: false);
        sub._st.Jobs = new List<Process>();
        sub.InstallSignalHandler();
        _st.Jobs.Add(child);
        _st.LastBackgroundPid = child.Pid;
        sub.RunScript(node).OnDone(code => child.Exit(code));
    }

    private int Exit(int status)
    {
        _st.LastStatus = status;
        _flow = Flow.Exit;
        return status;
    }

    private async Job RunPendingTraps()
    {
        if (_inTrap) return 0;
        _inTrap = true;
        try
        {
            while (_pendingSignals.Count > 0)
            {
                var sig = _pendingSignals.Dequeue();
                if (!_st.Traps.TryGetValue((int)sig, out var action) || action.Length == 0) continue;
                var savedStatus = _st.LastStatus;
                await RunTrapText(action);
                if (_flow == Flow.Exit) return 0;
                _st.LastStatus = savedStatus;
            }
        }
        finally { _inTrap = false; }
        return 0;
    }

    private async Job RunTrapText(string action)
    {
        Node node;
        try { node = ScriptCache.Get(action); }
        catch (ShellSyntaxException e) { ShellError(e.Message); return 2; }
        return await Run(node, false);
    }
}
