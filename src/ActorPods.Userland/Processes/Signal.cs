namespace ActorPods.Userland.Processes;

/// <summary>Linux signal numbers (x86-64/arm64 values, which is what exit codes 128+N use).</summary>
public enum Signal
{
    SIGHUP = 1,
    SIGINT = 2,
    SIGQUIT = 3,
    SIGKILL = 9,
    SIGUSR1 = 10,
    SIGUSR2 = 12,
    SIGPIPE = 13,
    SIGALRM = 14,
    SIGTERM = 15,
    SIGCHLD = 17,
    SIGCONT = 18,
    SIGSTOP = 19,
    SIGWINCH = 28,
}

public static class Signals
{
    /// <summary>Parses "TERM", "SIGTERM", "15" (kill/trap/stopSignal syntax).</summary>
    public static bool TryParse(string text, out Signal signal)
    {
        signal = default;
        if (int.TryParse(text, out var n))
        {
            if (n <= 0 || n > 64) return false;
            signal = (Signal)n;
            return true;
        }
        var upper = text.ToUpperInvariant();
        if (!upper.StartsWith("SIG", StringComparison.Ordinal)) upper = "SIG" + upper;
        return Enum.TryParse(upper, out signal) && Enum.IsDefined(signal);
    }

    public static string Name(Signal s) => Enum.IsDefined(s) ? s.ToString() : ((int)s).ToString();

    /// <summary>Signals whose default action is to ignore (so they never kill anybody).</summary>
    public static bool DefaultIgnored(Signal s) => s is Signal.SIGCHLD or Signal.SIGWINCH or Signal.SIGCONT;
}
