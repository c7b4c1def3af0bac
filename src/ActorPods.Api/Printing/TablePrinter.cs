using System.Text;

namespace ActorPods.Api.Printing;

/// <summary>
/// kubectl's HumanReadablePrinter for server-side Tables (cli-runtime pkg/printers/tableprinter.go, v0.32):
/// upper-cased headers, priority-1 columns only with -o wide, headers printed once per column set, cell
/// text cut at the first line break with "..." appended, ESC and CR escaped (terminal.go). Columns are
/// tab-separated and aligned by a <see cref="TabWriter"/> (3 spaces of padding, minimum width 6).
/// Stateful like kubectl's: a second table with the same columns prints no header (the watch case).
/// </summary>
public sealed class TablePrinter
{
    private readonly PrintOptions _options;
    private IReadOnlyList<TableColumn>? _lastColumns;
    private bool _printedHeaders;

    public TablePrinter(PrintOptions? options = null) => _options = options ?? PrintOptions.Default;

    /// <summary>Renders one table the way `kubectl get` prints it (empty string for no rows).</summary>
    public static string Render(Table table, PrintOptions? options = null)
    {
        var output = new StringBuilder();
        var writer = TabWriter.ForKubectlGet(output);
        new TablePrinter(options).Print(table, writer);
        writer.Flush();
        return output.ToString();
    }

    /// <summary>kubectl get's stderr line when nothing was printed (get.go).</summary>
    public static string NoResourcesFound(string? @namespace) =>
        @namespace is null ? "No resources found" : $"No resources found in {@namespace} namespace.";

    /// <summary>PrintObj for a Table; <paramref name="watchEventType"/> adds the EVENT column of --output-watch-events.</summary>
    public void Print(Table table, TabWriter writer, string? watchEventType = null)
    {
        var noHeaders = _options.NoHeaders;
        if (_printedHeaders && (table.Columns.Count == 0 || SameColumns(table.Columns, _lastColumns))) noHeaders = true;

        var columns = table.Columns;
        if (columns.Count == 0) columns = _lastColumns ?? [];
        else if (!SameColumns(columns, _lastColumns))
        {
            _lastColumns = columns;
            _printedHeaders = false;
        }
        if (table.Rows.Count > 0) _printedHeaders = true;

        var (decoratedColumns, rows) = Decorate(columns, table.Rows, watchEventType);
        PrintTable(decoratedColumns, rows, writer, noHeaders);
    }

    private (List<TableColumn>, List<string?[]>) Decorate(IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows, string? watchEventType)
    {
        var decorated = new List<TableColumn>();
        if (watchEventType is not null) decorated.Add(new TableColumn("Event"));
        if (_options.WithNamespace) decorated.Add(new TableColumn("Namespace"));
        decorated.AddRange(columns);

        var nameColumn = -1;
        if (_options.WithKind is { Length: > 0 })
        {
            for (var i = 0; i < columns.Count; i++)
                if (columns[i].Name == "Name") { nameColumn = i; break; }
        }

        var decoratedRows = new List<string?[]>();
        foreach (var row in rows)
        {
            var cells = new List<string?>();
            if (watchEventType is not null) cells.Add(FormatEventType(watchEventType));
            if (_options.WithNamespace) cells.Add(row.Namespace ?? "");
            for (var i = 0; i < row.Cells.Count; i++)
                cells.Add(i == nameColumn ? $"{_options.WithKind!.ToLowerInvariant()}/{row.Cells[i]}" : row.Cells[i]);
            decoratedRows.Add([.. cells]);
        }
        return (decorated, decoratedRows);
    }

    private void PrintTable(List<TableColumn> columns, List<string?[]> rows, TabWriter writer, bool noHeaders)
    {
        var text = new StringBuilder();
        if (!noHeaders)
        {
            // No rows, no header: kubectl then says "No resources found".
            if (rows.Count == 0) return;
            var first = true;
            foreach (var column in columns)
            {
                if (!_options.Wide && column.Priority != 0) continue;
                if (!first) text.Append('\t');
                first = false;
                text.Append(column.Name.ToUpperInvariant());
            }
            text.Append('\n');
        }
        foreach (var cells in rows)
        {
            var first = true;
            for (var i = 0; i < cells.Length && i < columns.Count; i++)
            {
                if (!_options.Wide && columns[i].Priority != 0) continue;
                if (!first) text.Append('\t');
                first = false;
                text.Append(FormatCell(cells[i]));
            }
            text.Append('\n');
        }
        writer.Write(text.ToString());
    }

    /// <summary>A cell is cut at its first \f, \n or \r (then "..." is appended); ESC and CR are escaped.</summary>
    internal static string FormatCell(string? cell)
    {
        if (cell is null) return "";
        var cut = cell.IndexOfAny(['\f', '\n', '\r']);
        var text = cut >= 0 ? cell[..cut] : cell;
        text = EscapeTerminal(text);
        return cut >= 0 ? text + "..." : text;
    }

    /// <summary>cli-runtime printers.EscapeTerminal: ESC becomes "^[", CR becomes "\r" (issue #101695).</summary>
    public static string EscapeTerminal(string text) => text.Replace("\x1b", "^[").Replace("\r", "\\r");

    // tableprinter.go formattedEventType: padded so the EVENT column does not jitter.
    private static string FormatEventType(string eventType) => eventType switch
    {
        "ADDED" => "ADDED   ",
        "MODIFIED" => "MODIFIED",
        "DELETED" => "DELETED ",
        "ERROR" => "ERROR   ",
        _ => eventType,
    };

    private static bool SameColumns(IReadOnlyList<TableColumn> a, IReadOnlyList<TableColumn>? b) =>
        b is not null && a.SequenceEqual(b);
}
