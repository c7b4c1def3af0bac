namespace ActorPods.Sim.Reports.Trace;

/// <summary>A parsed trace: all records in file order, plus typed views.</summary>
public sealed class TraceModel
{
    public TraceModel(IEnumerable<TraceRecord> records)
    {
        Records = records.ToList();
        EndTime = Records.Count == 0 ? 0 : Records.Max(r => r.T);
    }

    public IReadOnlyList<TraceRecord> Records { get; }

    /// <summary>The latest <c>t</c> in the trace (0 when empty).</summary>
    public double EndTime { get; }

    public IEnumerable<T> Of<T>() where T : TraceRecord => Records.OfType<T>();
}
