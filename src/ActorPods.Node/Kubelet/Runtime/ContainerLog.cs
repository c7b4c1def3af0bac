using ActorPods.Actors.Events;
using ActorPods.Node.Observability;
using ActorPods.Userland.Hosting;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>One log line as the CRI log file keeps it.</summary>
public sealed record LogEntry(DateTimeOffset Time, LogStream Stream, string Line);

/// <summary>
/// The log file of one container instance (/var/log/pods/.../&lt;n&gt;.log): written by the ContainerActor, read by
/// `logs` and `logs --previous` through the PodWorker, so it is locked. Every line also goes to the trace.
/// <para>
/// Rotation as the kubelet's container log manager does it (pkg/kubelet/logs/container_log_manager.go): every
/// <see cref="ContainerLogSettings.MonitorInterval"/> it looks at each running container's current file and, when
/// the file has reached <see cref="ContainerLogSettings.MaxSize"/> (CRI format: timestamp, stream, tag, line),
/// renames it and has the runtime reopen an empty one. `kubectl logs` reads only the current file, so the rotated
/// files' lines (kept on disk, at most MaxFiles-1 of them, compressed but the newest) have no reader here and are
/// dropped. The monitor's ticks fall on whole multiples of the interval of virtual time; they are evaluated when the
/// log is next written or read instead of by a timer, which gives the same files without extra deliveries.
/// </para>
/// </summary>
public sealed class ContainerLog(EventStream events, string ns, string pod, string container, ContainerLogSettings? settings = null,
    bool concurrentReaders = true) : ILogSink
{
    private readonly CompactLogLines _lines = new();
    // The trace's line events; looked up once, not per line.
    private readonly EventChannel<ContainerLogLine> _lineEvents = events.Channel<ContainerLogLine>();
    // Null when every reader runs on the writer's thread (see the class summary).
    private readonly Lock? _lock = concurrentReaders ? new Lock() : null;

    private readonly ContainerLogSettings _settings = settings ?? ContainerLogSettings.Default;
    private long _size;
    private long _nextCheckTicks = long.MinValue;
    private bool _stopped;

    /// <summary>Whether reads and writes are locked (see the class summary).</summary>
    public bool IsLocked => _lock is not null;

    /// <summary>The log of a container started in <paramref name="system"/>: locked unless the system runs in virtual
    /// time, where its readers run on the writer's thread.</summary>
    public static ContainerLog For(Actors.ActorSystem system, string ns, string pod, string container, ContainerLogSettings? settings) =>
        new(system.EventStream, ns, pod, container, settings, concurrentReaders: !system.Scheduler.IsVirtual);

    /// <summary>What writing a line reads: this log, its lines and its lock if any (the trace's channel is one per stream,
    /// shared by every log). The lines' buffer is hinted apart (<see cref="PrefetchWriteEnd"/>): its write position
    /// is not an object's start.</summary>
    public void AddReads(ref ReadRecorder reads)
    {
        reads.Add(this);
        reads.Add(_lines);
        // Recorded as an object for a cache hint only; it is never locked through that reference.
#pragma warning disable CS9216
        if (_lock is not null) reads.Add(_lock);
#pragma warning restore CS9216
    }

    /// <summary>A hint for a writer about to add a line: where it will go. Reads this log's and its lines' fields, so
    /// it comes a hop after those were hinted.</summary>
    internal void PrefetchWriteEnd() => _lines.PrefetchWriteEnd();

    /// <summary>Rotations done so far (the rotated files that still exist number at most MaxFiles-1).</summary>
    public int Rotations { get; private set; }

    /// <summary>Size of the current file in bytes, as the CRI runtime writes it.</summary>
    public long CurrentFileSize
    {
        get
        {
            using var held = new Held(_lock);
            return _size;
        }
    }

    public void Line(DateTimeOffset time, LogStream stream, string line)
    {
        using (new Held(_lock))
        {
            MonitorUntil(time);
            _lines.Add(time, stream, line);
            _size += CriLineLength(time, stream, line);
        }
        // The trace's copy of the line; nobody subscribes in the scale benchmarks.
        if (_lineEvents.HasSubscribers) _lineEvents.Publish(new ContainerLogLine(ns, pod, container, line));
    }

    /// <summary>
    /// The line <paramref name="head"/> + <paramref name="tail"/> (an access-log line from cached parts), stored
    /// without building that string: it is built only for the trace, when somebody subscribes.
    /// </summary>
    public void Line(DateTimeOffset time, LogStream stream, string head, string tail)
    {
        // A surrogate pair split between the parts would be counted as two broken characters.
        if (head.Length > 0 && char.IsHighSurrogate(head[^1]))
        {
            Line(time, stream, string.Concat(head, tail));
            return;
        }
        using (new Held(_lock))
        {
            MonitorUntil(time);
            _lines.Add(time, stream, head, tail);
            _size += CriLineLength(time, stream, head) + TailBytes(tail);
        }
        if (_lineEvents.HasSubscribers) _lineEvents.Publish(new ContainerLogLine(ns, pod, container, string.Concat(head, tail)));
    }

    /// <summary>The UTF-8 length of <paramref name="tail"/>, remembered for the last tail (an access log's is the same
    /// string every period: its characters, cold by then, are not read again). Under the lock, if any.</summary>
    private int TailBytes(string tail)
    {
        if (!ReferenceEquals(tail, _countedTail))
        {
            _countedTailBytes = System.Text.Encoding.UTF8.GetByteCount(tail);
            _countedTail = tail;
        }
        return _countedTailBytes;
    }

    private string? _countedTail;
    private int _countedTailBytes;

    /// <summary>The container exited: the log manager rotates only running containers' logs (rotateLogs).</summary>
    public void Stopped(DateTimeOffset at)
    {
        using (new Held(_lock))
        {
            MonitorUntil(at);
            _stopped = true;
        }
    }

    /// <summary>The current file's lines as of <paramref name="now"/>.</summary>
    public IReadOnlyList<LogEntry> Snapshot(DateTimeOffset now)
    {
        using (new Held(_lock))
        {
            MonitorUntil(now);
            return _lines.Decode();
        }
    }

    /// <summary>FallbackToLogsOnError: the last 80 lines, at most 2048 bytes (kuberuntime_container.go).</summary>
    public string Tail(DateTimeOffset now, int maxLines = 80, int maxBytes = 2048)
    {
        var lines = Snapshot(now);
        var text = string.Join("\n", lines.Skip(Math.Max(0, lines.Count - maxLines)).Select(l => l.Line));
        if (lines.Count > 0) text += "\n";
        if (text.Length > maxBytes) text = text[^maxBytes..];
        return text;
    }

    /// <summary>
    /// Applies the monitor ticks up to <paramref name="time"/> (a tick at the same instant as a write comes first).
    /// Between two calls the file does not grow, so every tick in between sees the same size: one check is enough.
    /// </summary>
    private void MonitorUntil(DateTimeOffset time)
    {
        if (_stopped || _settings.MaxSize < 0) return;
        var ticks = time.UtcTicks;
        if (ticks < _nextCheckTicks) return;
        if (_nextCheckTicks != long.MinValue && _size >= _settings.MaxSize)
        {
            // processContainer: rotate when info.Size() >= MaxSize; rotateLatestLog + ReopenContainerLog.
            _lines.Clear();
            _size = 0;
            Rotations++;
        }
        var interval = _settings.MonitorInterval.Ticks;
        _nextCheckTicks = (ticks / interval + 1) * interval;
    }

    /// <summary>
    /// One line of the CRI log format ("2016-10-06T00:17:09.669794202Z stdout F text\n", containerd's
    /// pkg/cri/io/logger.go, time.RFC3339Nano: trailing zeros of the fraction dropped). Lines longer than the
    /// runtime's 16 KiB split into partial "P" lines are counted as one line.
    /// </summary>
    public static long CriLineLength(DateTimeOffset time, LogStream stream, string line)
    {
        var timestamp = 19 + (time.Offset == TimeSpan.Zero ? 1 : 6);
        var fraction = time.UtcTicks % TimeSpan.TicksPerSecond; // 100 ns units: 7 digits, then "00" nanoseconds
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            timestamp += 1 + digits;
        }
        const int streamName = 6; // "stdout" or "stderr"
        return timestamp + 1 + streamName + 1 + 1 + 1 + System.Text.Encoding.UTF8.GetByteCount(line) + 1;
    }

    /// <summary>Holds the lock, when there is one, until disposed.</summary>
    private readonly ref struct Held
    {
        private readonly Lock? _held;

        public Held(Lock? held)
        {
            _held = held;
            held?.Enter();
        }

        public void Dispose() => _held?.Exit();
    }
}
