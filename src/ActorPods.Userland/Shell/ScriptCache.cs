using System.Collections.Concurrent;

namespace ActorPods.Userland.Shell;

/// <summary>
/// Parsed scripts by text. Probes run the same few scripts millions of times; parsing once
/// makes each run a tree walk. Syntax errors are cached too. Bounded so generated scripts
/// cannot grow it forever. Thread-safe because several simulations may share the process.
/// </summary>
public static class ScriptCache
{
    private const int MaxEntries = 4096;
    private static readonly ConcurrentDictionary<string, object> Cache = new(StringComparer.Ordinal);

    /// <summary>The AST, or throws the (cached) <see cref="ShellSyntaxException"/>.</summary>
    public static Node Get(string script)
    {
        if (Cache.TryGetValue(script, out var cached))
            return cached as Node ?? throw new ShellSyntaxException(((ShellSyntaxException)cached).Message);
        object entry;
        try { entry = Parser.ParseScript(script); }
        catch (ShellSyntaxException e) { entry = e; }
        if (Cache.Count >= MaxEntries) Cache.Clear();
        Cache[script] = entry;
        return entry as Node ?? throw new ShellSyntaxException(((ShellSyntaxException)entry).Message);
    }
}
