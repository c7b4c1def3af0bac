using System.Text;

namespace ActorPods.Api.Printing;

/// <summary>
/// Go's text/tabwriter elastic tabstops, as kubectl uses them: cells end with '\t', lines with '\n'; a
/// column block is a run of consecutive lines that have a cell in that column, and every cell of a block
/// is padded to max(minWidth, widest cell + padding). The last cell of a line is not part of any column
/// (so it is never padded). Widths are counted in runes, as Go does (utf8.RuneCount), not display columns.
/// With <see cref="RememberWidths"/> (github.com/liggitt/tabwriter, used by kubectl get) column widths
/// only ever grow across flushes, which is what keeps `kubectl get -w` lines aligned with the header.
/// Text is buffered until <see cref="Flush"/>; output goes to the StringBuilder given.
/// </summary>
public sealed class TabWriter
{
    private readonly StringBuilder _output;
    private readonly int _minWidth;
    private readonly int _padding;
    private readonly char _padChar;
    private readonly List<List<string>> _lines = [[]];
    private readonly StringBuilder _cell = new();
    private readonly List<int> _widths = [];
    private List<int> _maxWidths = [];

    public TabWriter(StringBuilder output, int minWidth, int padding, char padChar = ' ', bool rememberWidths = false)
    {
        _output = output;
        _minWidth = minWidth;
        _padding = padding;
        _padChar = padChar;
        RememberWidths = rememberWidths;
    }

    public bool RememberWidths { get; }

    /// <summary>kubectl's printers.GetNewTabWriter: minwidth 6, padding 3, RememberWidths (cli-runtime printers/tabwriter.go).</summary>
    public static TabWriter ForKubectlGet(StringBuilder output) => new(output, minWidth: 6, padding: 3, rememberWidths: true);

    /// <summary>kubectl describe's tabbedString: minwidth 0, padding 2 (kubectl/pkg/describe/describe.go).</summary>
    public static TabWriter ForKubectlDescribe(StringBuilder output) => new(output, minWidth: 0, padding: 2);

    /// <summary>The remembered per-column widths (RememberWidths mode).</summary>
    public IReadOnlyList<int> RememberedWidths => _maxWidths;

    /// <summary>kubectl resets these when it switches to another resource kind.</summary>
    public void ResetRememberedWidths() => _maxWidths = [];

    public void Write(string text)
    {
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\t':
                    TerminateCell();
                    break;
                case '\n':
                    var cells = TerminateCell();
                    _lines.Add([]);
                    // A line with a single cell cannot influence later columns; Go flushes here.
                    if (cells == 1) Flush();
                    break;
                default:
                    _cell.Append(ch);
                    break;
            }
        }
    }

    public void Flush()
    {
        if (_cell.Length > 0) TerminateCell();
        Format(0, _lines.Count);
        _lines.Clear();
        _lines.Add([]);
        _widths.Clear();
    }

    private int TerminateCell()
    {
        var line = _lines[^1];
        line.Add(_cell.ToString());
        _cell.Clear();
        return line.Count;
    }

    // text/tabwriter format(): recursive over columns, left to right.
    private void Format(int line0, int line1)
    {
        var column = _widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= _lines[current].Count - 1) continue;

            // Cell in this column exists: a column block starts here.
            WriteLines(line0, current);
            line0 = current;

            var width = _minWidth;
            for (; current < line1; current++)
            {
                var line = _lines[current];
                if (column >= line.Count - 1) break;
                width = Math.Max(width, RuneCount(line[column]) + _padding);
            }

            if (RememberWidths)
            {
                if (_maxWidths.Count < _widths.Count) _maxWidths.AddRange(_widths.Skip(_maxWidths.Count));
                if (_maxWidths.Count == _widths.Count) _maxWidths.Add(width);
                else if (_maxWidths[_widths.Count] > width) width = _maxWidths[_widths.Count];
                else if (_maxWidths[_widths.Count] < width) _maxWidths[_widths.Count] = width;
            }

            _widths.Add(width);
            Format(line0, current);
            _widths.RemoveAt(_widths.Count - 1);
            line0 = current;
        }
        WriteLines(line0, line1);
    }

    private void WriteLines(int line0, int line1)
    {
        for (var i = line0; i < line1; i++)
        {
            var line = _lines[i];
            for (var j = 0; j < line.Count; j++)
            {
                var text = line[j];
                _output.Append(text);
                if (j < _widths.Count) _output.Append(_padChar, Math.Max(0, _widths[j] - RuneCount(text)));
            }
            // The last buffered line is the unterminated one: no newline after it.
            if (i + 1 < _lines.Count) _output.Append('\n');
        }
    }

    internal static int RuneCount(string text)
    {
        var n = 0;
        foreach (var _ in text.EnumerateRunes()) n++;
        return n;
    }
}
