using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>One change of one object, as the watch cache keeps it (object after, and before for selector transitions).</summary>
internal readonly record struct HistoryEntry(long ResourceVersion, WatchEventType Type, KubeObject Object, KubeObject? Previous, string Namespace, string? NodeName, string? PreviousNodeName);

/// <summary>
/// A bounded ring of a kind's recent changes (the watch cache's event window in
/// staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go). Watches may resume from any resourceVersion not
/// older than the oldest kept change minus one; older ones get 410 Expired.
/// </summary>
internal sealed class WatchHistory(int capacity)
{
    private readonly int _capacity = Math.Max(1, capacity);
    // Grown as changes come (most kinds see few), up to the capacity.
    private HistoryEntry[] _ring = [];
    private int _start;
    private int _count;
    private bool _evicted;

    public int Count => _count;

    public void Add(in HistoryEntry entry)
    {
        if (_count == _ring.Length && _ring.Length < _capacity) Grow();
        if (_count == _ring.Length)
        {
            _ring[_start] = entry;
            _start = (_start + 1) % _ring.Length;
            _evicted = true;
        }
        else
        {
            _ring[(_start + _count) % _ring.Length] = entry;
            _count++;
        }
    }

    private void Grow()
    {
        var ring = new HistoryEntry[Math.Min(_capacity, Math.Max(16, _ring.Length * 2))];
        for (var i = 0; i < _count; i++) ring[i] = _ring[(_start + i) % _ring.Length];
        _ring = ring;
        _start = 0;
    }

    /// <summary>The smallest resourceVersion a watch may start from, or null when nothing was ever evicted (anything goes).</summary>
    public long? Floor => _evicted ? _ring[_start].ResourceVersion - 1 : null;

    /// <summary>Changes newer than <paramref name="resourceVersion"/>, oldest first.</summary>
    public IEnumerable<HistoryEntry> Since(long resourceVersion)
    {
        for (var i = 0; i < _count; i++)
        {
            var e = _ring[(_start + i) % _ring.Length];
            if (e.ResourceVersion > resourceVersion) yield return e;
        }
    }
}
