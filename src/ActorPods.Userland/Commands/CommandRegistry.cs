namespace ActorPods.Userland.Commands;

/// <summary>
/// The utilities the userland knows, by name. Whether one is present in a given container is
/// the image's business (its tool set); this only says how each behaves.
/// </summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<string, ICommand> _commands = new(StringComparer.Ordinal);

    public static CommandRegistry Default { get; } = CreateDefault();

    public ICommand? Get(string name) => _commands.GetValueOrDefault(name);

    public IEnumerable<string> Names => _commands.Keys;

    public void Add(ICommand command, params string[] aliases)
    {
        _commands[command.Name] = command;
        foreach (var a in aliases) _commands[a] = command;
    }

    private static CommandRegistry CreateDefault()
    {
        var r = new CommandRegistry();
        r.Add(new ShellCommand(), "ash", "dash", "bash");
        r.Add(new EchoCommand());
        r.Add(new PrintfCommand());
        r.Add(new TrueCommand());
        r.Add(new FalseCommand());
        r.Add(new SleepCommand());
        r.Add(new CatCommand());
        r.Add(new LsCommand());
        r.Add(new TestCommand(), "[");
        r.Add(new TouchCommand());
        r.Add(new RmCommand());
        r.Add(new RmdirCommand());
        r.Add(new MkdirCommand());
        r.Add(new CpCommand());
        r.Add(new MvCommand());
        r.Add(new TeeCommand());
        r.Add(new DateCommand());
        r.Add(new EnvCommand(), "printenv");
        r.Add(new HostnameCommand());
        r.Add(new KillCommand());
        r.Add(new KillallCommand());
        r.Add(new PidofCommand());
        r.Add(new PsCommand());
        r.Add(new NslookupCommand());
        r.Add(new PingCommand());
        r.Add(new WgetCommand());
        r.Add(new CurlCommand());
        r.Add(new NcCommand());
        r.Add(new GrepCommand(), "egrep");
        r.Add(new WcCommand());
        r.Add(new HeadCommand());
        r.Add(new TailCommand());
        r.Add(new CutCommand());
        r.Add(new SortCommand());
        r.Add(new UniqCommand());
        r.Add(new TrCommand());
        r.Add(new SeqCommand());
        r.Add(new SedCommand());
        r.Add(new AwkCommand(), "mawk", "gawk");
        r.Add(new BusyboxHttpdCommand());
        r.Add(new PwdCommand());
        r.Add(new BasenameCommand());
        r.Add(new DirnameCommand());
        r.Add(new IdCommand());
        r.Add(new WhoamiCommand());
        r.Add(new UnameCommand());
        r.Add(new NoopCommand("chmod"));
        r.Add(new NoopCommand("chown"));
        r.Add(new NoopCommand("sync"));
        r.Add(new YesCommand());
        r.Add(new ExprCommand());
        r.Add(new WhichCommand());
        r.Add(new TimeoutCommand());
        r.Add(new NohupCommand());
        return r;
    }
}

/// <summary>An installed tool whose behaviour ActorPods does not simulate: says so clearly
/// instead of pretending to succeed.</summary>
public sealed class UnsupportedCommand(string name) : ICommand
{
    public string Name { get; } = name;

    public Job Run(CommandContext ctx) =>
        new(ctx.Fail("command not supported by the ActorPods userland (installed in the image but not simulated)", 127));
}
