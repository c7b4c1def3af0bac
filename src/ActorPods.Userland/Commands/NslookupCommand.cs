using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Commands;

/// <summary>
/// busybox nslookup NAME [SERVER] against the cluster DNS view. Two output styles, because
/// the seeds use both: busybox ≤ 1.28 ("Address 1: IP NAME", "nslookup: can't resolve 'x'")
/// and later ones ("Name:\tFQDN", "** server can't find x: NXDOMAIN"). Exit 0 on an answer, 1 without.
/// </summary>
public sealed class NslookupCommand : ICommand
{
    public string Name => "nslookup";

    public Job Run(CommandContext ctx)
    {
        var operands = ctx.Args.Skip(1).Where(a => !a.StartsWith('-')).ToList();
        if (operands.Count == 0) return new Job(ctx.Fail("usage: nslookup [HOST] [SERVER]"));
        var name = operands[0].TrimEnd('.');
        var net = ctx.Container.Network;
        var dns = net.Dns;
        var ns = net.Pod.Namespace;
        var server = dns.ServerAddress;
        string[]? answer;
        string canonical;
        if (NetworkStack.IsIpLiteral(name)) { answer = new[] { name }; canonical = name; }
        else if (name == "localhost") { answer = new[] { "127.0.0.1" }; canonical = "localhost"; }
        else
        {
            answer = dns.Resolve(name, ns);
            canonical = answer is null ? name : dns.Canonical(name, ns);
        }
        var sb = new StringBuilder();
        if (ctx.Container.Image.LegacyNslookup)
        {
            sb.Append($"Server:    {server}\nAddress 1: {server} kube-dns.kube-system.svc.cluster.local\n\n");
            if (answer is null)
            {
                ctx.Stdout.Write(sb.ToString());
                ctx.Stderr.Write($"nslookup: can't resolve '{name}'\n");
                return CommandHelpers.One;
            }
            sb.Append($"Name:      {name}\n");
            for (var i = 0; i < answer.Length; i++) sb.Append($"Address {i + 1}: {answer[i]} {canonical}\n");
            ctx.Stdout.Write(sb.ToString());
            return CommandHelpers.Zero;
        }
        sb.Append($"Server:\t\t{server}\nAddress:\t{server}:53\n\n");
        if (answer is null)
        {
            foreach (var suffix in new[] { $"{ns}.svc.cluster.local", "svc.cluster.local", "cluster.local" })
                sb.Append($"** server can't find {name}.{suffix}: NXDOMAIN\n\n");
            ctx.Stdout.Write(sb.ToString());
            return CommandHelpers.One;
        }
        foreach (var ip in answer) sb.Append($"Name:\t{canonical}\nAddress: {ip}\n");
        sb.Append('\n');
        ctx.Stdout.Write(sb.ToString());
        return CommandHelpers.Zero;
    }
}
