using System.Globalization;
using ActorPods.Actors;
using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    private readonly Dictionary<long, WatchSubscription> _watches = new();
    private readonly Dictionary<IActorRef, List<WatchSubscription>> _watchesByWatcher = new();
    private long _lastWatchId;

    private static readonly WatcherIndex.Visitor<FanOut> DeliverVisitor = static (WatchSubscription s, ref FanOut f) => f.Server.Deliver(s, f.Change);

    private readonly record struct FanOut(ApiServerActor Server, HistoryEntry Change);

    private void HandleWatch(Watch m)
    {
        var store = StoreFor(m.Kind);
        if (store is null)
        {
            Sender.Tell(new WatchResult(0, UnknownKind(m.Kind)), Self);
            return;
        }
        if (ParseSelectors(store, m.LabelSelector, m.FieldSelector, out var labels, out var fields) is { } bad)
        {
            Sender.Tell(new WatchResult(0, bad), Self);
            return;
        }
        var watcher = m.Watcher ?? Sender;
        // Dead letters cannot receive, and an Ask's temporary ref (/temp/...) completes on the first reply and cannot be
        // death-watched, so its watch would never be cleaned up.
        if (watcher.Equals(Context.System.DeadLetters) || watcher.Path.StartsWith("/temp/", StringComparison.Ordinal))
        {
            Sender.Tell(new WatchResult(0, ApiErrors.BadRequest("a watch needs a watcher actor: set Watcher, or send it from the watching actor")), Self);
            return;
        }
        long? from = null;
        if (!string.IsNullOrEmpty(m.ResourceVersion) && m.ResourceVersion != "0")
        {
            if (!long.TryParse(m.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            {
                Sender.Tell(new WatchResult(0, ApiErrors.BadRequest($"invalid resource version: {m.ResourceVersion}")), Self);
                return;
            }
            from = rv;
        }

        var id = ++_lastWatchId;
        if (from is { } start && store.History.Floor is { } floor && start < floor)
        {
            // The watch cache's answer for a compacted version: an ERROR event with 410 Expired, and no watch.
            var expired = ApiErrors.Expired($"too old resource version: {start} ({floor})");
            Sender.Tell(new WatchResult(id, expired), Self);
            watcher.Tell(new WatchEvent(id, WatchEventType.Error, null, expired), Self);
            return;
        }

        var sub = new WatchSubscription(id, watcher, store, store.Info.Namespaced ? m.Namespace : null, labels, fields);
        _watches[id] = sub;
        store.Watchers.Add(sub);
        if (!_watchesByWatcher.TryGetValue(watcher, out var mine))
        {
            _watchesByWatcher[watcher] = mine = new List<WatchSubscription>();
            Context.Watch(watcher);
        }
        mine.Add(sub);
        Sender.Tell(new WatchResult(id, null), Self);

        if (from is { } since)
        {
            foreach (var change in store.History.Since(since)) Deliver(sub, change);
            return;
        }
        // From "0" or nothing: the current state as synthetic ADDED events, as the watch cache does, in key order.
        var current = new List<StoredObject>();
        foreach (var entry in Candidates(store, sub.Namespace, fields))
        {
            if (sub.Matches(entry.Snapshot)) current.Add(entry);
        }
        current.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });
        foreach (var entry in current) watcher.Tell(new WatchEvent(id, WatchEventType.Added, entry.Snapshot), Self);
    }

    private void Publish(KindStore store, in HistoryEntry change)
    {
        store.History.Add(change);
        if (store.Watchers.Count == 0) return;
        var state = new FanOut(this, change);
        store.Watchers.ForCandidates(change.Namespace, change.NodeName, change.PreviousNodeName, ref state, DeliverVisitor);
    }

    /// <summary>
    /// One change as one watcher sees it through its selectors (cacheWatcher.convertToWatchEvent in
    /// staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go): an object that starts matching is ADDED,
    /// one that stops matching is DELETED.
    /// </summary>
    private void Deliver(WatchSubscription s, in HistoryEntry change)
    {
        WatchEvent? ev = null;
        switch (change.Type)
        {
            case WatchEventType.Added:
                if (s.Matches(change.Object)) ev = new WatchEvent(s.Id, WatchEventType.Added, change.Object);
                break;
            case WatchEventType.Deleted:
                if (s.Matches(change.Object)) ev = new WatchEvent(s.Id, WatchEventType.Deleted, change.Object);
                break;
            case WatchEventType.Modified:
                var now = s.Matches(change.Object);
                var before = change.Previous is not null && s.Matches(change.Previous);
                if (now) ev = new WatchEvent(s.Id, before ? WatchEventType.Modified : WatchEventType.Added, change.Object);
                else if (before)
                {
                    // The old state, at the new resourceVersion: a member-wise copy of the old snapshot (which equals
                    // decoding its encoding, as every snapshot does).
                    var gone = ModelCloner.Clone(change.Previous!);
                    gone.Meta.ResourceVersion = change.Object.Metadata?.ResourceVersion;
                    ev = new WatchEvent(s.Id, WatchEventType.Deleted, gone);
                }
                break;
        }
        if (ev is not null) s.Watcher.Tell(ev, Self);
    }

    private void StopWatching(long id)
    {
        if (!_watches.Remove(id, out var sub)) return;
        sub.Store.Watchers.Remove(sub);
        if (_watchesByWatcher.TryGetValue(sub.Watcher, out var mine))
        {
            mine.Remove(sub);
            if (mine.Count == 0)
            {
                _watchesByWatcher.Remove(sub.Watcher);
                Context.Unwatch(sub.Watcher);
            }
        }
    }

    private void WatcherDied(IActorRef watcher)
    {
        if (!_watchesByWatcher.Remove(watcher, out var mine)) return;
        foreach (var sub in mine)
        {
            _watches.Remove(sub.Id);
            sub.Store.Watchers.Remove(sub);
        }
    }
}
