namespace ActorPods.Node.Kubelet;

/// <summary>
/// client-go util/flowcontrol/backoff.go without jitter: per-key exponential back-off; an entry not updated for
/// twice the maximum is "expired" and starts over at the initial duration. Times are passed in (virtual time).
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private sealed class Entry
    {
        public TimeSpan Duration;
        public DateTimeOffset LastUpdate;
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan Initial { get; } = initial;
    public TimeSpan Max { get; } = max;

    /// <summary>The current back-off of <paramref name="key"/> (zero when none).</summary>
    public TimeSpan Get(string key) => _entries.TryGetValue(key, out var e) ? e.Duration : TimeSpan.Zero;

    /// <summary>Starts (or doubles) the back-off; lastUpdate becomes <paramref name="now"/>.</summary>
    public void Next(string key, DateTimeOffset eventTime, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var e) || HasExpired(eventTime, e.LastUpdate))
        {
            e = new Entry { Duration = Initial };
            _entries[key] = e;
        }
        else
        {
            var doubled = e.Duration * 2;
            e.Duration = doubled > Max ? Max : doubled;
        }
        e.LastUpdate = now;
    }

    public void Next(string key, DateTimeOffset now) => Next(key, now, now);

    /// <summary>True while less than the back-off has passed since <paramref name="eventTime"/> (e.g. a container's finishedAt).</summary>
    public bool IsInBackOffSince(string key, DateTimeOffset eventTime, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var e)) return false;
        if (HasExpired(eventTime, e.LastUpdate)) return false;
        return now - eventTime < e.Duration;
    }

    /// <summary>True while less than the back-off has passed since the last <see cref="Next(string, DateTimeOffset)"/>.</summary>
    public bool IsInBackOffSinceUpdate(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var e)) return false;
        if (HasExpired(now, e.LastUpdate)) return false;
        return now - e.LastUpdate < e.Duration;
    }

    /// <summary>Forgets entries untouched for twice the maximum (kubelet housekeeping).</summary>
    public void Gc(DateTimeOffset now)
    {
        foreach (var key in _entries.Where(kv => HasExpired(now, kv.Value.LastUpdate)).Select(kv => kv.Key).ToList()) _entries.Remove(key);
    }

    private bool HasExpired(DateTimeOffset eventTime, DateTimeOffset lastUpdate) => eventTime - lastUpdate > Max * 2;
}

/// <summary>
/// CrashLoopBackOff (kuberuntime_manager.go doBackOff): 10 s doubling to 300 s, keyed per pod and container
/// (podName_namespace_podUID_containerName), measured from the exited instance's finishedAt.
/// </summary>
public sealed class RestartBackoff
{
    private readonly Backoff _backoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300));

    public static string Key(string pod, string ns, string uid, string container) => $"{pod}_{ns}_{uid}_{container}";

    /// <summary>Either still backing off (returns the current back-off), or records this restart and returns null.</summary>
    public TimeSpan? Check(string key, DateTimeOffset finishedAt, DateTimeOffset now)
    {
        if (_backoff.IsInBackOffSince(key, finishedAt, now)) return _backoff.Get(key);
        _backoff.Next(key, finishedAt, now);
        return null;
    }
}
