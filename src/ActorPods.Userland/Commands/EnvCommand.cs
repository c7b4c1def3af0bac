using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Commands;

/// <summary>env [NAME=VALUE]... [COMMAND ARGS] and printenv [NAME]...</summary>
public sealed class EnvCommand : ICommand
{
    public string Name => "env";

    public async Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (ctx.Name == "printenv")
        {
            if (args.Length == 1) { ctx.Stdout.Write(Dump(ctx.Env)); return 0; }
            var status = 0;
            var sb = new StringBuilder();
            for (var i = 1; i < args.Length; i++)
            {
                if (ctx.Env.TryGetValue(args[i], out var v)) sb.Append(v).Append('\n');
                else status = 1;
            }
            ctx.Stdout.Write(sb.ToString());
            return status;
        }
        var env = new Dictionary<string, string>(ctx.Env, StringComparer.Ordinal);
        var k = 1;
        for (; k < args.Length; k++)
        {
            var a = args[k];
            if (a is "-i" or "-") { env.Clear(); continue; }
            if (a == "-u" && k + 1 < args.Length) { env.Remove(args[++k]); continue; }
            var eq = a.IndexOf('=');
            if (eq > 0) { env[a[..eq]] = a[(eq + 1)..]; continue; }
            break;
        }
        if (k >= args.Length) { ctx.Stdout.Write(Dump(env)); return 0; }
        var rest = args[k..];
        var lookup = ctx.Container.Lookup(rest[0], ctx.Cwd, env.GetValueOrDefault("PATH"));
        if (lookup.Kind is LookupKind.NotFound or LookupKind.NotExecutable)
            return ctx.Fail(ctx.Gnu ? $"'{rest[0]}': No such file or directory" : $"can't execute '{rest[0]}': No such file or directory", 127);
        if (lookup.Kind == LookupKind.Script) rest = new[] { "sh", lookup.Path! }.Concat(rest.Skip(1)).ToArray();
        var sub = new CommandContext(ctx.Process, rest, ctx.Stdin, ctx.Stdout, ctx.Stderr, env);
        return await lookup.Command!.Run(sub);
    }

    private static string Dump(IReadOnlyDictionary<string, string> env)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in env) sb.Append(k).Append('=').Append(v).Append('\n');
        return sb.ToString();
    }
}
