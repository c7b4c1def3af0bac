using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Commands;

/// <summary>Everything one command invocation sees: its process, argv, standard streams and
/// exported environment.</summary>
public sealed class CommandContext
{
    private IReadOnlyDictionary<string, string>? _env;
    private readonly Func<IReadOnlyDictionary<string, string>>? _envFactory;

    public CommandContext(Process process, string[] args, InputSource stdin, OutputSink stdout, OutputSink stderr,
        IReadOnlyDictionary<string, string>? env = null, Func<IReadOnlyDictionary<string, string>>? envFactory = null)
    {
        Process = process;
        Args = args;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        _env = env;
        _envFactory = envFactory;
    }

    public Process Process { get; }
    public Container Container => Process.Container;
    public ContainerFileSystem Fs => Process.Container.FileSystem;
    public Flavor Flavor => Process.Container.Image.Flavor;
    public bool Gnu => Flavor == Flavor.Gnu;

    /// <summary>argv, argv[0] included.</summary>
    public string[] Args { get; }
    public InputSource Stdin { get; }
    public OutputSink Stdout { get; }
    public OutputSink Stderr { get; }

    /// <summary>The exported environment (built on first use: most commands never look).</summary>
    public IReadOnlyDictionary<string, string> Env => _env ??= _envFactory?.Invoke() ?? Process.Container.Environment;

    public string Cwd => Process.Cwd;
    public DateTimeOffset Now => Process.Container.Host.Now;

    /// <summary>The applet name for messages ("cat" for "/bin/cat").</summary>
    public string Name
    {
        get
        {
            var a = Args[0];
            var slash = a.LastIndexOf('/');
            return slash < 0 ? a : a[(slash + 1)..];
        }
    }

    /// <summary>The prefix of error messages: busybox uses the applet name ("cat"), GNU tools
    /// the argv[0] they were invoked by ("/bin/cat").</summary>
    public string ProgramName => Gnu ? Args[0] : Name;

    /// <summary>Writes "name: message" to stderr and returns <paramref name="code"/>.</summary>
    public int Fail(string message, int code = 1)
    {
        Stderr.Write(ProgramName + ": " + message + "\n");
        return code;
    }

    public string Abs(string path) => ContainerFileSystem.Absolute(path, Cwd);
}
