using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Images.Programs;

/// <summary>etcd: serves the gRPC health service (SERVING) and HTTP /health on each port of
/// <c>--listen-client-urls</c> (default http://localhost:2379).</summary>
internal sealed class EtcdProgram(ProgramDefinition def) : ServerProgram(def)
{
    public override Job Run(CommandContext ctx)
    {
        var urls = "http://localhost:2379";
        var args = ctx.Args;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--listen-client-urls=", StringComparison.Ordinal)) urls = args[i]["--listen-client-urls=".Length..];
            else if (args[i] == "--listen-client-urls" && i + 1 < args.Length) urls = args[++i];
        }
        var ports = new List<PortSpec>();
        foreach (var url in urls.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) continue;
            var spec = new PortSpec { Port = uri.Port, Health = GrpcServingStatus.Serving };
            spec.Routes.Add(new Route { Path = "/health", Body = "{\"health\":\"true\",\"reason\":\"\"}", ContentType = "application/json" });
            ports.Add(spec);
        }
        return Serve(ctx, ports);
    }
}
