using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Images;
using ActorPods.Userland.Images.Programs;

namespace ActorPods.Userland.Commands;

/// <summary>busybox httpd [-f] [-p [IP:]PORT] [-h HOME]: a static file server (index.html for
/// directories, busybox's 404 page). Without -f it daemonises. It installs no SIGTERM handler,
/// so as PID 1 it survives SIGTERM.</summary>
internal sealed class BusyboxHttpdCommand : ServerProgram
{
    public BusyboxHttpdCommand() : base(new ProgramDefinition { Path = "/bin/httpd", MemoryMi = 1 }) { }

    protected override ServerStyle Style => ServerStyle.BusyboxHttpd;

    public override Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var foreground = false;
        var port = 80;
        var home = ctx.Cwd;
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            if (a == "-p")
            {
                var v = Next() ?? "";
                var colon = v.LastIndexOf(':');
                if (!int.TryParse(colon >= 0 ? v[(colon + 1)..] : v, out port)) return new Job(ctx.Fail($"invalid number '{v}'"));
            }
            else if (a == "-h") home = Next() ?? home;
            else if (a == "-c" || a == "-u" || a == "-r") Next();
            else if (a.StartsWith('-'))
            {
                if (a.Contains('f')) foreground = true;
                if (a.Contains('p') && a.Length > 2 && int.TryParse(a[(a.IndexOf('p') + 1)..], out var p)) port = p;
            }
        }
        home = ContainerFileSystem.Absolute(home, ctx.Cwd);
        if (ctx.Fs.Get(home) is not VDirectory) return new Job(ctx.Fail($"can't change directory to '{home}': No such file or directory"));
        var spec = new PortSpec { Port = port };
        spec.Routes.Add(new Route { Path = "/", Prefix = true, Root = home, Index = "index.html" });
        var ports = new List<PortSpec> { spec };
        if (foreground) return Serve(ctx, ports);
        return new Job(Daemonize(ctx, c => Serve(c, ports)));
    }

    protected override string BindError(int port) => "httpd: bind: Address already in use";
}
