using ActorPods.Actors;
using ActorPods.Actors.Transport;

namespace ActorPods.Sim.Network;

/// <summary>What happens to a message that meets a partition.</summary>
public enum PartitionMode
{
    /// <summary>Lost, as requests on a broken connection are: senders must notice and retry.</summary>
    Drop,

    /// <summary>Kept and delivered in order after the heal, as a connection that stalls and then recovers.</summary>
    Hold,
}

/// <summary>
/// The simulated network between hosts, plugged into the kernel's transport hook (<see cref="ActorSystem.Transport"/>):
/// every message between two different hosts gets its link's latency, may be lost, duplicated or reordered, and is
/// dropped or held by a partition. All randomness comes from the system's seeded generator, so a virtual-time run is
/// reproducible; under real time <see cref="Route"/> runs on many threads, hence the lock.
/// </summary>
public sealed class NetworkModel : ITransport
{
    private readonly ActorSystem _system;
    private readonly object _gate = new();
    private readonly Dictionary<(string From, string To), LinkProfile> _links = new();
    private readonly Dictionary<(string From, string To), long> _lastDueTicks = new();
    private readonly List<Partition> _partitions = [];
    private readonly List<TransportMessage> _held = [];
    private LinkProfile _default = LinkProfile.Perfect;
    private int _nextPartitionId;
    private NetworkStats _stats;

    public NetworkModel(ActorSystem system)
    {
        _system = system;
    }

    /// <summary>Creates a model and installs it as the system's transport.</summary>
    public static NetworkModel Install(ActorSystem system)
    {
        var model = new NetworkModel(system);
        system.Transport = model;
        return model;
    }

    public NetworkStats Stats
    {
        get { lock (_gate) return _stats; }
    }

    /// <summary>Active partitions, oldest first.</summary>
    public IReadOnlyList<Partition> Partitions
    {
        get { lock (_gate) return _partitions.ToArray(); }
    }

