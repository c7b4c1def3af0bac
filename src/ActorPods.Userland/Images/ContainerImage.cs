using ActorPods.Userland.Commands;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Images;

/// <summary>
/// One image as the runtime sees it after catalog resolution: default command, environment,
/// files, installed tools and programs. Immutable and shared by every container of the image;
/// each container gets its own copy-on-write view of the file tree (<see cref="NewRootFileSystem"/>).
/// </summary>
public sealed class ContainerImage
{
    private readonly VDirectory _files;
    private readonly Dictionary<string, (ProgramDefinition Def, ICommand Command)> _programsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ProgramDefinition Def, ICommand Command)> _programsByName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tools;

    internal ContainerImage(string reference, ImageDefinition def)
    {
        Reference = reference;
        Id = def.Id ?? def.Names.FirstOrDefault() ?? "default";
        Description = def.Description;
        Flavor = string.Equals(def.Flavor, "gnu", StringComparison.OrdinalIgnoreCase) ? Flavor.Gnu : Flavor.Busybox;
        Entrypoint = def.Entrypoint?.ToArray() ?? Array.Empty<string>();
        Cmd = def.Cmd?.ToArray() ?? Array.Empty<string>();
        WorkingDir = string.IsNullOrEmpty(def.WorkingDir) ? "/" : def.WorkingDir;
        StopSignal = def.StopSignal is { } s && Signals.TryParse(s, out var sig) ? sig : Signal.SIGTERM;
        LegacyNslookup = string.Equals(def.Nslookup, "legacy", StringComparison.OrdinalIgnoreCase);
        Sh = def.Sh?.ToLowerInvariant() switch
        {
            null => Flavor == Flavor.Gnu ? ShellDialect.Dash : ShellDialect.Ash,
            "ash" => ShellDialect.Ash,
            "dash" => ShellDialect.Dash,
            "bash" => ShellDialect.Bash,
            var other => throw new FormatException($"{Id}: sh must be ash, dash or bash, not '{other}'"),
        };

        var env = new List<KeyValuePair<string, string>>
        {
            new("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        };
        if (def.Env is not null)
            foreach (var (k, v) in def.Env)
            {
                env.RemoveAll(e => e.Key == k);
                env.Add(new(k, v));
            }
        Env = env;

        _tools = ToolSets.For(Flavor, def.Tools);

        _files = new VDirectory();
        foreach (var dir in new[] { "/bin", "/etc", "/tmp", "/var/log", "/usr/bin", "/usr/sbin", "/root", "/proc", "/dev", "/home", "/opt", "/var/run", "/run" })
            EnsureDirectory(dir);
        EnsureDirectory(WorkingDir);
        if (def.Files is not null)
            foreach (var (path, content) in def.Files)
            {
                if (path.EndsWith('/')) EnsureDirectory(path);
                else AddFile(path, content, executable: content.StartsWith("#!", StringComparison.Ordinal));
            }
        if (def.Programs is not null)
            foreach (var p in def.Programs)
            {
                var command = Programs.ProgramFactory.Create(p);
                _programsByPath[p.Path] = (p, command);
                _programsByName[Path.GetFileName(p.Path)] = (p, command);
                if (p.Aliases is not null) foreach (var a in p.Aliases) _programsByName[a] = (p, command);
                if (!_files.Children.ContainsKey(p.Path) && Get(p.Path) is null) AddFile(p.Path, "\u007fELF", executable: true);
            }
        // From here on the tree is the image layer every container of the image reads: it never changes again.
        _files.Share();
    }

    public string Reference { get; }
    public string Id { get; }
    public string? Description { get; }
    public Flavor Flavor { get; }
    public IReadOnlyList<string> Entrypoint { get; }
    public IReadOnlyList<string> Cmd { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; }
    public string WorkingDir { get; }
    /// <summary>STOPSIGNAL of the image: what the runtime sends on stop (nginx uses SIGQUIT).</summary>
    public Signal StopSignal { get; }
    public bool LegacyNslookup { get; }

    /// <summary>What /bin/sh is in this image.</summary>
    public ShellDialect Sh { get; }

    /// <summary>The dialect a shell invoked as <paramref name="name"/> speaks.</summary>
    public ShellDialect DialectFor(string name) => name switch
    {
        "bash" => ShellDialect.Bash,
        "dash" => ShellDialect.Dash,
        "ash" => ShellDialect.Ash,
        _ => Sh,
    };

    public bool HasTool(string name) => _tools.Contains(name);

    public IEnumerable<string> Tools => _tools;

    /// <summary>An image program by absolute path, or null.</summary>
    public ICommand? ProgramAt(string path) => _programsByPath.TryGetValue(path, out var p) ? p.Command : null;

    /// <summary>An image program by name (found via PATH) and its install path, or null.</summary>
    public (ICommand Command, string Path)? ProgramNamed(string name) =>
        _programsByName.TryGetValue(name, out var p) ? (p.Command, p.Def.Path) : null;

    /// <summary>
    /// A container's root directory: its own (copied up), every entry below still the image's shared node until the
    /// container changes it (<see cref="ContainerFileSystem.ResolveForWrite"/>). ~15 entries instead of the whole tree.
    /// </summary>
    public VDirectory NewRootFileSystem() => (VDirectory)_files.CopyUp();

    private VNode? Get(string path)
    {
        VNode node = _files;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not VDirectory d || !d.Children.TryGetValue(part, out var child)) return null;
            node = child;
        }
        return node;
    }

    private VDirectory EnsureDirectory(string path)
    {
        var dir = _files;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!dir.Children.TryGetValue(part, out var child) || child is not VDirectory d)
                dir.Children[part] = d = new VDirectory();
            dir = d;
        }
        return dir;
    }

    private void AddFile(string path, string content, bool executable)
    {
        var slash = path.LastIndexOf('/');
        var dir = EnsureDirectory(slash <= 0 ? "/" : path[..slash]);
        dir.Children[path[(slash + 1)..]] = new VFile(content, executable);
    }

    public override string ToString() => $"{Reference} ({Id})";
}
