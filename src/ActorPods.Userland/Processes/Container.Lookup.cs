using ActorPods.Userland.Commands;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Processes;

public sealed partial class Container
{
    private static readonly string[] DefaultPath = { "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };

    private static bool IsBinDirectory(string dir) => Array.IndexOf(DefaultPath, dir) >= 0;

    /// <summary>
    /// What argv[0] runs: an image program (its file must still exist: delete the binary and
    /// it is gone), an installed utility (by name, or by path in a standard bin directory), a
    /// script file, or nothing.
    /// </summary>
    public CommandLookup Lookup(string name, string cwd, string? path)
    {
        if (name.Length == 0) return CommandLookup.NotFound;
        if (name.Contains('/'))
        {
            var abs = ContainerFileSystem.Absolute(name, cwd);
            var node = FileSystem.Get(abs);
            if (node is VDirectory) return new CommandLookup(LookupKind.NotExecutable, null, abs);
            if (Image.ProgramAt(abs) is { } prog && node is not null) return new CommandLookup(LookupKind.Command, prog, abs);
            var slash = abs.LastIndexOf('/');
            var dir = slash <= 0 ? "/" : abs[..slash];
            var baseName = abs[(slash + 1)..];
            if (node is VFile file)
            {
                if (IsBinDirectory(dir) && Utility(baseName) is { } u && !file.Content.StartsWith("#!", StringComparison.Ordinal))
                    return new CommandLookup(LookupKind.Command, u, abs);
                return new CommandLookup(LookupKind.Script, ShellProgram, abs);
            }
            if (node is null && IsBinDirectory(dir) && Utility(baseName) is { } util)
                return new CommandLookup(LookupKind.Command, util, abs);
            return CommandLookup.NotFound;
        }

        if (Image.ProgramNamed(name) is { } named && FileSystem.Get(named.Path) is VFile)
            return new CommandLookup(LookupKind.Command, named.Command, named.Path);
        if (Utility(name) is { } utility)
            return new CommandLookup(LookupKind.Command, utility, "/bin/" + name);
        foreach (var dir in path is null ? DefaultPath : path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = dir.EndsWith('/') ? dir + name : dir + "/" + name;
            if (FileSystem.Get(candidate) is VFile)
            {
                if (Image.ProgramAt(candidate) is { } p) return new CommandLookup(LookupKind.Command, p, candidate);
                return new CommandLookup(LookupKind.Script, ShellProgram, candidate);
            }
        }
        return CommandLookup.NotFound;
    }

    private ICommand? Utility(string name)
    {
        if (!Image.HasTool(name)) return null;
        return CommandRegistry.Default.Get(name) ?? new UnsupportedCommand(name);
    }

    private static ICommand ShellProgram => CommandRegistry.Default.Get("sh")!;
}