    /// <summary>The profile of every link without its own.</summary>
    public LinkProfile DefaultLink
    {
        get { lock (_gate) return _default; }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate) _default = value;
        }
    }

    /// <summary>Sets the profile of the link from <paramref name="from"/> to <paramref name="to"/> (and back, unless one-way).</summary>
    public void SetLink(string from, string to, LinkProfile profile, bool bothWays = true)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        lock (_gate)
        {
            _links[(from, to)] = profile;
            if (bothWays) _links[(to, from)] = profile;
        }
    }

    /// <summary>Returns the link (both ways) to the default profile.</summary>
    public void ResetLink(string from, string to)
    {
        lock (_gate)
        {
            _links.Remove((from, to));
            _links.Remove((to, from));
        }
    }

    public LinkProfile LinkBetween(string from, string to)
    {
        lock (_gate) return _links.GetValueOrDefault((from, to), _default);
    }

    /// <summary>
    /// Cuts <paramref name="side"/> off from <paramref name="otherSide"/> (null: from every other host). One-way cuts
    /// only block messages from <paramref name="side"/> to the other side. Returns the partition, for <see cref="Heal(Partition)"/>.
    /// </summary>
    public Partition Partition(IEnumerable<string> side, IEnumerable<string>? otherSide = null, bool oneWay = false, PartitionMode mode = PartitionMode.Drop)
    {
        ArgumentNullException.ThrowIfNull(side);
        var a = new SortedSet<string>(side, StringComparer.Ordinal);
        if (a.Count == 0) throw new ArgumentException("a partition needs at least one host on its side", nameof(side));
        var b = otherSide is null ? null : new SortedSet<string>(otherSide, StringComparer.Ordinal);
        if (b is { Count: 0 }) throw new ArgumentException("the other side of a partition is empty", nameof(otherSide));
        if (b is not null && a.Overlaps(b)) throw new ArgumentException("a host cannot be on both sides of a partition");
        lock (_gate)
        {
            var p = new Partition(++_nextPartitionId, a, b, oneWay, mode);
            _partitions.Add(p);
            return p;
        }
    }

    /// <summary>Removes one partition and releases the held messages nothing blocks any more. Returns false if it was already healed.</summary>
    public bool Heal(Partition partition)
    {
        lock (_gate)
        {
            if (!_partitions.Remove(partition)) return false;
            ReleaseHeld();
            return true;
        }
    }

    /// <summary>Removes every partition that has <paramref name="host"/> on either side. Returns how many.</summary>
    public int Heal(string host)
    {
        lock (_gate)
        {
            var removed = _partitions.RemoveAll(p => p.Side.Contains(host) || (p.OtherSide?.Contains(host) ?? false));
            if (removed > 0) ReleaseHeld();
            return removed;
        }
    }

    public int HealAll()
    {
        lock (_gate)
        {
            var removed = _partitions.Count;
            _partitions.Clear();
            ReleaseHeld();
            return removed;
        }
    }

    /// <summary>True if a message from <paramref name="from"/> to <paramref name="to"/> would be cut now.</summary>
    public bool IsCut(string from, string to)
    {
        lock (_gate) return FindPartition(from, to) is not null;
    }

    public TransportVerdict Route(in TransportMessage message)
    {
        lock (_gate)
        {
            if (FindPartition(message.FromHost, message.ToHost) is { } cut)
            {
                if (cut.Mode == PartitionMode.Hold)
                {
                    _held.Add(message);
                    _stats.Held++;
                    return TransportVerdict.Hold;
                }
                _stats.Partitioned++;
                return TransportVerdict.Drop($"partition #{cut.Id} between {message.FromHost} and {message.ToHost}");
            }

            var link = _links.GetValueOrDefault((message.FromHost, message.ToHost), _default);
            var random = _system.Random;
            if (link.Loss > 0 && random.NextDouble() < link.Loss)
            {
                _stats.Lost++;
                return TransportVerdict.Drop($"lost on the link {message.FromHost}->{message.ToHost}");
            }

            var delay = NextDelay(message.FromHost, message.ToHost, link, random);
            if (link.Duplicate > 0 && random.NextDouble() < link.Duplicate)
            {
                message.Deliver(NextDelay(message.FromHost, message.ToHost, link, random));
                _stats.Duplicated++;
            }
            _stats.Delivered++;
            return delay == TimeSpan.Zero ? TransportVerdict.Now : TransportVerdict.DeliverAfter(delay);
        }
    }

    /// <summary>Latency for the next message on a link, clamped so the link stays FIFO unless this message may reorder.</summary>
    private TimeSpan NextDelay(string from, string to, LinkProfile link, Random random)
    {
        var now = _system.Scheduler.Elapsed.Ticks;
        var due = now + link.Latency.Sample(random).Ticks;
        var key = (from, to);
        var last = _lastDueTicks.GetValueOrDefault(key);
        if (link.Reorder > 0 && random.NextDouble() < link.Reorder)
        {
            due += random.NextInt64(0, link.ReorderWindow.Ticks + 1);
            _stats.Reordered++;
        }
        else if (due < last)
        {
            due = last;
        }
        if (due > last) _lastDueTicks[key] = due;
        return TimeSpan.FromTicks(due - now);
    }

    private Partition? FindPartition(string from, string to)
    {
        foreach (var p in _partitions)
        {
            if (p.Blocks(from, to)) return p;
        }
        return null;
    }

    private void ReleaseHeld()
    {
        if (_held.Count == 0) return;
        var still = new List<TransportMessage>();
        foreach (var m in _held)
        {
            if (FindPartition(m.FromHost, m.ToHost) is not null)
            {
                still.Add(m);
                continue;
            }
            var link = _links.GetValueOrDefault((m.FromHost, m.ToHost), _default);
            m.Deliver(NextDelay(m.FromHost, m.ToHost, link, _system.Random));
            _stats.Released++;
        }
        _held.Clear();
        _held.AddRange(still);
    }
}

/// <summary>A cut between two sets of hosts; <see cref="OtherSide"/> null means every host not in <see cref="Side"/>.</summary>
public sealed record Partition(int Id, IReadOnlySet<string> Side, IReadOnlySet<string>? OtherSide, bool OneWay, PartitionMode Mode)
{
    public bool Blocks(string from, string to) =>
        (Side.Contains(from) && IsOther(to)) || (!OneWay && IsOther(from) && Side.Contains(to));

    private bool IsOther(string host) => OtherSide?.Contains(host) ?? !Side.Contains(host);

    public override string ToString() =>
        $"#{Id} [{string.Join(",", Side)}] {(OneWay ? "->" : "<->")} [{(OtherSide is null ? "*" : string.Join(",", OtherSide))}] ({Mode})";
}

/// <summary>Counters since the model was installed.</summary>
public record struct NetworkStats(long Delivered, long Lost, long Partitioned, long Held, long Released, long Duplicated, long Reordered);
