using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// client-go's EventCorrelator (staging/src/k8s.io/client-go/tools/record/events_cache.go) with its default settings:
/// <list type="bullet">
/// <item>aggregation: more than 9 events within 10 minutes that differ only in message become one event whose message
/// is "(combined from similar events): ...";</item>
/// <item>deduplication: an identical event (source, involved object, type, reason, message) increments the count and
/// lastTimestamp of the Event object first recorded for it;</item>
/// <item>spam filter: a source may record 25 events about one object, then one every 5 minutes (token bucket).</item>
/// </list>
/// Time comes from the caller. The kubelet and controllers each run their own correlator in real Kubernetes; here the
/// api-server keeps one per recording source (component and host: ApiServerActor.CorrelatorFor), so each has its own
/// caches as there.
/// </summary>
internal sealed class EventCorrelator
{
    private const int MaxLruCacheEntries = 4096;
    private const int AggregateMaxEvents = 10;
    private static readonly TimeSpan AggregateInterval = TimeSpan.FromSeconds(600);
    private const double SpamBurst = 25;
    private const double SpamQps = 1.0 / 300.0;

    private readonly LruCache<AggregateRecord> _aggregates = new(MaxLruCacheEntries);
    private readonly LruCache<EventLog> _observations = new(MaxLruCacheEntries);
    private readonly LruCache<TokenBucket> _spam = new(MaxLruCacheEntries);

    // The keys are the concatenations client-go builds (strings.Join(..., "")), written into reused buffers and looked up
    // as characters: a key string is made only when a cache stores a new key.
    private readonly KeyBuffer _eventKey = new();
    private readonly KeyBuffer _aggregateKey = new();
    private readonly KeyBuffer _spamKey = new();

    /// <summary>What to do with an event: skip it, create it, or update the existing Event named <see cref="Outcome.ExistingName"/>.</summary>
    public readonly record struct Outcome(bool Skip, Event Event, string? ExistingName, string Key);

    public Outcome Correlate(Event incoming, DateTimeOffset now)
    {
        var (aggregated, combined) = Aggregate(incoming, now);
        var key = combined ? _aggregateKey.Chars : _eventKey.Chars;
        var (observed, existingName, storedKey) = Observe(aggregated, key);
        return Filter(observed, now) ? new Outcome(true, observed, null, storedKey) : new Outcome(false, observed, existingName, storedKey);
    }

    /// <summary>eventLogger.updateState: remember what the server stored, keyed by the event's full key. The store may
    /// have renamed a new event (two events for one object in the same virtual nanosecond), so the correlation key
    /// learns the stored name too.</summary>
    public void Stored(Event stored, string correlationKey)
    {
        var log = new EventLog(stored.Count ?? 1, stored.FirstTimestamp, stored.Metadata?.Name ?? "");
        _observations.Add(EventKey(stored), log);
        _observations.Add(correlationKey, log);
    }

