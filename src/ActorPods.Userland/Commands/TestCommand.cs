using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Commands;

/// <summary>test / [: file tests, string and integer comparisons, !, -a, -o, parentheses.
/// Exit 0 true, 1 false, 2 on a usage error.</summary>
public sealed class TestCommand : ICommand
{
    public string Name => "test";

    public Job Run(CommandContext ctx)
    {
        var args = ctx.Args.AsSpan(1).ToArray();
        if (ctx.Name == "[")
        {
            if (args.Length == 0 || args[^1] != "]") return new Job(ctx.Fail("missing ]", 2));
            args = args[..^1];
        }
        try
        {
            var p = new Evaluator(ctx, args);
            if (args.Length == 0) return CommandHelpers.One;
            var result = p.Or();
            if (p.Pos < args.Length) throw new TestError($"{args[p.Pos]}: unknown operand");
            return result ? CommandHelpers.Zero : CommandHelpers.One;
        }
        catch (TestError e)
        {
            return new Job(ctx.Fail(e.Message, 2));
        }
    }

    private sealed class TestError(string message) : Exception(message);

    private sealed class Evaluator(CommandContext ctx, string[] a)
    {
        public int Pos;

        private string? Peek(int k = 0) => Pos + k < a.Length ? a[Pos + k] : null;

        public bool Or()
        {
            var v = And();
            while (Peek() == "-o") { Pos++; v = And() | v; }
            return v;
        }

        private bool And()
        {
            var v = Not();
            while (Peek() == "-a") { Pos++; v = Not() & v; }
            return v;
        }

        private bool Not()
        {
            if (Peek() == "!" && Pos + 1 < a.Length) { Pos++; return !Not(); }
            return Primary();
        }

        private bool Primary()
        {
            var t = Peek() ?? throw new TestError("argument expected");
            if (t == "(" && a.Length - Pos > 2)
            {
                Pos++;
                var v = Or();
                if (Peek() != ")") throw new TestError("')' expected");
                Pos++;
                return v;
            }
            var op = Peek(1);
            if (op is not null && IsBinary(op) && Pos + 2 < a.Length + 0 && Peek(2) is not null)
            {
                Pos += 3;
                return Binary(t, op, a[Pos - 1]);
            }
            if (t.Length == 2 && t[0] == '-' && IsUnary(t[1]) && Peek(1) is { } operand)
            {
                Pos += 2;
                return Unary(t[1], operand);
            }
            Pos++;
            return t.Length > 0;
        }

        private static bool IsBinary(string op) => op is "=" or "==" or "!=" or "-eq" or "-ne" or "-lt" or "-le" or "-gt" or "-ge" or "<" or ">" or "-nt" or "-ot";

        private static bool IsUnary(char c) => "efdsrwxzncLhpSbgu".Contains(c);

        private bool Unary(char op, string s)
        {
            if (op == 'z') return s.Length == 0;
            if (op == 'n') return s.Length != 0;
            var node = ctx.Fs.Get(s, ctx.Cwd);
            return op switch
            {
                'e' => node is not null,
                'f' => node is VFile,
                'd' => node is VDirectory,
                's' => node is VFile f ? f.Content.Length > 0 : node is VDirectory,
                'r' or 'w' => node is not null,
                'x' => node is VDirectory || node is VFile { Executable: true },
                'c' => node is VDevice,
                _ => false,
            };
        }

        private bool Binary(string l, string op, string r)
        {
            switch (op)
            {
                case "=" or "==": return l == r;
                case "!=": return l != r;
                case "<": return string.CompareOrdinal(l, r) < 0;
                case ">": return string.CompareOrdinal(l, r) > 0;
                case "-nt" or "-ot":
                {
                    var a1 = ctx.Fs.Get(l, ctx.Cwd);
                    var b1 = ctx.Fs.Get(r, ctx.Cwd);
                    if (a1 is null || b1 is null) return op == "-nt" ? a1 is not null : b1 is not null;
                    return op == "-nt" ? a1.ModifiedAt > b1.ModifiedAt : a1.ModifiedAt < b1.ModifiedAt;
                }
            }
            var x = Int(l);
            var y = Int(r);
            return op switch
            {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-le" => x <= y,
                "-gt" => x > y,
                _ => x >= y,
            };
        }

        private static long Int(string s)
        {
            if (long.TryParse(s.Trim(), out var v)) return v;
            throw new TestError($"{s}: bad number");
        }
    }
}
