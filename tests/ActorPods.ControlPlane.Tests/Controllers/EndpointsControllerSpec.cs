using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class EndpointsControllerSpec : ControllerSpec
{
    public EndpointsControllerSpec()
    {
        StartControllers("replicaset-controller", "endpoints-controller");
        StartBinder();
    }

    private static Service NewService(string name, IntOrString targetPort, bool publishNotReady = false) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new Dictionary<string, string> { ["team"] = "a" } },
        Spec = new ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new ServicePort { Name = "http", Port = 8080, TargetPort = targetPort }],
            PublishNotReadyAddresses = publishNotReady,
        },
    };

    private Endpoints? Ep(string name = "web") => Find<Endpoints>("endpoints", name);

    private static List<string> Ips(List<EndpointAddress>? a) => a?.Select(x => x.Ip!).ToList() ?? [];

    [Fact]
    public void Ready_pods_are_addresses_and_not_ready_ones_notReadyAddresses_with_the_named_target_port_resolved()
    {
        AddNode("node-1", new FakeKubeletOptions { ReadyDelay = TimeSpan.FromSeconds(5) });
        Create(NewService("web", "http"));
        RunSeconds(0.5);
        var empty = Ep()!;
        Assert.Null(empty.Subsets);
        Assert.Equal("a", empty.Metadata!.Labels!["team"]);

        Create(NewReplicaSet("web", 2));
        RunSeconds(2); // running with IPs, not ready
        var subset = Assert.Single(Ep()!.Subsets!);
        Assert.Empty(Ips(subset.Addresses));
        Assert.Equal(2, subset.NotReadyAddresses!.Count);
        var port = Assert.Single(subset.Ports!);
        Assert.Equal(("http", 80, "TCP"), (port.Name, port.Port, port.Protocol));

        RunSeconds(5);
        subset = Assert.Single(Ep()!.Subsets!);
        Assert.Null(subset.NotReadyAddresses);
        var pods = Pods();
        Assert.Equal(pods.Select(p => p.Status!.PodIP!).Order(StringComparer.Ordinal), Ips(subset.Addresses));
        var a = subset.Addresses![0];
        var pod = pods.Single(p => p.Status!.PodIP == a.Ip);
        Assert.Equal(("Pod", pod.Metadata!.Name, pod.Metadata.Uid, "node-1"), (a.TargetRef!.Kind, a.TargetRef.Name, a.TargetRef.Uid, a.NodeName));
    }

    [Fact]
    public void A_pod_leaves_the_endpoints_when_its_deletion_starts_not_when_it_ends()
    {
        AddNode("node-1", new FakeKubeletOptions { TerminationDelay = TimeSpan.FromSeconds(30) });
        Create(NewService("web", 80));
        Create(NewReplicaSet("web", 2));
        RunSeconds(3);
        var pods = Pods();
        Assert.Equal(2, Ips(Ep()!.Subsets![0].Addresses).Count);
        Ok<Pod>(new Delete("pods", "default", pods[0].Metadata!.Name!));
        RunSeconds(0.1);
        // Still running and Ready on its node, but gone from the service.
        Assert.True(IsReady(Find<Pod>("pods", pods[0].Metadata!.Name!)!));
        var subset = Ep()!.Subsets!.Single();
        Assert.DoesNotContain(pods[0].Status!.PodIP, Ips(subset.Addresses));
        Assert.DoesNotContain(pods[0].Status!.PodIP, Ips(subset.NotReadyAddresses));
        RunSeconds(3); // the replacement is in
        Assert.Equal(2, Ips(Ep()!.Subsets![0].Addresses).Count);
    }

    [Fact]
    public void With_publishNotReadyAddresses_not_ready_and_terminating_pods_stay_as_addresses()
    {
        AddNode("node-1", new FakeKubeletOptions { ReadyDelay = TimeSpan.FromSeconds(100), TerminationDelay = TimeSpan.FromSeconds(30) });
        Create(NewService("web", 80, publishNotReady: true));
        Create(NewReplicaSet("web", 1));
        RunSeconds(2);
        var pod = Pods().Single();
        Assert.Equal([pod.Status!.PodIP!], Ips(Ep()!.Subsets!.Single().Addresses));
        Ok<Pod>(new Delete("pods", "default", pod.Metadata!.Name!));
        RunSeconds(0.1);
        Assert.Contains(pod.Status!.PodIP!, Ips(Ep()!.Subsets!.Single().Addresses));
    }

    [Fact]
    public void Endpoints_follow_selector_changes_and_go_with_their_service()
    {
        AddNode("node-1");
        Create(NewService("web", 80));
        Create(NewReplicaSet("web", 1));
        RunSeconds(2);
        Assert.Single(Ep()!.Subsets!);
        Ok<Service>(new Patch("services", "default", "web", """{"spec":{"selector":{"app":"other"}}}"""));
        RunSeconds(0.1);
        Assert.Null(Ep()!.Subsets);
        Ok<Service>(new Delete("services", "default", "web"));
        RunSeconds(0.1);
        Assert.Null(Ep());
    }

    [Fact]
    public void A_service_without_selector_keeps_its_hand_made_endpoints()
    {
        var svc = NewService("external", 80);
        svc.Spec!.Selector = null;
        Create(svc);
        Create(new Endpoints
        {
            ApiVersion = "v1", Kind = "Endpoints", Metadata = new ObjectMeta { Name = "external", Namespace = "default" },
            Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = "1.2.3.4" }], Ports = [new EndpointPort { Port = 80 }] }],
        });
        RunSeconds(1);
        Assert.Equal(["1.2.3.4"], Ips(Ep("external")!.Subsets![0].Addresses));
    }
}
