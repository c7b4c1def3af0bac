using System.Collections.Concurrent;
using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Hosting;
using ActorPods.Userland.Images;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Processes;

public enum ContainerState { Created, Running, Exited }

/// <summary>
/// One container: its filesystem, processes (PID 1 = the main command), exec sessions, logs
/// and memory accounting. Single-threaded: every method must be called from the host's
/// logical thread, and every callback it makes runs there too. Callbacks can be re-entrant:
/// <see cref="Exited"/> may fire inside <see cref="Start"/> or <see cref="Signal"/>, and an
/// exec's completion inside <see cref="Exec"/>; an actor that dislikes that posts to itself.
/// </summary>
public sealed partial class Container
{
    private readonly Dictionary<int, Process> _processes = new();
    private int _nextPid = 1;
    private LogLineSink? _stdout;
    private LogLineSink? _stderr;
    private bool _oomKilled;
    private IHostTimer? _oomTimer;
    private string _exitMessage = "";

    public Container(ContainerSpec spec, ContainerImage image, ContainerContext context)
    {
        Spec = spec;
        Image = image;
        Context = context;
        Host = context.Host;
        PodIp = context.Pod.Ip;
        Network = new NetworkStack(context.Pod, context.Cluster, context.Dns);

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in image.Env) env[k] = v;
        env["HOSTNAME"] = spec.Hostname;
        env.TryAdd("HOME", "/root");
        // Kubernetes expands $(VAR) in env values using variables defined before them.
        foreach (var (k, v) in spec.Env) env[k] = ContainerSpec.ExpandKubeVars(v, env);
        Environment = env;

