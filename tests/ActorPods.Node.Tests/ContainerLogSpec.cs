using ActorPods.Actors.Events;
using ActorPods.Node.Kubelet.Runtime;
using ActorPods.Userland.Hosting;

namespace ActorPods.Node.Tests;

/// <summary>The container log file: compact storage that reads back exactly, and the kubelet's rotation.</summary>
public sealed class ContainerLogSpec
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ContainerLog Log(ContainerLogSettings? settings = null) => new(new EventStream(), "default", "p", "c", settings);

    [Fact]
    public void Lines_read_back_exactly_with_their_time_and_stream()
    {
        var log = Log();
        var written = new List<LogEntry>
        {
            new(T0, LogStream.Stdout, "10.244.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 615"),
            new(T0.AddSeconds(10), LogStream.Stdout, "10.244.0.1 - - [01/Jan/2024:00:00:10 +0000] \"GET / HTTP/1.1\" 200 615"),
            new(T0.AddSeconds(10), LogStream.Stderr, ""),
            new(T0.AddTicks(123_456_789), LogStream.Stderr, "naïve ünïcödé 日本語 😀 line"),
            new(T0.AddSeconds(5), LogStream.Stdout, "😀😀 surrogate pairs around the 😀 middle 😀"),
            new(T0.AddSeconds(5).ToOffset(TimeSpan.FromHours(2)), LogStream.Stdout, "😀😀 surrogate pairs around the 😁 middle 😀"),
            new(T0.AddSeconds(6), LogStream.Stdout, "aaaa"),
            new(T0.AddSeconds(6), LogStream.Stdout, "aa"),
            new(T0.AddSeconds(6), LogStream.Stdout, "aaaaaa"),
        };
        foreach (var e in written) log.Line(e.Time, e.Stream, e.Line);

        var read = log.Snapshot(T0.AddSeconds(7));

        Assert.Equal(written, read);
        Assert.Equal(written.Select(e => e.Time.Offset), read.Select(e => e.Time.Offset));
    }

    [Fact]
    public void A_line_given_in_two_parts_reads_back_as_their_concatenation_among_whole_lines()
    {
        var whole = Log();
        var parts = Log();
        var lines = new (DateTimeOffset Time, LogStream Stream, string Head, string Tail)[]
        {
            (T0, LogStream.Stdout, "10.244.0.1 - - [01/Jan/2024:00:00:00 +0000] \"", "GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.32\" \"-\""),
            (T0.AddSeconds(10), LogStream.Stdout, "10.244.0.1 - - [01/Jan/2024:00:00:10 +0000] \"", "GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.32\" \"-\""),
            (T0.AddSeconds(10), LogStream.Stdout, "a whole line in between", ""),
            (T0.AddSeconds(11), LogStream.Stderr, "", "only a tail"),
            (T0.AddSeconds(12), LogStream.Stdout, "ünïcödé 😀", " and 日本語 😀"),
            (T0.AddSeconds(12), LogStream.Stdout, "ünïcödé 😀", " and 日本語 😁"),
            (T0.AddSeconds(13), LogStream.Stdout, new string('x', 5000), new string('y', 3000)),
            (T0.AddSeconds(14), LogStream.Stdout, "", ""),
            (T0.AddSeconds(15), LogStream.Stdout, "a pair split between the parts \uD83D", "\uDE00 here"),
        };
        foreach (var (time, stream, head, tail) in lines)
        {
            whole.Line(time, stream, head + tail);
            if (tail.Length == 0) parts.Line(time, stream, head);
            else parts.Line(time, stream, head, tail);
        }

        Assert.Equal(whole.Snapshot(T0.AddSeconds(16)), parts.Snapshot(T0.AddSeconds(16)));
        Assert.Equal(lines.Select(l => l.Head + l.Tail), parts.Snapshot(T0.AddSeconds(16)).Select(e => e.Line));
        Assert.Equal(whole.CurrentFileSize, parts.CurrentFileSize);
    }

    [Fact]
    public void Lines_that_share_a_tail_after_heads_of_one_length_read_back_exactly()
    {
        // The access log's shape (a fixed-width head, then a cached tail given as the same string again), which the
        // store compares by heads alone: heads equal, differing at either end or in the middle, tails shared or not.
        var random = new Random(5);
        const string alphabet = "ab0:/ ü日😀";
        var tails = new[] { "", "GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.32\" \"-\"", " tail ü", "😀" };
        var log = Log();
        var expected = new List<string>();
        var head = "10.244.0.1 [00:00:00] \"";
        var tail = tails[1];
        for (var i = 0; i < 3000; i++)
        {
            var chars = head.ToCharArray();
            switch (chars.Length == 0 ? 4 : random.Next(6))
            {
                case 0: break; // the same head again
                case 1: chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)]; break;
                case 2: chars[0] = alphabet[random.Next(alphabet.Length)]; break;
                case 3: chars[^1] = alphabet[random.Next(alphabet.Length)]; break;
                case 4: chars = Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray(); break;
                default: tail = tails[random.Next(tails.Length)]; break;
            }
            head = new string(chars);
            log.Line(T0.AddSeconds(i), LogStream.Stdout, head, tail);
            expected.Add(head + tail);
        }

        Assert.Equal(expected, log.Snapshot(T0.AddSeconds(3000)).Select(e => e.Line));
    }

    /// <summary>
    /// The store's chunks (doubling to 4 KiB, a line never split between two) fill up at every possible offset here:
    /// lines of every length from 0 to 5 000 characters, narrow and wide, each unlike the one before, then again after
    /// a rotation has emptied the file.
    /// </summary>
    [Fact]
    public void Lines_of_every_length_read_back_across_chunk_boundaries_and_after_a_rotation()
    {
        // Rotated at the monitor tick after a day, between the rounds.
        var log = Log(new ContainerLogSettings { MaxSize = 1024, MonitorInterval = TimeSpan.FromDays(1) });
        var random = new Random(11);
        for (var round = 0; round < 2; round++)
        {
            var start = T0.AddDays(2 * round);
            var expected = new List<string>();
            for (var length = 0; length <= 5000; length += 1 + length / 64)
            {
                var wide = random.Next(4) == 0;
                var line = string.Create(length, (random.Next(), wide), static (span, s) =>
                {
                    var r = new Random(s.Item1);
                    for (var i = 0; i < span.Length; i++) span[i] = s.wide ? (char)('ü' + r.Next(8)) : (char)('a' + r.Next(26));
                });
                log.Line(start.AddSeconds(expected.Count), LogStream.Stdout, line);
                expected.Add(line);
            }

            Assert.Equal(expected, log.Snapshot(start.AddSeconds(expected.Count)).Select(e => e.Line));
            Assert.Equal(round, log.Rotations);
        }
    }

    [Fact]
    public void What_a_write_reads_is_recorded_as_the_log_and_its_parts_once_each()
    {
        var log = Log();
        var set = new ReadSet();
        var reads = new ReadRecorder(set);
        ((ILogSink)log).AddReads(ref reads);
        ReadOnlySpan<object?> slots = set;
        var recorded = slots[..reads.Count].ToArray();
        Assert.Same(log, recorded[0]);
        Assert.Equal(3, recorded.Length);
        Assert.Equal(3, recorded.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void A_log_without_concurrent_readers_has_no_lock_to_read()
    {
        var log = new ContainerLog(new EventStream(), "default", "p", "c", concurrentReaders: false);
        Assert.False(log.IsLocked);
        var set = new ReadSet();
        var reads = new ReadRecorder(set);
        ((ILogSink)log).AddReads(ref reads);
        Assert.Equal(2, reads.Count);
        log.Line(T0, LogStream.Stdout, "head ", "tail");
        Assert.Equal(["head tail"], log.Snapshot(T0).Select(l => l.Line));
    }

    [Fact]
    public void Only_a_real_time_system_locks_its_container_logs()
    {
        using var virtualTime = Actors.ActorSystem.CreateVirtual();
        using var realTime = Actors.ActorSystem.CreateRealTime();
        Assert.False(ContainerLog.For(virtualTime, "default", "p", "c", null).IsLocked);
        Assert.True(ContainerLog.For(realTime, "default", "p", "c", null).IsLocked);
    }

    [Fact]
    public void A_line_in_two_parts_goes_to_the_event_stream_whole()
    {
        var events = new EventStream();
        var seen = new List<string>();
        using var _ = events.Subscribe<Observability.ContainerLogLine>(l => seen.Add(l.Line));
        var log = new ContainerLog(events, "default", "p", "c");
        log.Line(T0, LogStream.Stdout, "head ", "tail");
        Assert.Equal(["head tail"], seen);
    }

    [Fact]
    public void Every_line_still_goes_to_the_event_stream()
    {
        var events = new EventStream();
        var seen = new List<string>();
        using var _ = events.Subscribe<Observability.ContainerLogLine>(l => seen.Add(l.Line));
        var log = new ContainerLog(events, "default", "p", "c");
        log.Line(T0, LogStream.Stdout, "one");
        log.Line(T0, LogStream.Stdout, "two");
        Assert.Equal(["one", "two"], seen);
    }

    [Fact]
    public void A_file_is_rotated_at_the_first_monitor_tick_after_it_reaches_the_max_size()
    {
        // 30-byte timestamp-free lines: "2024-01-01T00:00:01Z stdout F " is 30 bytes, plus the text and "\n".
        var log = Log(new ContainerLogSettings { MaxSize = 100 });
        log.Line(T0.AddSeconds(1), LogStream.Stdout, "line-1"); // 37 bytes
        log.Line(T0.AddSeconds(2), LogStream.Stdout, "line-2"); // 74
        log.Line(T0.AddSeconds(3), LogStream.Stdout, "line-3"); // 111 >= 100, rotated at the tick at 10 s
        Assert.Equal(111, log.CurrentFileSize);
        Assert.Equal(3, log.Snapshot(T0.AddSeconds(9)).Count);

        Assert.Empty(log.Snapshot(T0.AddSeconds(10)));
        log.Line(T0.AddSeconds(11), LogStream.Stdout, "line-4");
        Assert.Equal(["line-4"], log.Snapshot(T0.AddSeconds(11)).Select(l => l.Line));
        Assert.Equal(1, log.Rotations);
    }

    [Fact]
    public void A_write_at_the_tick_lands_in_the_new_file()
    {
        var log = Log(new ContainerLogSettings { MaxSize = 10 });
        log.Line(T0.AddSeconds(1), LogStream.Stdout, "old");
        log.Line(T0.AddSeconds(10), LogStream.Stdout, "new");
        Assert.Equal(["new"], log.Tail(T0.AddSeconds(10)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_stopped_container_log_is_not_rotated()
    {
        var log = Log(new ContainerLogSettings { MaxSize = 10 });
        log.Line(T0.AddSeconds(1), LogStream.Stderr, "fatal: boom");
        log.Stopped(T0.AddSeconds(2));
        Assert.Equal("fatal: boom\n", log.Tail(T0.AddMinutes(5)));
        Assert.Equal(0, log.Rotations);
    }

    [Fact]
    public void A_negative_max_size_disables_rotation()
    {
        var log = Log(new ContainerLogSettings { MaxSize = -1 });
        for (var i = 0; i < 100; i++) log.Line(T0.AddSeconds(i), LogStream.Stdout, new string('x', 100));
        Assert.Equal(100, log.Snapshot(T0.AddHours(1)).Count);
    }

    [Fact]
    public void The_file_size_counts_the_cri_line_format()
    {
        // containerd: RFC3339Nano (trailing zeros dropped) + " stdout F " + text + "\n".
        Assert.Equal("2024-01-01T00:00:00Z stdout F héllo\n".Length + 1,
            ContainerLog.CriLineLength(T0, LogStream.Stdout, "héllo"));
        Assert.Equal("2024-01-01T00:00:00.12Z stderr F x\n".Length,
            ContainerLog.CriLineLength(T0.AddMilliseconds(120), LogStream.Stderr, "x"));
        Assert.Equal("2024-01-01T00:00:00.0000001+02:00 stdout F x\n".Length,
            ContainerLog.CriLineLength(T0.AddTicks(1).ToOffset(TimeSpan.FromHours(2)), LogStream.Stdout, "x"));
    }
}
