namespace ActorPods.Sim.Reports.Trace;

/// <summary>A trace line that cannot be read; the message names the 1-based line number.</summary>
public sealed class TraceFormatException(int line, string problem, Exception? inner = null)
    : FormatException($"trace line {line}: {problem}", inner)
{
    public int LineNumber { get; } = line;
}
