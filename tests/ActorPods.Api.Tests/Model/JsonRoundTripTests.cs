using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Model;

public class JsonRoundTripTests
{
    private static Pod SamplePod() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta
        {
            Name = "web",
            Namespace = "dev",
            CreationTimestamp = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Labels = new() { ["app"] = "web" },
        },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container
                {
                    Name = "nginx",
                    Image = "nginx:1.17.1",
                    Ports = [new ContainerPortSpec { Name = "http", ContainerPort = 80 }],
                    Resources = new ResourceRequirements
                    {
                        Limits = new() { ["cpu"] = Quantity.Parse("0.5"), ["memory"] = Quantity.Parse("1.5Gi") },
                    },
                    LivenessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/", Port = "http" }, PeriodSeconds = 3 },
                    ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction { Port = 80 } },
                },
            ],
            TerminationGracePeriodSeconds = 30,
        },
        Status = new PodStatus { Phase = "Running", PodIPs = [new PodIP { Ip = "10.0.0.1" }], QosClass = "Burstable" },
    };

    [Fact]
    public void Pod_serializes_with_kubernetes_field_names_and_formats()
    {
        var json = JsonNode.Parse(KubeJson.Serialize(SamplePod()))!;
        Assert.Equal("2024-01-02T03:04:05Z", (string?)json["metadata"]!["creationTimestamp"]);
        var c = json["spec"]!["containers"]![0]!;
        Assert.Equal(80, (int?)c["ports"]![0]!["containerPort"]);
        Assert.Equal("500m", (string?)c["resources"]!["limits"]!["cpu"]);
        Assert.Equal("1536Mi", (string?)c["resources"]!["limits"]!["memory"]);
        Assert.Equal("http", (string?)c["livenessProbe"]!["httpGet"]!["port"]);
        Assert.Equal(80, (int?)c["readinessProbe"]!["tcpSocket"]!["port"]);
        Assert.Equal("10.0.0.1", (string?)json["status"]!["podIPs"]![0]!["ip"]);
        Assert.Equal("Burstable", (string?)json["status"]!["qosClass"]);
        Assert.Null(json["spec"]!["nodeName"]);
    }

    [Fact]
    public void DeepClone_copies_everything_and_shares_nothing()
    {
        var pod = SamplePod();
        pod.Origin = new SourceLocation("pod.yaml", 1, 1);
        var copy = pod.DeepClone();
        Assert.Equal(KubeJson.Serialize(pod), KubeJson.Serialize(copy));
        Assert.Equal(pod.Origin, copy.Origin);
        copy.Spec!.Containers![0].Name = "changed";
        copy.Metadata!.Labels!["app"] = "other";
        Assert.Equal("nginx", pod.Spec!.Containers![0].Name);
        Assert.Equal("web", pod.Metadata!.Labels!["app"]);
    }

    [Fact]
    public void Base_typed_objects_round_trip_through_the_kind_registry()
    {
        KubeObject lease = new Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Spec = new LeaseSpec { HolderIdentity = "node-1", RenewTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 123, TimeSpan.Zero) },
        };
        var json = KubeJson.Serialize(lease);
        Assert.Contains("\"renewTime\":\"2024-01-02T03:04:05.123000Z\"", json);
        var back = Assert.IsType<Lease>(KubeJson.Deserialize(json));
        Assert.Equal(json, KubeJson.Serialize(back));
    }

    [Fact]
    public void IntOrString_percentages_scale_like_intstr()
    {
        IntOrString surge = "25%";
        Assert.Equal(3, surge.GetScaledValue(10, roundUp: true));
        Assert.Equal(2, surge.GetScaledValue(10, roundUp: false));
        Assert.Equal(5, ((IntOrString)5).GetScaledValue(10, roundUp: true));
    }
}
