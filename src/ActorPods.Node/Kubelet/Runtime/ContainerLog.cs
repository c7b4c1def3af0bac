using ActorPods.Actors.Events;
using ActorPods.Node.Observability;
using ActorPods.Userland.Hosting;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>One log line as the CRI log file keeps it.</summary>
public sealed record LogEntry(DateTimeOffset Time, LogStream Stream, string Line);

/// <summary>
/// The log file of one container instance (/var/log/pods/.../&lt;n&gt;.log): written by the ContainerActor, read by
/// `logs` and `logs --previous` through the PodWorker, so it is locked. Every line also goes to the trace.
/// </summary>
public sealed class ContainerLog(EventStream events, string ns, string pod, string container) : ILogSink
{
    private readonly List<LogEntry> _lines = new();
    private readonly object _lock = new();

    public void Line(DateTimeOffset time, LogStream stream, string line)
    {
        lock (_lock) _lines.Add(new LogEntry(time, stream, line));
        events.Publish(new ContainerLogLine(ns, pod, container, line));
    }

    public IReadOnlyList<LogEntry> Snapshot()
    {
        lock (_lock) return _lines.ToArray();
    }

    /// <summary>FallbackToLogsOnError: the last 80 lines, at most 2048 bytes (kuberuntime_container.go).</summary>
    public string Tail(int maxLines = 80, int maxBytes = 2048)
    {
        var lines = Snapshot();
        var text = string.Join("\n", lines.Skip(Math.Max(0, lines.Count - maxLines)).Select(l => l.Line));
        if (lines.Count > 0) text += "\n";
        if (text.Length > maxBytes) text = text[^maxBytes..];
        return text;
    }
}
