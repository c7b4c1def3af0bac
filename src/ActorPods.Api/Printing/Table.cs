namespace ActorPods.Api.Printing;

/// <summary>
/// A column of a meta.k8s.io/v1 Table. Priority 0 columns always print; priority 1 only with -o wide.
/// </summary>
public sealed record TableColumn(string Name, int Priority = 0)
{
    public static TableColumn Wide(string name) => new(name, 1);
}

/// <summary>
/// One row: every cell as the server renders it (the server always fills the wide cells; kubectl drops
/// the priority-1 ones). <paramref name="Namespace"/> feeds the NAMESPACE column of `kubectl get -A`.
/// </summary>
public sealed record TableRow(IReadOnlyList<string> Cells, string? Namespace = null);

/// <summary>The server-side Table (apimachinery meta/v1 Table) for one kind.</summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    public Table(IReadOnlyList<TableColumn> columns, params TableRow[] rows) : this(columns, (IReadOnlyList<TableRow>)rows) { }
}

/// <summary>
/// kubectl get's printing flags (cli-runtime printers.PrintOptions): -o wide, --no-headers, -A
/// (namespace column), and the "kind/name" form kubectl uses when several kinds are printed.
/// </summary>
public sealed record PrintOptions(bool Wide = false, bool NoHeaders = false, bool WithNamespace = false, string? WithKind = null)
{
    public static PrintOptions Default { get; } = new();
}
