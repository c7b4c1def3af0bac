using System.Text;

namespace ActorPods.Api.Printing;

/// <summary>
/// The line stream of `kubectl get &lt;kind&gt; -w` (kubectl pkg/cmd/get/get.go watch()): the current list
/// (header + rows) is printed and flushed, then every watch event prints its one row and flushes. One
/// tab writer with remembered widths serves the whole stream, so later lines keep the header's column
/// widths and a wider cell widens its column from then on. Each call returns the text it printed.
/// </summary>
public sealed class WatchPrinter
{
    private readonly StringBuilder _output = new();
    private readonly TabWriter _writer;
    private readonly TablePrinter _printer;
    private readonly bool _outputWatchEvents;

    /// <param name="outputWatchEvents">--output-watch-events: prefix each line with the event type.</param>
    public WatchPrinter(PrintOptions? options = null, bool outputWatchEvents = false)
    {
        _writer = TabWriter.ForKubectlGet(_output);
        _printer = new TablePrinter(options);
        _outputWatchEvents = outputWatchEvents;
    }

    /// <summary>The initial GET/LIST result (existing objects count as ADDED with --output-watch-events).</summary>
    public string PrintInitial(Table table)
    {
        if (_outputWatchEvents)
            foreach (var row in table.Rows) _printer.Print(table with { Rows = [row] }, _writer, "ADDED");
        else _printer.Print(table, _writer);
        return Drain();
    }

    /// <summary>One watch event (ADDED, MODIFIED, DELETED) carrying the object's row.</summary>
    public string PrintEvent(string eventType, Table table)
    {
        _printer.Print(table, _writer, _outputWatchEvents ? eventType : null);
        return Drain();
    }

    private string Drain()
    {
        _writer.Flush();
        var text = _output.ToString();
        _output.Clear();
        return text;
    }
}
