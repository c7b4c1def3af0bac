using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Images.Programs;

/// <summary>nginx: <c>-g 'daemon off;'</c> serves in the foreground; without it nginx
/// daemonises (so as a container command the container exits at once, as in real life);
/// <c>-s quit|stop|reload|reopen</c> signals the running master; <c>-t</c> checks the config.</summary>
internal sealed class NginxProgram(ProgramDefinition def) : ServerProgram(def)
{
    protected override ServerStyle Style => ServerStyle.Nginx;

    public override Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var foreground = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-s" when i + 1 < args.Length:
                    return new Job(Control(ctx, args[i + 1]));
                case "-t" or "-T":
                    ctx.Stderr.Write("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n");
                    return new Job(0);
                case "-v":
                    ctx.Stderr.Write("nginx version: nginx\n");
                    return new Job(0);
                case "-g" when i + 1 < args.Length:
                    if (args[i + 1].Replace(" ", "").Contains("daemonoff;", StringComparison.Ordinal)) foreground = true;
                    i++;
                    break;
            }
        }
        if (foreground) return Serve(ctx, PortsFromDefinition());
        return new Job(Daemonize(ctx, c => Serve(c, PortsFromDefinition())));
    }

    private int Control(CommandContext ctx, string action)
    {
        Signal signal;
        switch (action)
        {
            case "quit": signal = Signal.SIGQUIT; break;
            case "stop": signal = Signal.SIGTERM; break;
            case "reload": signal = Signal.SIGHUP; break;
            case "reopen": signal = Signal.SIGUSR1; break;
            default:
                ctx.Stderr.Write($"nginx: invalid option: \"-s {action}\"\n");
                return 1;
        }
        var master = FindRunning(ctx, ctx.Process.Name);
        if (master is null)
        {
            ctx.Stderr.Write($"{ctx.Now.UtcDateTime:yyyy/MM/dd HH:mm:ss} [error] {ctx.Process.Pid}#{ctx.Process.Pid}: open() \"/run/nginx.pid\" failed (2: No such file or directory)\n");
            ctx.Stderr.Write("nginx: [error] open() \"/run/nginx.pid\" failed (2: No such file or directory)\n");
            return 1;
        }
        ctx.Stderr.Write($"{ctx.Now.UtcDateTime:yyyy/MM/dd HH:mm:ss} [notice] {ctx.Process.Pid}#{ctx.Process.Pid}: signal process started\n");
        master.Signal(signal);
        return 0;
    }

    protected override string BindError(int port) =>
        $"nginx: [emerg] bind() to 0.0.0.0:{port} failed (98: Address already in use)";
}

/// <summary>Apache httpd: <c>-DFOREGROUND</c> serves in the foreground, otherwise it
/// daemonises; <c>-t</c> prints "Syntax OK"; <c>-k stop|graceful-stop|graceful</c> signals the
/// running parent (TERM, WINCH, USR1).</summary>
internal sealed class ApacheProgram(ProgramDefinition def) : ServerProgram(def)
{
    protected override ServerStyle Style => ServerStyle.Apache;

    public override Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var foreground = false;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a is "-t" or "-S") { ctx.Stderr.Write("Syntax OK\n"); return new Job(0); }
            if (a == "-v") { ctx.Stdout.Write("Server version: Apache/2.4\n"); return new Job(0); }
            if (a == "-k" && i + 1 < args.Length)
            {
                var action = args[++i];
                if (action == "start") continue;
                var signal = action switch
                {
                    "stop" => Signal.SIGTERM,
                    "graceful-stop" => Signal.SIGWINCH,
                    "graceful" or "restart" => Signal.SIGUSR1,
                    _ => (Signal?)null,
                };
                if (signal is null) { ctx.Stderr.Write($"Usage: {ctx.Name} [-D name] [-d directory] [-f file] [-k start|restart|graceful|graceful-stop|stop]\n"); return new Job(1); }
                var parent = FindRunning(ctx, ctx.Process.Name);
                if (parent is null) { ctx.Stderr.Write("httpd (no pid file) not running\n"); return new Job(0); }
                parent.Signal(signal.Value);
                return new Job(0);
            }
            if (a is "-DFOREGROUND" || (a == "-D" && i + 1 < args.Length && args[++i] == "FOREGROUND")) foreground = true;
        }
        if (foreground) return Serve(ctx, PortsFromDefinition());
        return new Job(Daemonize(ctx, c => Serve(c, PortsFromDefinition())));
    }

    protected override string BindError(int port) =>
        $"(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:{port}";
}
