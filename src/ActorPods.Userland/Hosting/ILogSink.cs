namespace ActorPods.Userland.Hosting;

public enum LogStream { Stdout, Stderr }

/// <summary>Receives the container's output, one complete line at a time (without the newline),
/// stamped with the virtual time it was written, as the container runtime's log driver would.</summary>
public interface ILogSink
{
    void Line(DateTimeOffset time, LogStream stream, string line);

    /// <summary>The line <paramref name="head"/> + <paramref name="tail"/>, given in the parts it was cached in (an
    /// access log writes one per request): a sink that stores lines in its own form can skip the concatenation.</summary>
    void Line(DateTimeOffset time, LogStream stream, string head, string tail) => Line(time, stream, string.Concat(head, tail));

    /// <summary>The objects writing a line reads (see <see cref="ReadRecorder"/>); a sink that does not say adds itself only.</summary>
    void AddReads(ref ReadRecorder reads) => reads.Add(this);
}

/// <summary>Discards everything (containers whose logs nobody reads, benchmarks).</summary>
public sealed class NullLogSink : ILogSink
{
    public static readonly NullLogSink Instance = new();
    public void Line(DateTimeOffset time, LogStream stream, string line) { }

    public void Line(DateTimeOffset time, LogStream stream, string head, string tail) { }
}
