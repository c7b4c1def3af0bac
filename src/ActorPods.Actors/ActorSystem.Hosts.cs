using ActorPods.Actors.Internal;
using ActorPods.Actors.Transport;

namespace ActorPods.Actors;

public sealed partial class ActorSystem
{
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private volatile ITransport? _transport;

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
                host = new Host(name, this);
                _hosts.Add(name, host);
            }
            return host;
        }
    }

    internal void RouteCrossHost(ITransport transport, Host from, Host to, ActorRefBase recipient, object message, IActorRef? sender)
    {
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
