namespace ActorPods.Userland.Tests;

/// <summary>A line given as a head and a tail (an access log's cached parts) reaches the log as those parts only when
/// it is one whole line; otherwise it is split at its line breaks like any other output.</summary>
public sealed class LogLineSinkTests
{
    private sealed class RecordingLog : ILogSink
    {
        public readonly List<string> Lines = new();
        public int PartLines;
        public void Line(DateTimeOffset time, LogStream stream, string line) => Lines.Add(line);

        public void Line(DateTimeOffset time, LogStream stream, string head, string tail)
        {
            PartLines++;
            Lines.Add(head + tail);
        }
    }

    [Fact]
    public void A_tail_with_a_line_break_after_a_whole_tail_is_split_into_lines()
    {
        var log = new RecordingLog();
        var sink = new LogLineSink(log, new VirtualTimeHost(), LogStream.Stdout);
        var whole = "GET / 200";
        var broken = "GET /a\nb 404";

        sink.WriteLine("head ", whole);
        sink.WriteLine("head ", whole);
        sink.WriteLine("head ", broken);
        sink.WriteLine("head ", whole);

        Assert.Equal(["head GET / 200", "head GET / 200", "head GET /a", "b 404", "head GET / 200"], log.Lines);
        Assert.Equal(3, log.PartLines);
    }
}
