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
/// api-server runs one for everyone, which is the same as long as the keys include the source (they do).
/// </summary>
internal sealed class EventCorrelator
{
    private const int MaxLruCacheEntries = 4096;
    private const int AggregateMaxEvents = 10;
    private static readonly TimeSpan AggregateInterval = TimeSpan.FromSeconds(600);
    private const double SpamBurst = 25;
    private const double SpamQps = 1.0 / 300.0;

    private readonly LruCache<string, AggregateRecord> _aggregates = new(MaxLruCacheEntries);
    private readonly LruCache<string, EventLog> _observations = new(MaxLruCacheEntries);
    private readonly LruCache<string, TokenBucket> _spam = new(MaxLruCacheEntries);

    /// <summary>What to do with an event: skip it, create it, or update the existing Event named <see cref="Outcome.ExistingName"/>.</summary>
    public readonly record struct Outcome(bool Skip, Event Event, string? ExistingName, string Key);

    public Outcome Correlate(Event incoming, DateTimeOffset now)
    {
        var (aggregated, key) = Aggregate(incoming, now);
        var (observed, existingName) = Observe(aggregated, key);
        return Filter(observed, now) ? new Outcome(true, observed, null, key) : new Outcome(false, observed, existingName, key);
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

    private (Event Event, string Key) Aggregate(Event e, DateTimeOffset now)
    {
        var eventKey = EventKey(e);
        var aggregateKey = string.Concat(e.Source?.Component, e.Source?.Host, e.InvolvedObject?.Kind, e.InvolvedObject?.Namespace,
            e.InvolvedObject?.Name, e.InvolvedObject?.Uid, e.InvolvedObject?.ApiVersion, e.Type, e.Reason, e.ReportingComponent, e.ReportingInstance);
        if (!_aggregates.TryGet(aggregateKey, out var record) || now - record.LastTimestamp > AggregateInterval)
        {
            record = new AggregateRecord(new HashSet<string>(StringComparer.Ordinal), now);
        }
        record.LocalKeys.Add(e.Message ?? "");
        record = record with { LastTimestamp = now };
        _aggregates.Add(aggregateKey, record);
        if (record.LocalKeys.Count < AggregateMaxEvents) return (e, eventKey);

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
        return (combined, aggregateKey);
    }

    private (Event Event, string? ExistingName) Observe(Event e, string key)
    {
        string? existing = null;
        if (_observations.TryGet(key, out var last) && last.Count > 0)
        {
            e.Meta.Name = last.Name;
            e.FirstTimestamp = last.FirstTimestamp;
            e.Count = last.Count + 1;
            existing = last.Name;
        }
        _observations.Add(key, new EventLog(e.Count ?? 1, e.FirstTimestamp, e.Metadata?.Name ?? ""));
        return (e, existing);
    }

    private bool Filter(Event e, DateTimeOffset now)
    {
        var spamKey = string.Concat(e.Source?.Component, e.Source?.Host, e.InvolvedObject?.Kind, e.InvolvedObject?.Namespace,
            e.InvolvedObject?.Name, e.InvolvedObject?.Uid, e.InvolvedObject?.ApiVersion);
        if (!_spam.TryGet(spamKey, out var bucket)) bucket = new TokenBucket(SpamBurst, now);
        var tokens = Math.Min(SpamBurst, bucket.Tokens + (now - bucket.Last).TotalSeconds * SpamQps);
        var accept = tokens >= 1;
        if (accept) tokens -= 1;
        _spam.Add(spamKey, new TokenBucket(tokens, now));
        return !accept;
    }

    private static string EventKey(Event e) =>
        string.Concat(e.Source?.Component, e.Source?.Host, e.InvolvedObject?.Kind, e.InvolvedObject?.Namespace, e.InvolvedObject?.Name,
            e.InvolvedObject?.FieldPath, e.InvolvedObject?.Uid, e.InvolvedObject?.ApiVersion, e.Type, e.Reason, e.Message);

    /// <summary>The recorder's name for a new Event: <c>&lt;object&gt;.&lt;unix nanoseconds in hex&gt;</c>.</summary>
    public static string EventName(string? objectName, DateTimeOffset at) =>
        $"{objectName}.{(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100:x}";

    private sealed record AggregateRecord(HashSet<string> LocalKeys, DateTimeOffset LastTimestamp);

    private sealed record EventLog(int Count, DateTimeOffset? FirstTimestamp, string Name);

    private readonly record struct TokenBucket(double Tokens, DateTimeOffset Last);
}
