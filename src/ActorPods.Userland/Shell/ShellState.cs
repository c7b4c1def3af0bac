using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Shell;

internal struct ShellVar
{
    public string Value;
    public bool Exported;
    public bool ReadOnly;
}

/// <summary>What a subshell copies from its parent: variables, functions, traps, options.</summary>
internal sealed class ShellState
{
    public Dictionary<string, ShellVar> Vars = new(StringComparer.Ordinal);
    public Dictionary<string, FunctionDef> Functions = new(StringComparer.Ordinal);
    /// <summary>Trap actions by signal number; 0 is EXIT. An empty action means "ignore".</summary>
    public Dictionary<int, string> Traps = new();
    public string Arg0 = "sh";
    public string[] Params = Array.Empty<string>();
    public int LastStatus;
    public int LastBackgroundPid;
    public int ShellPid;
    public bool ErrExit;
    public bool XTrace;
    public bool NoUnset;
    public List<Process> Jobs = new();

    public ShellState Clone() => new()
    {
        Vars = new Dictionary<string, ShellVar>(Vars, StringComparer.Ordinal),
        Functions = new Dictionary<string, FunctionDef>(Functions, StringComparer.Ordinal),
        // A subshell resets caught traps to default but keeps ignored ones (POSIX).
        Traps = Traps.Where(t => t.Value.Length == 0).ToDictionary(t => t.Key, t => t.Value),
        Arg0 = Arg0,
        Params = Params,
        LastStatus = LastStatus,
        LastBackgroundPid = LastBackgroundPid,
        ShellPid = ShellPid,
        ErrExit = ErrExit,
        XTrace = XTrace,
        NoUnset = NoUnset,
    };

    public string? Get(string name) => Vars.TryGetValue(name, out var v) ? v.Value : null;

    public bool Set(string name, string value, bool? export = null)
    {
        if (Vars.TryGetValue(name, out var v))
        {
            if (v.ReadOnly) return false;
            v.Value = value;
            if (export is { } e) v.Exported = e;
            Vars[name] = v;
        }
        else Vars[name] = new ShellVar { Value = value, Exported = export ?? false };
        return true;
    }

    public Dictionary<string, string> ExportedEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Vars) if (v.Exported) env[k] = v.Value;
        return env;
    }
}

/// <summary>Open file descriptors 0-9 of the running shell.</summary>
internal sealed class Fds
{
    public InputSource In;
    public readonly OutputSink?[] Out = new OutputSink?[10];

    public Fds(InputSource input, OutputSink stdout, OutputSink stderr)
    {
        In = input;
        Out[1] = stdout;
        Out[2] = stderr;
    }

    private Fds(Fds other)
    {
        In = other.In;
        Array.Copy(other.Out, Out, Out.Length);
    }

    public OutputSink Stdout => Out[1] ?? NullSink.Instance;
    public OutputSink Stderr => Out[2] ?? NullSink.Instance;

    public Fds Copy() => new(this);
}
