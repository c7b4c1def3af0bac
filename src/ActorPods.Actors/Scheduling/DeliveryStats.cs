using ActorPods.Actors.Internal;
using ActorPods.Actors.Timers;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// What a virtual-time run would gain from running more of each instant in parallel. Every delivery is timed (less
/// the GC pauses inside it) and filed under its instant's wave — the deliveries queued when the wave began: first the
/// instant's due events, then what they caused without delay, and so on, as the FIFO runs them — and under its host
/// and its actor. For each wave the ideal time on L threads is max(its largest group, its total / L), as if every turn
/// were isolated (<see cref="Actor.RunsIsolated"/>) and whole groups were spread perfectly, with no cost for spreading
/// them. Two groupings: by host (what the lanes group by), and by host with one named host's actors each a group of
/// its own (a control plane whose actors were isolated from one another). Only what runs inside deliveries is counted:
/// the loop's own work (the heap, timers' re-arms) is not, and measuring costs time itself, so the figures are shares
/// of the measured time, not wall times.
/// The clock is the caller's (a benchmark passes the wall clock; nothing here reads it, and nothing measured feeds
/// back into the run). Attach one to a loop (<see cref="VirtualTimeScheduler.DeliveryStats"/>) between runs; with one
/// lane only (the lanes' deliveries bypass it). Detached, it costs the loop one field read per delivery.
/// </summary>
/// <param name="clock">A monotonic clock, read before and after each delivery.</param>
/// <param name="clockFrequency">The clock's ticks per second.</param>
/// <param name="pauses">The process's GC pauses so far, to leave out of each delivery (null: none left out).</param>
/// <param name="splitHost">The host whose actors the second grouping splits (e.g. a control plane's).</param>
/// <param name="hostKind">The name hosts are summed under in the report (e.g. one for all of a kind); null: their own.</param>
public sealed class DeliveryStats(Func<long> clock, long clockFrequency, Func<TimeSpan>? pauses = null, string? splitHost = null,
    Func<string, string>? hostKind = null)
{
    /// <summary>The host whose actors the second grouping splits.</summary>
    public string? SplitHost { get; } = splitHost;

    /// <summary>The thread counts the ideal times are given for.</summary>
    public static IReadOnlyList<int> Threads { get; } = [2, 4, 8];

    private long _now = -1;
    private int _waveLeft;
    private bool _bucketWave;
    private readonly Dictionary<object, long> HostGroups = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, long> ActorGroups = new(ReferenceEqualityComparer.Instance);
    private long _waveTicks;
    private int _waveCount;
    private long _instants, _waves, _deliveries, _serial, _gcPauseTicks;
    private readonly long[] HostBound = new long[3];
    private readonly long[] ActorBound = new long[3];
    private readonly Dictionary<string, long> ByHost = new(StringComparer.Ordinal);
    private readonly Dictionary<(Type Actor, Type Message), (long Ticks, long Count)> ByKind = new();

    /// <summary>What was recorded: counts, and times in seconds on one thread and ideally on <see cref="Threads"/>.</summary>
    public sealed record Summary(
        long Deliveries, long Instants, long Waves, double Seconds, double GcPauseSeconds,
        IReadOnlyList<double> ByHostSeconds, IReadOnlyList<double> SplitSeconds,
        IReadOnlyList<(string Host, double Seconds)> Hosts,
        IReadOnlyList<(string Actor, string Message, long Count, double Seconds)> Kinds);

    /// <summary>Forgets everything recorded (between the phases of a run).</summary>
    public void Reset()
    {
        HostGroups.Clear();
        ActorGroups.Clear();
        ByHost.Clear();
        ByKind.Clear();
        _now = -1;
        _waveLeft = 0;
        _bucketWave = false;
        _waveTicks = 0;
        _waveCount = 0;
        _instants = _waves = _deliveries = _serial = _gcPauseTicks = 0;
        Array.Clear(HostBound);
        Array.Clear(ActorBound);
    }

    /// <summary>A delivery straight from the instant's bucket: all of them form the instant's first wave.</summary>
    internal (long Clock, TimeSpan Pauses) BeginFromBucket(long now)
    {
        if (now != _now) NewInstant(now);
        if (!_bucketWave)
        {
            CloseWave();
            _bucketWave = true;
        }
        return (clock(), Paused());
    }

    /// <summary>A delivery from the ring; <paramref name="queuedAfter"/> deliveries wait behind it.</summary>
    internal (long Clock, TimeSpan Pauses) BeginFromRing(long now, int queuedAfter)
    {
        if (now != _now) NewInstant(now);
        if (_bucketWave || _waveLeft == 0)
        {
            CloseWave();
            _bucketWave = false;
            _waveLeft = queuedAfter + 1;
        }
        _waveLeft--;
        return (clock(), Paused());
    }

    private TimeSpan Paused() => pauses?.Invoke() ?? TimeSpan.Zero;

    internal void End(ActorCell cell, object message, (long Clock, TimeSpan Pauses) started)
    {
        var elapsed = clock() - started.Clock;
        var paused = (long)((Paused() - started.Pauses).TotalSeconds * clockFrequency);
        _gcPauseTicks += paused;
        var ticks = Math.Max(0, elapsed - paused);
        var host = cell.HostRef;
        Add(HostGroups, host, ticks);
        Add(ActorGroups, host.Name == SplitHost ? cell : host, ticks);
        _waveTicks += ticks;
        _waveCount++;
        var kindName = hostKind?.Invoke(host.Name) ?? host.Name;
        ByHost[kindName] = ByHost.GetValueOrDefault(kindName) + ticks;
        var kind = (cell.Instance?.GetType() ?? typeof(object), (message is TimerMessage timer ? timer.Message : message).GetType());
        var (t, n) = ByKind.GetValueOrDefault(kind);
        ByKind[kind] = (t + ticks, n + 1);
    }

    private static void Add(Dictionary<object, long> groups, object key, long ticks) =>
        groups[key] = groups.GetValueOrDefault(key) + ticks;

    private void NewInstant(long now)
    {
        CloseWave();
        _now = now;
        _instants++;
        _waveLeft = 0;
        _bucketWave = false;
    }

    private void CloseWave()
    {
        if (_waveCount == 0) return;
        var hostMax = HostGroups.Values.Max();
        var actorMax = ActorGroups.Values.Max();
        for (var i = 0; i < Threads.Count; i++)
        {
            HostBound[i] += Math.Max(hostMax, _waveTicks / Threads[i]);
            ActorBound[i] += Math.Max(actorMax, _waveTicks / Threads[i]);
        }
        _serial += _waveTicks;
        _deliveries += _waveCount;
        _waves++;
        HostGroups.Clear();
        ActorGroups.Clear();
        _waveTicks = 0;
        _waveCount = 0;
    }

    /// <summary>What was recorded since the last reset (the wave in progress included).</summary>
    public Summary Take()
    {
        CloseWave();
        double Seconds(long ticks) => ticks / (double)clockFrequency;
        return new Summary(_deliveries, _instants, _waves, Seconds(_serial), Seconds(_gcPauseTicks),
            HostBound.Select(Seconds).ToArray(), ActorBound.Select(Seconds).ToArray(),
            ByHost.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, Seconds(kv.Value))).ToArray(),
            ByKind.OrderByDescending(kv => kv.Value.Ticks).Select(kv => (kv.Key.Actor.Name, kv.Key.Message.Name, kv.Value.Count, Seconds(kv.Value.Ticks))).ToArray());
    }

    /// <summary>Writes <see cref="Take"/> under <paramref name="title"/>, the <paramref name="top"/> costliest kinds of delivery.</summary>
    public void Report(TextWriter o, string title, int top = 25)
    {
        var s = Take();
        string Share(double seconds) => s.Seconds == 0 ? "-" : $"{100 * seconds / s.Seconds:0}%";
        o.WriteLine($"delivery stats, {title}: {s.Deliveries:N0} deliveries in {s.Instants:N0} instants, {s.Waves:N0} waves; "
                    + $"{s.Seconds:0.000} s inside deliveries on one thread (GC pauses, {s.GcPauseSeconds:0.000} s, left out)");
        for (var i = 0; i < Threads.Count; i++)
        {
            o.WriteLine($"  ideal on {Threads[i]} threads: grouped by host {s.ByHostSeconds[i]:0.000} s ({Share(s.ByHostSeconds[i])}), "
                        + $"with {SplitHost ?? "no host"}'s actors apart {s.SplitSeconds[i]:0.000} s ({Share(s.SplitSeconds[i])})");
        }
        foreach (var (host, seconds) in s.Hosts) o.WriteLine($"  host {host}: {seconds:0.000} s ({Share(seconds)})");
        foreach (var (actor, message, count, seconds) in s.Kinds.Take(top))
            o.WriteLine($"  {actor} <- {message}: {seconds:0.000} s ({Share(seconds)}), {count:N0} x {1e6 * seconds / count:0.0} µs");
    }
}
