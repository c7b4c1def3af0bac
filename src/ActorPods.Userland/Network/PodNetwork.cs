namespace ActorPods.Userland.Network;

/// <summary>
/// A pod's network namespace: one IP and one port table shared by every container of the pod,
/// so a server in one container answers on localhost in the others.
/// </summary>
public sealed class PodNetwork : IPodNetwork
{
    private readonly Dictionary<int, INetServer> _listeners = new();
    private readonly List<(int Port, Func<INetServer?, INetServer?> Filter)> _interposers = new();

    public PodNetwork(string ip, string hostname = "localhost", string @namespace = "default")
    {
        Ip = ip;
        Hostname = hostname;
        Namespace = @namespace;
    }

    public string Ip { get; }
    public string Hostname { get; }
    public string Namespace { get; }

    public IEnumerable<int> Ports => _listeners.Keys;

    public INetServer? Listener(int port)
    {
        var server = _listeners.GetValueOrDefault(port);
        foreach (var (p, filter) in _interposers)
            if (p == port) server = filter(server);
        return server;
    }

    /// <summary>
    /// Puts <paramref name="filter"/> between the port and whoever connects (fault injection: a server that answers
    /// 500, a port that refuses). The real listener table is untouched, so servers bind and close as usual meanwhile.
    /// </summary>
    public void Interpose(int port, Func<INetServer?, INetServer?> filter) => _interposers.Add((port, filter));

    public void RemoveInterposer(int port, Func<INetServer?, INetServer?> filter) =>
        _interposers.RemoveAll(i => i.Port == port && ReferenceEquals(i.Filter, filter));

    /// <summary>bind()+listen(); false when the port is taken (EADDRINUSE).</summary>
    public bool Listen(int port, INetServer server) => _listeners.TryAdd(port, server);

    /// <summary>Closes the port if <paramref name="server"/> still owns it.</summary>
    public void Close(int port, INetServer server)
    {
        if (_listeners.TryGetValue(port, out var s) && ReferenceEquals(s, server)) _listeners.Remove(port);
    }

    public void CloseAll(INetServer server)
    {
        foreach (var port in _listeners.Where(kv => ReferenceEquals(kv.Value, server)).Select(kv => kv.Key).ToList())
            _listeners.Remove(port);
    }
}
