using ActorPods.Actors.Internal;
using ActorPods.Actors.Transport;

namespace ActorPods.Actors;

public sealed partial class ActorSystem
{
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private volatile ITransport? _transport;
    private int _hostsCreated;

    /// <summary>The hook for messages between hosts; null (the default) means zero latency without any call.</summary>
    public ITransport? Transport
    {
        get => _transport;
        set => _transport = value;
    }

    internal ITransport? TransportHook => _transport;

    /// <summary>Names of hosts that currently exist (ordinal order).</summary>
    public IReadOnlyList<string> Hosts
    {
        get
        {
            lock (_hosts)
            {
                var names = _hosts.Keys.ToList();
                names.Sort(StringComparer.Ordinal);
                return names;
            }
        }
    }

    /// <summary>
    /// Crashes a host: every actor on it (and every descendant of those, wherever placed) dies at once — no PostStop,
    /// no further message, stashed and queued mail to dead letters. Watchers get <see cref="Terminated"/> with
    /// HostCrashed set. Later spawns on the same name start a fresh host. Returns the number of actors killed.
    /// </summary>
    public int StopHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host == Options.DefaultHost) throw new InvalidOperationException("The default host carries the guardians and cannot be crashed.");
        Host? victim;
        lock (_hosts)
        {
            if (!_hosts.Remove(host, out victim)) return 0;
        }
        victim.MarkCrashed();
        return CrashOn(_root, victim);
    }

    /// <summary>
    /// Freezes a host, as SIGSTOP on every process of a machine: no actor on it processes anything until
    /// <see cref="ResumeHost"/>. Messages and timer firings addressed to them wait, in order (a periodic timer waits once
    /// per missed period); other hosts keep running and keep sending. Actors spawned on the host meanwhile start frozen.
    /// Kernel-level system messages (stop, watch, crash) still take effect, so <see cref="StopHost"/> kills a frozen host.
    /// Under real time a turn already running when this is called finishes first. Returns the number of actors frozen.
    /// </summary>
    public int SuspendHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host == Options.DefaultHost) throw new InvalidOperationException("The default host carries the guardians and cannot be suspended.");
        var target = GetOrCreateHost(host);
        if (target.IsSuspended) return 0;
        target.IsSuspended = true;
        return ForEachOn(_root, target, static cell => cell.SuspendForHost());
    }

    /// <summary>
    /// Thaws a host frozen by <see cref="SuspendHost"/>: everything that waited is processed now, late, oldest first and
    /// before anything sent afterwards. Returns the number of actors resumed (0 if the host was not suspended).
    /// </summary>
    public int ResumeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host? target;
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(host, out target)) return 0;
        }
        if (!target.IsSuspended) return 0;
        target.IsSuspended = false;
        return ForEachOn(_root, target, static cell => cell.ResumeForHost());
    }

    /// <summary>True while <paramref name="host"/> is frozen by <see cref="SuspendHost"/>.</summary>
    public bool IsHostSuspended(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_hosts) return _hosts.TryGetValue(host, out var h) && h.IsSuspended;
    }

    // Depth first in child order, so the order actors are resumed in (and their drains queued) is reproducible.
    private static int ForEachOn(ActorCell cell, Host host, Func<ActorCell, bool> action)
    {
        var count = ReferenceEquals(cell.HostRef, host) && action(cell) ? 1 : 0;
        foreach (var child in cell.Children) count += ForEachOn((ActorCell)child, host, action);
        return count;
    }

    private static int CrashOn(ActorCell cell, Host victim)
    {
        if (ReferenceEquals(cell.HostRef, victim)) return cell.CrashSubtree();
        var count = 0;
        foreach (var child in cell.Children) count += CrashOn((ActorCell)child, victim);
        return count;
    }

    internal Host GetOrCreateHost(string name)
    {
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(name, out var host))
            {
                host = new Host(name, this, _hostsCreated++);
                _hosts.Add(name, host);
            }
            return host;
        }
    }

    internal void RouteCrossHost(ITransport transport, Host from, Host to, ActorRefBase recipient, object message, IActorRef? sender)
    {
        if (Scheduler is Scheduling.VirtualTimeScheduler { LanesActive: true })
        {
            // A transport decides with shared state (the network model, its random draws): after the lanes, in order.
            Scheduling.VirtualTimeScheduler.DeferRoute(transport, from, to, recipient, message, sender);
            return;
        }
        var envelope = new TransportMessage(from.Name, to.Name, recipient, message, sender);
        var verdict = transport.Route(envelope);
        switch (verdict.Action)
        {
            case TransportAction.Deliver:
                envelope.Deliver(verdict.Delay);
                break;
            case TransportAction.Drop:
                envelope.Drop(verdict.Reason ?? "dropped");
                break;
            case TransportAction.Hold:
                break;
        }
    }
}
