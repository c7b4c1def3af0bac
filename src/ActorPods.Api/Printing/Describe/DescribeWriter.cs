using System.Text;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// kubectl describe's PrefixWriter over tabbedString's tab writer (kubectl/pkg/describe/describe.go):
/// each level indents by two spaces, '\t' separates the aligned cells, text is terminal-escaped.
/// </summary>
internal sealed class DescribeWriter
{
    public const int Level0 = 0, Level1 = 1, Level2 = 2, Level3 = 3;

    private readonly StringBuilder _output = new();
    private readonly TabWriter _writer;

    public DescribeWriter() => _writer = TabWriter.ForKubectlDescribe(_output);

    public void Write(int level, string text) => _writer.Write(TablePrinter.EscapeTerminal(new string(' ', 2 * level) + text));

    /// <summary>fmt.Sprintln of one value: the text and a newline.</summary>
    public void WriteLine(string text) => _writer.Write(TablePrinter.EscapeTerminal(text + "\n"));

    public void Flush() => _writer.Flush();

    public override string ToString()
    {
        _writer.Flush();
        return _output.ToString();
    }
}
