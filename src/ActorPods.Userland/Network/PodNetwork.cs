namespace ActorPods.Userland.Network;

/// <summary>
/// A pod's network namespace: one IP and one port table shared by every container of the pod,
/// so a server in one container answers on localhost in the others.
/// </summary>
public sealed class PodNetwork : IPodNetwork
{
    // The port table: a pod listens on one to a few ports, and every probe run and request looks one up, so a short
    // array scanned in order (one object to touch) instead of a dictionary (three). Kept in bind order.
    private (int Port, INetServer Server)[] _listeners = new (int, INetServer)[1];
    private int _listenerCount;
    // Made by the first fault that interposes on a port.
    private List<(int Port, Func<INetServer?, INetServer?> Filter)>? _interposers;

    public PodNetwork(string ip, string hostname = "localhost", string @namespace = "default")
    {
        Ip = ip;
        Hostname = hostname;
        Namespace = @namespace;
    }

    public string Ip { get; }
    public string Hostname { get; }
    public string Namespace { get; }

    /// <summary>The port table's storage, for a caller that records what a connect reads (see Hosting.ReadRecorder).</summary>
    internal object ListenerTable => _listeners;

    public IEnumerable<int> Ports => _listeners.Take(_listenerCount).Select(l => l.Port).ToList();

    public INetServer? Listener(int port)
    {
        var server = Find(port);
        if (_interposers is { } interposers)
            foreach (var (p, filter) in interposers)
                if (p == port) server = filter(server);
        return server;
    }

    private INetServer? Find(int port)
    {
        var listeners = _listeners;
        for (var i = 0; i < _listenerCount; i++)
            if (listeners[i].Port == port) return listeners[i].Server;
        return null;
    }

    /// <summary>
    /// Puts <paramref name="filter"/> between the port and whoever connects (fault injection: a server that answers
    /// 500, a port that refuses). The real listener table is untouched, so servers bind and close as usual meanwhile.
    /// </summary>
    public void Interpose(int port, Func<INetServer?, INetServer?> filter) => (_interposers ??= new()).Add((port, filter));

    public void RemoveInterposer(int port, Func<INetServer?, INetServer?> filter) =>
        _interposers?.RemoveAll(i => i.Port == port && ReferenceEquals(i.Filter, filter));

    /// <summary>bind()+listen(); false when the port is taken (EADDRINUSE).</summary>
    public bool Listen(int port, INetServer server)
    {
        if (Find(port) is not null) return false;
        if (_listenerCount == _listeners.Length) Array.Resize(ref _listeners, _listeners.Length * 2);
        _listeners[_listenerCount++] = (port, server);
        return true;
    }

    /// <summary>Closes the port if <paramref name="server"/> still owns it.</summary>
    public void Close(int port, INetServer server) => RemoveWhere((p, s) => p == port && ReferenceEquals(s, server));

    public void CloseAll(INetServer server) => RemoveWhere((_, s) => ReferenceEquals(s, server));

    private void RemoveWhere(Func<int, INetServer, bool> match)
    {
        var kept = 0;
        for (var i = 0; i < _listenerCount; i++)
        {
            if (match(_listeners[i].Port, _listeners[i].Server)) continue;
            _listeners[kept++] = _listeners[i];
        }
        for (var i = kept; i < _listenerCount; i++) _listeners[i] = default;
        _listenerCount = kept;
    }
}
