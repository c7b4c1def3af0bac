namespace ActorPods.Userland.Shell;

public enum TokenKind
{
    Word,
    Newline,
    Eof,
    Semi,        // ;
    DoubleSemi,  // ;;
    Amp,         // &
    AndIf,       // &&
    Pipe,        // |
    OrIf,        // ||
    LParen,      // (
    RParen,      // )
    Less,        // <
    Great,       // >
    DGreat,      // >>
    LessAnd,     // <&
    GreatAnd,    // >&
    Clobber,     // >|
    LessGreat,   // <>
    DLess,       // <<
    DLessDash,   // <<-
}

/// <summary>A lexical token. Words carry their parsed parts; IoNumber is the fd before a
/// redirection operator ("2" in 2>&1), -1 when absent; Assignment is NAME in NAME=value.</summary>
public sealed class Token
{
    public TokenKind Kind;
    public Word? Word;
    public string? Raw;          // source text of a word, for reserved words
    public bool Quoted;          // any quoting in the word (disables reserved words)
    public int IoNumber = -1;
    public string? AssignName;   // NAME when the word is NAME=value
    public Word? AssignValue;
    public int Position;

    public bool IsReserved(string word) => Kind == TokenKind.Word && !Quoted && Raw == word;

    public override string ToString() => Kind == TokenKind.Word ? Raw ?? "" : Kind switch
    {
        TokenKind.Newline => "newline",
        TokenKind.Eof => "end of file",
        TokenKind.Semi => ";",
        TokenKind.DoubleSemi => ";;",
        TokenKind.Amp => "&",
        TokenKind.AndIf => "&&",
        TokenKind.Pipe => "|",
        TokenKind.OrIf => "||",
        TokenKind.LParen => "(",
        TokenKind.RParen => ")",
        TokenKind.Less => "<",
        TokenKind.Great => ">",
        TokenKind.DGreat => ">>",
        TokenKind.LessAnd => "<&",
        TokenKind.GreatAnd => ">&",
        TokenKind.Clobber => ">|",
        TokenKind.LessGreat => "<>",
        TokenKind.DLess => "<<",
        TokenKind.DLessDash => "<<-",
        _ => Kind.ToString(),
    };
}
