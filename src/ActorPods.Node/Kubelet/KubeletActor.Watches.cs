using System.Globalization;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// The kubelet's informers, as client-go's reflector keeps them alive: each watch remembers the last resourceVersion
/// it saw; when the connection to the api-server broke (a lease renewal went unanswered) and answers again, and every
/// 5 minutes anyway (the reflector's watch timeout), the watch is re-opened from that version so the api-server
/// replays what was missed; a 410 Expired answer means relist (LIST, diff against what the kubelet holds, watch from
/// the list's version). Stale watches are closed. Requests are Asks so a lost answer becomes a timeout.
/// </summary>
public sealed partial class KubeletActor
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);

    private sealed class Informer(string kind, string? fieldSelector)
    {
        public string Kind { get; } = kind;
        public string? FieldSelector { get; } = fieldSelector;
        public long? WatchId { get; set; }
        public long Generation { get; set; }
        public string? LastResourceVersion { get; set; }
        public bool Opening { get; set; }

        /// <summary>Events that overtook the answer to the watch being opened (kept until it names its watch ID).</summary>
        public List<WatchEvent> Early { get; } = new();
    }

    private readonly Dictionary<string, Informer> _informers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> _knownPods = new(StringComparer.Ordinal);

    private sealed record WatchOpened(string Kind, long Generation, WatchResult? Result, Exception? Failure);

    private sealed record Relisted(string Kind, long Generation, ListResult? Result, Exception? Failure);

    private sealed record RewatchAll
    {
        public static readonly RewatchAll Instance = new();
    }

    private void ReceiveWatches()
    {
        Receive<WatchOpened>(OnWatchOpened);
        Receive<Relisted>(OnRelisted);
        Receive<RewatchAll>(_ => RewatchEverything());
        Receive<WatchEvent>(OnWatchEvent);
    }

    private void StartInformers(bool relist = false)
    {
        foreach (var (kind, selector) in new[] { ("Pod", $"spec.nodeName={_config.Name}"), ("ConfigMap", (string?)null), ("Secret", null) })
        {
            _informers[kind] = new Informer(kind, selector);
            if (relist) Relist(_informers[kind]);
            else OpenWatch(_informers[kind]);
        }
        Timers.StartPeriodicTimer("rewatch", RewatchAll.Instance, WatchTimeout);
    }

    /// <summary>Closes the current watch of the informer (if any) and opens a new one from its last resourceVersion.</summary>
    private void OpenWatch(Informer informer)
    {
        CloseWatch(informer);
        informer.Opening = true;
        informer.Early.Clear();
        var generation = ++informer.Generation;
        var kind = informer.Kind;
        AskInto<WatchResult>(new Watch(kind, null, null, informer.FieldSelector, informer.LastResourceVersion, Self),
            (r, e) => new WatchOpened(kind, generation, r, e));
    }

    private void StopInformers()
    {
        foreach (var informer in _informers.Values) CloseWatch(informer);
        _informers.Clear();
        _watchKinds.Clear();
        Timers.Cancel("rewatch");
    }

    private void CloseWatch(Informer informer)
    {
        if (informer.WatchId is not { } id) return;
        _watchKinds.Remove(id);
        informer.WatchId = null;
        _api.Tell(new StopWatch(id), Self);
    }

    private void RewatchEverything()
    {
        foreach (var informer in _informers.Values)
            if (!informer.Opening) OpenWatch(informer);
    }

    private void OnWatchOpened(WatchOpened m)
    {
        if (!_informers.TryGetValue(m.Kind, out var informer) || informer.Generation != m.Generation) return;
        informer.Opening = false;
        if (m.Result is { IsSuccess: true } ok)
        {
            ApiAnswered();
            informer.WatchId = ok.WatchId;
            _watchKinds[ok.WatchId] = m.Kind;
            var early = informer.Early.Where(e => e.WatchId == ok.WatchId).ToList();
            informer.Early.Clear();
            foreach (var e in early) OnWatchEvent(e);
            return;
        }
        if (m.Result?.Error is { Code: 410 })
        {
            // The version is older than the api-server's history: relist.
            ApiAnswered();
            Relist(informer);
            return;
        }
        // No answer (or an error): the connection is down; the next successful renewal re-opens every watch.
        ConnectionLost();
    }

    private void Relist(Informer informer)
    {
        informer.Opening = true;
        var generation = ++informer.Generation;
        var kind = informer.Kind;
        AskInto<ListResult>(new List(kind, null, null, informer.FieldSelector), (r, e) => new Relisted(kind, generation, r, e));
    }

    private void OnRelisted(Relisted m)
    {
        if (!_informers.TryGetValue(m.Kind, out var informer) || informer.Generation != m.Generation) return;
        informer.Opening = false;
        if (m.Result is not { IsSuccess: true } list)
        {
            ConnectionLost();
            return;
        }
        ApiAnswered();
        if (m.Kind == "Pod")
        {
            // Diff: a pod the kubelet runs that the list no longer has was deleted while the kubelet was not looking.
            var listed = list.Items.OfType<Pod>().Select(p => p.Meta.Uid ?? "").ToHashSet(StringComparer.Ordinal);
            foreach (var (uid, last) in _knownPods.Where(kv => !listed.Contains(kv.Key)).ToList())
                OnPod(WatchEventType.Deleted, last);
            foreach (var pod in list.Items.OfType<Pod>()) OnPod(WatchEventType.Modified, pod);
        }
        else _cache.Replace(m.Kind, list.Items);
        informer.LastResourceVersion = list.ResourceVersion;
        OpenWatch(informer);
    }

    private void OnWatchEvent(WatchEvent e)
    {
        if (!_watchKinds.TryGetValue(e.WatchId, out var kind))
        {
            if (e.Object is not null && _informers.TryGetValue(e.Object.GetType().Name, out var opening) && opening.Opening) opening.Early.Add(e);
            return;
        }
        if (!_informers.TryGetValue(kind, out var informer)) return;
        if (e.Type == WatchEventType.Error)
        {
            // 410 Gone and friends: relist.
            CloseWatch(informer);
            Relist(informer);
            return;
        }
        if (e.Object is null) return;
        ApiAnswered();
        if (e.Object.Meta.ResourceVersion is { } rv && IsNewer(rv, informer.LastResourceVersion)) informer.LastResourceVersion = rv;
        switch (kind)
        {
            case "Pod":
                OnPod(e.Type, (Pod)e.Object);
                break;
            default:
                if (e.Type == WatchEventType.Deleted) _cache.Remove(e.Object);
                else _cache.Put(e.Object);
                break;
        }
    }

    private static bool IsNewer(string rv, string? than) =>
        than is null || (long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                         && long.TryParse(than, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a > b);

    /// <summary>Sends a request whose answer (or its absence) comes back to this actor as <paramref name="wrap"/>'s message.</summary>
    private void AskInto<T>(object request, Func<T?, Exception?, object> wrap) where T : class
    {
        var self = Self;
        _api.Ask<T>(request, RequestTimeout).ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? wrap(t.Result, null) : wrap(null, t.Exception?.InnerException ?? new TimeoutException())),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