        FileSystem = new ContainerFileSystem(
            spec.ServiceAccount ? image.NewRootFileSystem(ServiceAccountPath) : image.NewRootFileSystem(), () => Host.Now);
        SetUpSpecialFiles();
        foreach (var m in spec.Mounts)
            FileSystem.Mount(m.MountPath, m.SubPath is null ? m.Volume.Root : m.Volume.SubPath(m.SubPath), m.ReadOnly);
    }

    public ContainerSpec Spec { get; }
    public ContainerImage Image { get; }
    public ContainerContext Context { get; }
    public IUserlandHost Host { get; }

    /// <summary>The pod's IP (fixed for the pod's network namespace), kept here: every httpGet probe reads it, and
    /// through the context and the pod network it was two cold objects away.</summary>
    public string PodIp { get; }

    public NetworkStack Network { get; }
    public ContainerFileSystem FileSystem { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public ContainerState State { get; private set; } = ContainerState.Created;

    /// <summary>$RANDOM and anything else random inside this container (deterministic).</summary>
    public Random Random => _random ??= Context.Random ?? new Random(StableSeed(Spec.Hostname + "/" + Spec.Name));

    private Random? _random;

    private static int StableSeed(string text)
    {
        // string.GetHashCode is randomised per process; this one is not.
        var h = 17;
        foreach (var c in text) h = unchecked(h * 31 + c);
        return h;
    }
    public Process? MainProcess { get; private set; }
    public ContainerExit? ExitStatus { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Called once when PID 1 ends (or could not start).</summary>
    public event Action<ContainerExit>? Exited;

    public IEnumerable<Process> Processes => _processes.Values;

    /// <summary>The signal the runtime sends to stop this container (the image's STOPSIGNAL).</summary>
    public Signal StopSignal => Image.StopSignal;

    private void SetUpSpecialFiles()
    {
        FileSystem.MakeDirectory("/dev", "/", true);
        FileSystem.MakeDirectory("/proc/1/fd", "/", true);
        FileSystem.Put("/dev/null", "/", new VDevice(_ => { }));
        FileSystem.Put("/dev/zero", "/", new VDevice(_ => { }));
        // Hooks write to PID 1's stdout to reach `kubectl logs`.
        FileSystem.Put("/proc/1/fd/1", "/", new VDevice(t => _stdout?.Write(t)));
        FileSystem.Put("/proc/1/fd/2", "/", new VDevice(t => _stderr?.Write(t)));
        FileSystem.WriteFile("/etc/hostname", "/", Spec.Hostname + "\n", false);
        FileSystem.WriteFile("/etc/hosts", "/",
            $"127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n{PodIp}\t{Spec.Hostname}\n", false);
        FileSystem.WriteFile("/etc/resolv.conf", "/",
            $"search {Spec.Namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver {Context.Dns.ServerAddress}\noptions ndots:5\n", false);
        if (Spec.ServiceAccount)
            FileSystem.Mount(ServiceAccountPath, ServiceAccountFiles(Spec.Namespace), readOnly: true);
    }

    private const string ServiceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    private const int MaxServiceAccountNamespaces = 1024;
    private static readonly ConcurrentDictionary<string, VDirectory> s_serviceAccountFiles = new(StringComparer.Ordinal);

    /// <summary>
    /// The service-account projection of a namespace. It is mounted read-only, so no container can change it: one
    /// shared (frozen) tree per namespace serves every container instead of a new volume each.
    /// </summary>
    private static VDirectory ServiceAccountFiles(string ns)
    {
        if (s_serviceAccountFiles.TryGetValue(ns, out var shared)) return shared;
        var root = Volume.FromFiles(new Dictionary<string, string>
        {
            ["namespace"] = ns,
            ["token"] = "eyJhbGciOiJSUzI1NiJ9.simulated.token",
            ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n",
        }).Root;
        root.Share();
        return s_serviceAccountFiles.Count < MaxServiceAccountNamespaces ? s_serviceAccountFiles.GetOrAdd(ns, root) : root;
    }

    /// <summary>argv for PID 1 the way the runtime builds it from spec and image.</summary>
    public string[] MainArgv()
    {
        IEnumerable<string> argv;
        if (Spec.Command is { Count: > 0 }) argv = Spec.Command.Concat(Spec.Args ?? Array.Empty<string>());
        else if (Spec.Args is { Count: > 0 }) argv = Image.Entrypoint.Concat(Spec.Args);
        else argv = Image.Entrypoint.Concat(Image.Cmd);
        return argv.Select(a => ContainerSpec.ExpandKubeVars(a, Environment)).ToArray();
    }

    /// <summary>Starts PID 1. A missing executable fails the start (exit 128, StartError),
    /// reported through <see cref="Exited"/> synchronously.</summary>
    public void Start()
    {
        if (State != ContainerState.Created) throw new InvalidOperationException("container already started");
        StartedAt = Host.Now;
        var argv = MainArgv();
        var cwd = Spec.WorkingDir ?? Image.WorkingDir;
        if (argv.Length == 0)
        {
            Fail("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: no command specified: unknown");
            return;
        }
        if (FileSystem.Get(cwd) is not VDirectory) FileSystem.MakeDirectory(cwd, "/", true);
        var lookup = Lookup(argv[0], cwd, Environment.GetValueOrDefault("PATH"));
        if (lookup.Kind is LookupKind.NotFound or LookupKind.NotExecutable)
        {
            Fail(StartErrorMessage(argv[0], lookup.Kind));
            return;
        }
        State = ContainerState.Running;
        _stdout = new LogLineSink(Context.Log, Host, LogStream.Stdout);
        _stderr = new LogLineSink(Context.Log, Host, LogStream.Stderr);
        var pid1 = Spawn(null, Shell.Interpreter.ProcessName(argv[0]), cwd);
        MainProcess = pid1;
        if (lookup.Kind == LookupKind.Script) argv = new[] { "sh", lookup.Path! }.Concat(argv.Skip(1)).ToArray();
        var ctx = new CommandContext(pid1, argv, InputSource.Empty, _stdout, _stderr, Environment);
        var job = lookup.Command!.Run(ctx);
        job.OnDone(pid1.Exit);
    }

    private static string StartErrorMessage(string argv0, LookupKind kind)
    {
        var what = kind == LookupKind.NotExecutable
            ? $"exec: \"{argv0}\": permission denied"
            : argv0.Contains('/')
                ? $"exec: \"{argv0}\": stat {argv0}: no such file or directory"
                : $"exec: \"{argv0}\": executable file not found in $PATH";
        return $"failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: {what}: unknown";
    }

    private void Fail(string message)
    {
        State = ContainerState.Exited;
        ExitStatus = new ContainerExit(128, "StartError", message, Host.Now);
        Exited?.Invoke(ExitStatus);
    }

    /// <summary>Sends a signal to PID 1 (what `docker kill -s` / CRI StopContainer do).</summary>
    public void Signal(Signal signal)
    {
        if (State != ContainerState.Running) return;
        MainProcess?.Signal(signal);
    }

    /// <summary>Kills everything now (SIGKILL to PID 1 takes the whole PID namespace down).</summary>
    public void Kill() => Signal(global::ActorPods.Userland.Processes.Signal.SIGKILL);

    /// <summary>Creates a process; PID 1 is the first.</summary>
    internal Process Spawn(Process? parent, string name, string cwd)
    {
        var p = new Process(this, _nextPid++, parent, name, cwd);
        _processes[p.Pid] = p;
        return p;
    }

    public Process? FindProcess(int pid) => _processes.GetValueOrDefault(pid);

    internal void ProcessExited(Process p)
    {
        _processes.Remove(p.Pid);
        if (p.Memory.Bytes > MemoryProfile.Small.Bytes || p.Memory.GrowthPerSecond > 0) MemoryChanged();
        if (p != MainProcess) return;
        // PID 1 gone: the kernel kills the rest of the namespace.
        foreach (var other in _processes.Values.ToList()) other.Die(global::ActorPods.Userland.Processes.Signal.SIGKILL);
        _oomTimer?.Cancel();
        _stdout?.Flush();
        _stderr?.Flush();
        State = ContainerState.Exited;
        var code = p.ExitCode;
        var reason = _oomKilled ? "OOMKilled" : code == 0 ? "Completed" : "Error";
        ExitStatus = new ContainerExit(code, reason, _exitMessage, Host.Now);
        Exited?.Invoke(ExitStatus);
    }

    /// <summary>Writes a line to the container log as if PID 1 printed it.</summary>
    internal void Log(LogStream stream, string line) => (stream == LogStream.Stdout ? _stdout : _stderr)?.WriteLine(line);

    /// <summary>Log(stream, head + tail) without building the line (see <see cref="ILogSink"/>).</summary>
    internal void Log(LogStream stream, string head, string tail) => (stream == LogStream.Stdout ? _stdout : _stderr)?.WriteLine(head, tail);

    /// <summary>What writing a line to <paramref name="stream"/> reads (see <see cref="ReadRecorder"/>).</summary>
    internal void AddLogReads(LogStream stream, ref ReadRecorder reads) => (stream == LogStream.Stdout ? _stdout : _stderr)?.AddReads(ref reads);
}
