using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.Processes;

namespace ActorPods.Userland.Commands;

/// <summary>echo [-neE] ARGS: busybox/bash semantics (escapes only with -e); dash's builtin
/// always interprets escapes and knows only -n (so `echo -e x` prints "-e x" there).</summary>
public sealed class EchoCommand : ICommand
{
    public string Name => "echo";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var newline = true;
        var escapes = false;
        var i = 1;
        if (ctx.BuiltinOf == ShellDialect.Dash)
        {
            escapes = true;
            if (args.Length > 1 && args[1] == "-n") { newline = false; i = 2; }
        }
        else for (; i < args.Length; i++)
        {
            var a = args[i];
            if (a.Length < 2 || a[0] != '-' || a.AsSpan(1).IndexOfAnyExcept("neE") >= 0) break;
            foreach (var c in a.AsSpan(1))
            {
                if (c == 'n') newline = false;
                else if (c == 'e') escapes = true;
                else escapes = false;
            }
        }
        if (args.Length == i + 1 && (!escapes || !args[i].Contains('\\')))
        {
            // Fast path: one word with nothing to interpret (dash interprets escapes, but there is no backslash).
            if (newline) OutputSink.WriteWholeLine(ctx.Stdout, args[i]);
            else ctx.Stdout.Write(args[i]);
            return CommandHelpers.Zero;
        }
        var sb = new StringBuilder();
        for (var j = i; j < args.Length; j++)
        {
            if (j > i) sb.Append(' ');
            if (escapes)
            {
                if (Escapes.Append(sb, args[j])) { newline = false; break; }
            }
            else sb.Append(args[j]);
        }
        if (newline) sb.Append('\n');
        ctx.Stdout.Write(sb.ToString());
        return CommandHelpers.Zero;
    }
}

internal static class Escapes
{
    /// <summary>Appends <paramref name="s"/> with backslash escapes interpreted; returns true on \c
    /// (stop output, no newline).</summary>
    public static bool Append(StringBuilder sb, string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c != '\\' || i + 1 >= s.Length) { sb.Append(c); continue; }
            var n = s[++i];
            switch (n)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'e': sb.Append('\u001b'); break;
                case '\\': sb.Append('\\'); break;
                case 'c': return true;
                case '0':
                {
                    var v = 0;
                    var k = 0;
                    while (k < 3 && i + 1 < s.Length && s[i + 1] is >= '0' and <= '7') { v = v * 8 + (s[++i] - '0'); k++; }
                    sb.Append((char)v);
                    break;
                }
                default: sb.Append('\\').Append(n); break;
            }
        }
        return false;
    }
}
