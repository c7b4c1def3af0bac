namespace ActorPods.Sim.Reports.Timeline;

/// <summary>A state held from <see cref="Start"/> to <see cref="End"/>. <see cref="State"/> is the machine-readable
/// name (rendered as <c>data-segment</c>), <see cref="Kind"/> picks the colour, <see cref="Open"/> means the state
/// still held when the trace ended.</summary>
public sealed record Segment(double Start, double End, string State, string Label, string Kind, string Detail, bool Open);

/// <summary>An instant worth a mark: a probe result, a signal, a restart, a deletion.</summary>
public sealed record Marker(double T, string Kind, string Label, string Detail);

/// <summary>Folds a sequence of observed states into segments, merging consecutive observations of the same key.</summary>
internal sealed class SegmentBuilder
{
    private readonly List<Segment> _done = [];
    private (double Start, string Key, string State, string Label, string Kind, string Detail)? _current;

    public void Observe(double t, string key, string state, string label, string kind, string detail)
    {
        if (_current is { } c && c.Key == key) return;
        Close(t);
        _current = (t, key, state, label, kind, detail);
    }

    /// <summary>Ends the current segment at <paramref name="t"/> with nothing after it (a deletion).</summary>
    public void Close(double t)
    {
        if (_current is not { } c) return;
        _done.Add(new Segment(c.Start, t, c.State, c.Label, c.Kind, c.Detail, Open: false));
        _current = null;
    }

    public bool IsOpen => _current is not null;

    public string? CurrentKey => _current?.Key;

    public IReadOnlyList<Segment> Finish(double end)
    {
        if (_current is { } c) _done.Add(new Segment(c.Start, Math.Max(end, c.Start), c.State, c.Label, c.Kind, c.Detail, Open: true));
        _current = null;
        return _done;
    }
}