    /// <returns>The event to go on with, and whether it is a new combined one (keyed by the aggregate key).</returns>
    private (Event Event, bool Combined) Aggregate(Event e, DateTimeOffset now)
    {
        EventKey(e);
        var aggregateKey = _aggregateKey.Build(e.Source?.Component, e.Source?.Host, e.InvolvedObject?.Kind, e.InvolvedObject?.Namespace,
            e.InvolvedObject?.Name, e.InvolvedObject?.Uid, e.InvolvedObject?.ApiVersion, e.Type, e.Reason, e.ReportingComponent, e.ReportingInstance);
        if (!_aggregates.TryGet(aggregateKey, out var record) || now - record.LastTimestamp > AggregateInterval)
        {
            record = new AggregateRecord(new HashSet<string>(StringComparer.Ordinal), now);
        }
        record.LocalKeys.Add(e.Message ?? "");
        record.LastTimestamp = now;
        _aggregates.Add(aggregateKey, record);
        if (record.LocalKeys.Count < AggregateMaxEvents) return (e, false);

        // Do not let the set grow past the maximum (PopAny).
        record.LocalKeys.Remove(record.LocalKeys.First());
        var combined = new Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new ObjectMeta { Name = EventName(e.InvolvedObject?.Name, now), Namespace = e.Metadata?.Namespace },
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            InvolvedObject = e.InvolvedObject,
            Message = "(combined from similar events): " + e.Message,
            Type = e.Type,
            Reason = e.Reason,
            Source = e.Source,
            // As in EventAggregate, the combined event carries no reporting fields.
        };
        return (combined, true);
    }

    private (Event Event, string? ExistingName, string Key) Observe(Event e, ReadOnlySpan<char> key)
    {
        string? existing = null;
        if (_observations.TryGet(key, out var last) && last.Count > 0)
        {
            e.Meta.Name = last.Name;
            e.FirstTimestamp = last.FirstTimestamp;
            e.Count = last.Count + 1;
            existing = last.Name;
        }
        var storedKey = _observations.Add(key, new EventLog(e.Count ?? 1, e.FirstTimestamp, e.Metadata?.Name ?? ""));
        return (e, existing, storedKey);
    }

    private bool Filter(Event e, DateTimeOffset now)
    {
        var spamKey = _spamKey.Build(e.Source?.Component, e.Source?.Host, e.InvolvedObject?.Kind, e.InvolvedObject?.Namespace,
            e.InvolvedObject?.Name, e.InvolvedObject?.Uid, e.InvolvedObject?.ApiVersion);
        if (!_spam.TryGet(spamKey, out var bucket)) bucket = new TokenBucket(SpamBurst, now);
        var tokens = Math.Min(SpamBurst, bucket.Tokens + (now - bucket.Last).TotalSeconds * SpamQps);
        var accept = tokens >= 1;
        if (accept) tokens -= 1;
        _spam.Add(spamKey, new TokenBucket(tokens, now));
        return !accept;
    }

    private ReadOnlySpan<char> EventKey(Event e) =>
        _eventKey.Build(e.Source?.Component, e.Source?.Host, e.InvolvedObject?.Kind, e.InvolvedObject?.Namespace, e.InvolvedObject?.Name,
            e.InvolvedObject?.FieldPath, e.InvolvedObject?.Uid, e.InvolvedObject?.ApiVersion, e.Type, e.Reason, e.Message);

    /// <summary>The recorder's name for a new Event: <c>&lt;object&gt;.&lt;unix nanoseconds in hex&gt;</c>.</summary>
    public static string EventName(string? objectName, DateTimeOffset at) =>
        $"{objectName}.{(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100:x}";

    /// <summary>Mutable: only the cache holds it, and each event refreshes its time (as the Go struct is updated in place).</summary>
    private sealed class AggregateRecord(HashSet<string> localKeys, DateTimeOffset lastTimestamp)
    {
        public HashSet<string> LocalKeys { get; } = localKeys;

        public DateTimeOffset LastTimestamp { get; set; } = lastTimestamp;
    }

    private readonly record struct EventLog(int Count, DateTimeOffset? FirstTimestamp, string Name);

    private readonly record struct TokenBucket(double Tokens, DateTimeOffset Last);

    /// <summary>One key's characters, rebuilt for each event in a buffer that only grows.</summary>
    private sealed class KeyBuffer
    {
        private char[] _chars = new char[256];
        private int _length;

        public ReadOnlySpan<char> Chars => _chars.AsSpan(0, _length);

        public ReadOnlySpan<char> Build(params ReadOnlySpan<string?> parts)
        {
            var length = 0;
            foreach (var part in parts) length += part?.Length ?? 0;
            if (length > _chars.Length) _chars = new char[Math.Max(length, _chars.Length * 2)];
            _length = 0;
            foreach (var part in parts)
            {
                if (string.IsNullOrEmpty(part)) continue;
                part.CopyTo(_chars.AsSpan(_length));
                _length += part.Length;
            }
            return Chars;
        }
    }
}
