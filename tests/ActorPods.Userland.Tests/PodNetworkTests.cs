using ActorPods.Userland.Network;

namespace ActorPods.Userland.Tests;

/// <summary>The pod's port table: bind and close semantics (EADDRINUSE, only the owner closes), several ports, faults.</summary>
public sealed class PodNetworkTests
{
    private sealed class Server : INetServer
    {
        public HttpResponse? HandleHttp(HttpRequest request) => null;
        public GrpcServingStatus? GrpcHealth(string service) => null;
    }

    [Fact]
    public void A_port_is_bound_once_and_closed_only_by_the_server_that_owns_it()
    {
        var net = new PodNetwork("10.244.1.2");
        var (a, b) = (new Server(), new Server());
        Assert.True(net.Listen(80, a));
        Assert.False(net.Listen(80, b));
        Assert.Same(a, net.Listener(80));
        net.Close(80, b);
        Assert.Same(a, net.Listener(80));
        net.Close(80, a);
        Assert.Null(net.Listener(80));
        Assert.True(net.Listen(80, b));
        Assert.Same(b, net.Listener(80));
    }

    [Fact]
    public void Several_ports_keep_their_servers_and_CloseAll_frees_only_that_servers_ports()
    {
        var net = new PodNetwork("10.244.1.2");
        var (a, b) = (new Server(), new Server());
        foreach (var port in new[] { 80, 8080, 9000 }) Assert.True(net.Listen(port, a));
        Assert.True(net.Listen(443, b));
        Assert.Equal([80, 8080, 9000, 443], net.Ports);
        net.CloseAll(a);
        Assert.Equal([443], net.Ports);
        Assert.Null(net.Listener(8080));
        Assert.Same(b, net.Listener(443));
        Assert.True(net.Listen(8080, b));
        Assert.Equal([443, 8080], net.Ports);
    }

    [Fact]
    public void An_interposer_filters_its_port_until_removed_and_leaves_the_table_alone()
    {
        var net = new PodNetwork("10.244.1.2");
        var (a, failing) = (new Server(), new Server());
        net.Listen(80, a);
        net.Listen(81, a);
        Func<INetServer?, INetServer?> filter = s => s is null ? null : failing;
        net.Interpose(80, filter);
        Assert.Same(failing, net.Listener(80));
        Assert.Same(a, net.Listener(81));
        net.RemoveInterposer(80, filter);
        Assert.Same(a, net.Listener(80));
    }
}
