namespace ActorPods.Userland.Shell;

// The parsed form of a script. Immutable and shared: ScriptCache hands the same tree to every
// run of the same text, so nothing here may hold run-time state.

public abstract class WordPart { }

/// <summary>Literal text. Quoted text is never field-split nor globbed.</summary>
public sealed class LiteralPart(string text, bool quoted) : WordPart
{
    public string Text { get; } = text;
    public bool Quoted { get; } = quoted;
}

/// <summary>$NAME, ${NAME}, ${NAME:-word} and friends.</summary>
public sealed class ParamPart(string name, string? op, Word? argument, bool quoted) : WordPart
{
    public string Name { get; } = name;
    /// <summary>":-", "-", ":=", "=", ":+", "+", ":?", "?", "#", "##", "%", "%%", "len" or null.</summary>
    public string? Op { get; } = op;
    public Word? Argument { get; } = argument;
    public bool Quoted { get; } = quoted;
}

public sealed class CommandSubstPart(Node body, bool quoted) : WordPart
{
    public Node Body { get; } = body;
    public bool Quoted { get; } = quoted;
}

public sealed class ArithPart(Word expression, bool quoted) : WordPart
{
    public Word Expression { get; } = expression;
    public bool Quoted { get; } = quoted;
}

public sealed class Word(WordPart[] parts)
{
    public WordPart[] Parts { get; } = parts;

    /// <summary>The text if the word is a single unquoted-or-quoted literal (fast path), else null.</summary>
    public string? Literal { get; } = parts.Length == 1 && parts[0] is LiteralPart lp && !HasGlob(lp) ? lp.Text
        : parts.Length == 0 ? "" : null;

    /// <summary>True when the word has no quoting at all (reserved words, assignments).</summary>
    public bool IsPlain => Parts.Length == 1 && Parts[0] is LiteralPart { Quoted: false };

    public string? PlainText => IsPlain ? ((LiteralPart)Parts[0]).Text : null;

    private static bool HasGlob(LiteralPart p) => !p.Quoted && p.Text.AsSpan().IndexOfAny("*?[") >= 0;
}

public enum RedirKind { Out, Append, In, DupOut, DupIn, Clobber, ReadWrite, HereDoc }

public sealed class Redirect(int fd, RedirKind kind, Word target, bool hereDocExpand = false)
{
    public int Fd { get; } = fd;
    public RedirKind Kind { get; } = kind;
    public Word Target { get; } = target;
    /// <summary>For here-documents: expand $vars in the body (delimiter was unquoted).</summary>
    public bool HereDocExpand { get; } = hereDocExpand;
}

public abstract class Node
{
    public Redirect[] Redirects { get; set; } = Array.Empty<Redirect>();
}

public sealed class Assignment(string name, Word value)
{
    public string Name { get; } = name;
    public Word Value { get; } = value;
}

public sealed class SimpleCommand(Assignment[] assignments, Word[] words) : Node
{
    public Assignment[] Assignments { get; } = assignments;
    public Word[] Words { get; } = words;
}

public sealed class Pipeline(Node[] commands, bool negated) : Node
{
    public Node[] Commands { get; } = commands;
    public bool Negated { get; } = negated;
}

public sealed class AndOr(Node left, bool isAnd, Node right) : Node
{
    public Node Left { get; } = left;
    public bool IsAnd { get; } = isAnd;
    public Node Right { get; } = right;
}

public sealed class ListItem(Node command, bool background)
{
    public Node Command { get; } = command;
    public bool Background { get; } = background;
}

public sealed class CommandList(ListItem[] items) : Node
{
    public ListItem[] Items { get; } = items;
}

public sealed class IfNode(Node condition, Node then, Node? @else) : Node
{
    public Node Condition { get; } = condition;
    public Node Then { get; } = then;
    /// <summary>elif chains are nested IfNodes here.</summary>
    public Node? Else { get; } = @else;
}

public sealed class LoopNode(Node condition, Node body, bool until) : Node
{
    public Node Condition { get; } = condition;
    public Node Body { get; } = body;
    public bool Until { get; } = until;
}

public sealed class ForNode(string variable, Word[]? items, Node body) : Node
{
    public string Variable { get; } = variable;
    /// <summary>Null means "$@".</summary>
    public Word[]? Items { get; } = items;
    public Node Body { get; } = body;
}

public sealed class CaseItem(Word[] patterns, Node? body)
{
    public Word[] Patterns { get; } = patterns;
    public Node? Body { get; } = body;
}

public sealed class CaseNode(Word subject, CaseItem[] items) : Node
{
    public Word Subject { get; } = subject;
    public CaseItem[] Items { get; } = items;
}

public sealed class SubshellNode(Node body) : Node
{
    public Node Body { get; } = body;
}

public sealed class GroupNode(Node body) : Node
{
    public Node Body { get; } = body;
}

public sealed class FunctionDef(string name, Node body) : Node
{
    public string Name { get; } = name;
    public Node Body { get; } = body;
}

/// <summary>A syntax error found after some complete commands: running it reports the error
/// and ends the shell with status 2.</summary>
public sealed class SyntaxErrorNode(string message) : Node
{
    public string Message { get; } = message;
}

/// <summary>Parse failure: message is what sh prints after "sh: ".</summary>
public sealed class ShellSyntaxException(string message) : Exception(message);
