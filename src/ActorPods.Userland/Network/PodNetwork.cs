namespace ActorPods.Userland.Network;

/// <summary>
/// A pod's network namespace: one IP and one port table shared by every container of the pod,
/// so a server in one container answers on localhost in the others.
/// </summary>
public sealed class PodNetwork : IPodNetwork
{
    private readonly Dictionary<int, INetServer> _listeners = new();

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

    public INetServer? Listener(int port) => _listeners.GetValueOrDefault(port);

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
