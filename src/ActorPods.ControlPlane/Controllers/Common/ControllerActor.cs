using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Controllers.Common;

/// <summary>
/// What every controller shares: its own informers (watches opened in PreStart, in registration order), a
/// deduplicating work queue of keys drained in one batch after the pending messages, delayed re-queues on keyed timers,
/// api-server writes whose replies are matched to callbacks, and an event recorder with the controller's component
/// name. Replies are matched by order: the api-server answers one sender's requests in the order it received them.
/// </summary>
public abstract class ControllerActor : Actor
{
    private readonly List<Informer> _informers = [];
    private readonly Queue<Informer> _awaitingWatch = new();
    private readonly Dictionary<long, Informer> _byWatchId = new();
    private readonly Queue<Action<ObjectResult>?> _awaitingReply = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private bool _drainScheduled;

    protected ControllerActor(IActorRef apiServer, string component)
    {
        ApiServer = apiServer ?? throw new ArgumentNullException(nameof(apiServer));
        Component = component;
        Receive<WatchResult>(OnWatchResult);
        Receive<WatchEvent>(OnWatchEvent);
        Receive<ObjectResult>(OnObjectResult);
        Receive<DrainQueue>(_ => Drain());
        Receive<Requeue>(r => Enqueue(r.Key));
    }

    protected IActorRef ApiServer { get; }

    /// <summary>A controller's turns keep to themselves (Actor.RunsApart): its informers, work queue and expectations
    /// are its own (kube-controller-manager's controllers share nothing here, ControllerManager), it reaches the
    /// api-server by messages whose replies come back as messages, and it spawns nothing.</summary>
    protected override bool RunsApart => true;

    /// <summary>The event source component, e.g. "replicaset-controller".</summary>
    protected string Component { get; }

    protected DateTimeOffset Now => Context.Now;

    /// <summary>Registers a cache of <paramref name="kind"/>; call from the constructor.</summary>
    protected Informer Inform(string kind, string? ns = null, string? fieldSelector = null)
    {
        var informer = new Informer(kind, ns, fieldSelector);
        _informers.Add(informer);
        return informer;
    }

    protected override void PreStart()
    {
        foreach (var informer in _informers) OpenWatch(informer, "0");
    }

    private void OpenWatch(Informer informer, string resourceVersion)
    {
        _awaitingWatch.Enqueue(informer);
        ApiServer.Tell(new Watch(informer.Kind, informer.Namespace, FieldSelector: informer.FieldSelector, ResourceVersion: resourceVersion, Watcher: Self), Self);
    }

    private void OnWatchResult(WatchResult r)
    {
        if (!_awaitingWatch.TryDequeue(out var informer)) return;
        if (r.Error is not null) return;
        informer.WatchId = r.WatchId;
        _byWatchId[r.WatchId] = informer;
    }

    private void OnWatchEvent(WatchEvent e)
    {
        if (!_byWatchId.TryGetValue(e.WatchId, out var informer)) return;
        if (e.Type == WatchEventType.Error)
        {
            // The watch ended (e.g. 410 Expired): resume from the last version seen, as a reflector re-watches.
            _byWatchId.Remove(e.WatchId);
            OpenWatch(informer, e.Status?.Code == 410 ? "0" : informer.LastResourceVersion ?? "0");
            return;
        }
        if (e.Object is { } obj) informer.Apply(e.Type, obj);
    }

    private void OnObjectResult(ObjectResult r)
    {
        if (_awaitingReply.TryDequeue(out var then)) then?.Invoke(r);
    }

    /// <summary>Sends a single-object request; <paramref name="then"/> gets its reply.</summary>
    protected void Send(ApiServerRequest request, Action<ObjectResult>? then = null)
    {
        _awaitingReply.Enqueue(then);
        ApiServer.Tell(request, Self);
    }

    /// <summary>Marks a key for syncing; all keys marked before the queue drains are synced once, in marking order.</summary>
    protected void Enqueue(string key)
    {
        if (_dirty.Add(key)) _order.Add(key);
        if (_drainScheduled) return;
        _drainScheduled = true;
        Self.Tell(DrainQueue.Instance, Self);
    }

    /// <summary>Syncs <paramref name="key"/> again after <paramref name="delay"/> (workqueue AddAfter); a later call replaces an earlier one.</summary>
    protected void EnqueueAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(key);
            return;
        }
        Timers.StartSingleTimer(("requeue", key), new Requeue(key), delay);
    }

    /// <summary>
    /// A failed write: sync again later, with the workqueue's default per-item exponential back-off (5 ms doubling up
    /// to 1000 s), so a write the api-server keeps refusing cannot spin the controller.
    /// </summary>
    protected void RequeueWithBackoff(string key)
    {
        var failures = _failures.GetValueOrDefault(key);
        _failures[key] = failures + 1;
        var delay = TimeSpan.FromMilliseconds(5 * Math.Pow(2, Math.Min(failures, 30)));
        EnqueueAfter(key, delay > MaxBackoff ? MaxBackoff : delay);
    }

    /// <summary>The key's writes succeed again: its back-off starts over (workqueue Forget).</summary>
    protected void ResetBackoff(string key) => _failures.Remove(key);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1000);

    private void Drain()
    {
        _drainScheduled = false;
        var keys = _order.ToArray();
        _order.Clear();
        _dirty.Clear();
        foreach (var key in keys) Sync(key);
    }

    /// <summary>Reconciles one key against the caches.</summary>
    protected abstract void Sync(string key);

    /// <summary>Records an event about <paramref name="obj"/> (EventRecorder.Eventf).</summary>
    protected void RecordEvent(KubeObject obj, string type, string reason, string message)
    {
        var meta = obj.Metadata;
        var reference = new ObjectReference
        {
            Kind = obj.Kind, Namespace = meta?.Namespace, Name = meta?.Name, Uid = meta?.Uid,
            ApiVersion = obj.ApiVersion, ResourceVersion = meta?.ResourceVersion,
        };
        RecordEvent(reference, type, reason, message);
    }

    /// <summary>Records an event about a hand-made reference (some controllers build their own, e.g. without a uid).</summary>
    protected void RecordEvent(ObjectReference reference, string type, string reason, string message) =>
        ApiServer.Tell(new RecordEvent(reference, type, reason, message, new EventSource { Component = Component }), Self);

    private sealed record DrainQueue
    {
        public static readonly DrainQueue Instance = new();
    }

    private sealed record Requeue(string Key);
}
