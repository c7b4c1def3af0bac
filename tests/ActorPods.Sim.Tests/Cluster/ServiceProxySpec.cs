using ActorPods.Api.Model;
using ActorPods.Sim.Cluster;
using ActorPods.Userland.Network;

namespace ActorPods.Sim.Tests.Cluster;

public sealed class ServiceProxySpec
{
    private sealed class Server : INetServer
    {
        public HttpResponse? HandleHttp(HttpRequest request) => null;

        public GrpcServingStatus? GrpcHealth(string service) => null;
    }

    private sealed class FakePod(string ip, int port) : IPodNetwork
    {
        public INetServer Server { get; } = new Server();

        public string Ip => ip;

        public INetServer? Listener(int p) => p == port ? Server : null;
    }

    private static EndpointSubset Subset(string portName, int port, string[] ready, string[]? notReady = null) => new()
    {
        Addresses = ready.Select(ip => new EndpointAddress { Ip = ip }).ToList(),
        NotReadyAddresses = (notReady ?? []).Select(ip => new EndpointAddress { Ip = ip }).ToList(),
        Ports = [new EndpointPort { Name = portName, Port = port }],
    };

    [Fact]
    public void A_connection_to_the_ClusterIP_goes_to_the_ready_endpoints_in_turn_on_their_target_port()
    {
        var network = new ClusterNetwork();
        var a = new FakePod("10.244.0.2", 8080);
        var b = new FakePod("10.244.1.2", 8080);
        var c = new FakePod("10.244.2.2", 8080);
        network.RegisterPod(a);
        network.RegisterPod(b);
        network.RegisterPod(c);
        network.Services.SetService("default", "web", "10.96.0.11", [new ServicePort { Name = "http", Port = 80 }]);
        network.Services.SetEndpoints("default", "web", [Subset("http", 8080, ["10.244.0.2", "10.244.1.2"], notReady: ["10.244.2.2"])]);

        var vip = network.Find("10.96.0.11")!;
        Assert.Equal([a.Server, b.Server, a.Server], [vip.Listener(80), vip.Listener(80), vip.Listener(80)]);
        Assert.Null(vip.Listener(8080));
        Assert.False(network.Exists("10.96.0.11"));
    }

    [Fact]
    public void A_Service_without_ready_endpoints_refuses_and_an_unknown_address_is_not_found()
    {
        var network = new ClusterNetwork();
        network.Services.SetService("default", "web", "10.96.0.11", [new ServicePort { Port = 80 }]);
        Assert.Null(network.Find("10.96.0.11")!.Listener(80));
        network.Services.SetEndpoints("default", "web", [Subset("", 80, [])]);
        Assert.Null(network.Find("10.96.0.11")!.Listener(80));
        Assert.Null(network.Find("10.96.0.12"));
        network.Services.RemoveService("default", "web");
        Assert.Null(network.Find("10.96.0.11"));
    }
}
