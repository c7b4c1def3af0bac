namespace ActorPods.Userland.Commands;

internal sealed class AwkError(string message) : Exception(message);

internal abstract class AwkExpr { }
internal sealed class AwkNum(double v) : AwkExpr { public double V = v; }
internal sealed class AwkStr(string v) : AwkExpr { public string V = v; }
internal sealed class AwkRegex(string pattern) : AwkExpr { public System.Text.RegularExpressions.Regex Re = new(pattern); }
internal sealed class AwkVar(string name) : AwkExpr { public string Name = name; }
internal sealed class AwkField(AwkExpr index) : AwkExpr { public AwkExpr Index = index; }
internal sealed class AwkBinary(string op, AwkExpr l, AwkExpr r) : AwkExpr { public string Op = op; public AwkExpr L = l; public AwkExpr R = r; }
internal sealed class AwkUnary(string op, AwkExpr e) : AwkExpr { public string Op = op; public AwkExpr E = e; }
internal sealed class AwkAssign(string op, AwkExpr target, AwkExpr value) : AwkExpr { public string Op = op; public AwkExpr Target = target; public AwkExpr Value = value; }
internal sealed class AwkIncr(AwkExpr target, int delta, bool prefix) : AwkExpr { public AwkExpr Target = target; public int Delta = delta; public bool Prefix = prefix; }
internal sealed class AwkCond(AwkExpr c, AwkExpr a, AwkExpr b) : AwkExpr { public AwkExpr C = c; public AwkExpr A = a; public AwkExpr B = b; }
internal sealed class AwkCall(string name, List<AwkExpr> args) : AwkExpr { public string Name = name; public List<AwkExpr> Args = args; }

internal abstract class AwkStmt { }
internal sealed class AwkPrint(List<AwkExpr> args) : AwkStmt { public List<AwkExpr> Args = args; }
internal sealed class AwkPrintf(List<AwkExpr> args) : AwkStmt { public List<AwkExpr> Args = args; }
internal sealed class AwkExprStmt(AwkExpr e) : AwkStmt { public AwkExpr E = e; }
internal sealed class AwkIf(AwkExpr c, AwkStmt then, AwkStmt? @else) : AwkStmt { public AwkExpr C = c; public AwkStmt Then = then; public AwkStmt? Else = @else; }
internal sealed class AwkBlock(List<AwkStmt> body) : AwkStmt { public List<AwkStmt> Body = body; }
internal sealed class AwkNext : AwkStmt { }
internal sealed class AwkExit(AwkExpr? code) : AwkStmt { public AwkExpr? Code = code; }

internal sealed class AwkRule(int kind, AwkExpr? pattern, AwkBlock? action)
{
    /// <summary>0 = main, 1 = BEGIN, 2 = END.</summary>
    public int Kind = kind;
    public AwkExpr? Pattern = pattern;
    public AwkBlock? Action = action;
}

internal sealed class AwkProgram(List<AwkRule> rules)
{
    public List<AwkRule> Rules = rules;
}
