using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>What the <see cref="ClusterRecorder"/> saw: every pod version and every event write, stamped with virtual time.</summary>
public sealed class RecorderLog
{
    public sealed record PodVersion(TimeSpan At, WatchEventType Type, Pod Pod)
    {
        public PodStatusSummary Summary => PodStatusColumn.Compute(Pod);
        public string Column => $"{Summary.Ready} {Summary.Status} {Summary.Restarts}";
    }

    public sealed record EventWrite(TimeSpan At, string Reason, string Message, string? FieldPath, string Type, int Count);

    public List<PodVersion> Pods { get; } = new();
    public List<EventWrite> Events { get; } = new();
}

/// <summary>A test-side watcher of pods and events.</summary>
public sealed class ClusterRecorder : Actor
{
    private readonly Dictionary<long, string> _kinds = new();
    private readonly Queue<string> _pending = new();

    public ClusterRecorder(IActorRef api, RecorderLog log)
    {
        foreach (var kind in new[] { "Pod", "Event" })
        {
            _pending.Enqueue(kind);
            api.Tell(new Watch(kind, Watcher: Self), Self);
        }
        Receive<WatchResult>(r => _kinds[r.WatchId] = _pending.Dequeue());
        Receive<WatchEvent>(e =>
        {
            if (!_kinds.TryGetValue(e.WatchId, out var kind) || e.Object is null) return;
            if (kind == "Pod") log.Pods.Add(new RecorderLog.PodVersion(Context.Elapsed, e.Type, (Pod)e.Object));
            else if (e.Object is Event ev && e.Type != WatchEventType.Deleted)
                log.Events.Add(new RecorderLog.EventWrite(Context.Elapsed, ev.Reason ?? "", ev.Message ?? "", ev.InvolvedObject?.FieldPath, ev.Type ?? "", ev.Count ?? 1));
        });
    }
}
