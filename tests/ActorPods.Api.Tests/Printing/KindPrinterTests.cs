using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using static ActorPods.Api.Tests.Printing.PodBuilders;

namespace ActorPods.Api.Tests.Printing;

/// <summary>Rows for nodes, workloads, services, endpoints, events, namespaces; cases after printers_test.go where it has them.</summary>
public class KindPrinterTests
{
    private static Node Node(string name, string? readyStatus = null, bool unschedulable = false, Dictionary<string, string>? labels = null,
        List<NodeAddress>? addresses = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels, CreationTimestamp = Ago(TimeSpan.FromDays(3)) },
        Spec = new NodeSpec { Unschedulable = unschedulable },
        Status = new NodeStatus
        {
            Conditions = readyStatus is null ? null : [new NodeCondition { Type = "Ready", Status = readyStatus }],
            Addresses = addresses,
            NodeInfo = new NodeSystemInfo { KubeletVersion = "v1.32.0", OsImage = "Ubuntu 24.04", KernelVersion = "6.8.0", ContainerRuntimeVersion = "containerd://1.7.22" },
        },
    };

    [Theory]
    [InlineData("True", false, "Ready")]
    [InlineData("False", false, "NotReady")]
    [InlineData("Unknown", false, "NotReady")]
    [InlineData(null, false, "Unknown")]
    [InlineData("True", true, "Ready,SchedulingDisabled")]
    [InlineData(null, true, "Unknown,SchedulingDisabled")]
    public void Node_status_follows_the_Ready_condition_and_cordon(string? ready, bool unschedulable, string expected) =>
        Assert.Equal(expected, NodePrinter.Status(Node("n", ready, unschedulable)));

    [Fact]
    public void Node_roles_come_from_both_label_forms_sorted()
    {
        var node = Node("n", "True", labels: new()
        {
            ["node-role.kubernetes.io/worker"] = "", ["node-role.kubernetes.io/control-plane"] = "", ["kubernetes.io/role"] = "master",
            ["node-role.kubernetes.io/"] = "", ["other"] = "x",
        });
        Assert.Equal("control-plane,master,worker", NodePrinter.Roles(node));
        Assert.Equal("<none>", NodePrinter.Roles(Node("n")));
    }

    [Fact]
    public void Node_row_has_first_internal_and_external_addresses_when_wide()
    {
        var node = Node("foo3", "True", addresses:
        [
            new NodeAddress { Type = "InternalIP", Address = "2.2.2.2" }, new NodeAddress { Type = "ExternalIP", Address = "3.3.3.3" },
            new NodeAddress { Type = "InternalIP", Address = "4.4.4.4" },
        ]);
        Assert.Equal(["foo3", "Ready", "<none>", "3d", "v1.32.0", "2.2.2.2", "3.3.3.3", "Ubuntu 24.04", "6.8.0", "containerd://1.7.22"],
            NodePrinter.Row(node, Now).Cells);
        var bare = new Node { Metadata = new ObjectMeta { Name = "foo1" } };
        Assert.Equal(["foo1", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"], NodePrinter.Row(bare, Now).Cells);
    }

    [Fact]
    public void Deployment_row_shows_ready_over_desired_and_selector_when_wide()
    {
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "nginx-deployment", CreationTimestamp = Ago(TimeSpan.FromMinutes(5)) },
            Spec = new DeploymentSpec
            {
                Replicas = 3,
                Selector = new LabelSelector
                {
                    MatchLabels = new() { ["app"] = "nginx" },
                    MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["web", "cache"] }],
                },
                Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "nginx", Image = "nginx:1.14.2" }, new Container { Name = "log", Image = "busybox" }] } },
            },
            Status = new DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 2 },
        };
        Assert.Equal(["nginx-deployment", "2/3", "3", "2", "5m", "nginx,log", "nginx:1.14.2,busybox", "app=nginx,tier in (cache,web)"],
            DeploymentPrinter.Row(deployment, Now).Cells);
    }

    [Fact]
    public void ReplicaSet_row_shows_desired_current_ready()
    {
        var rs = new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "nginx-7c5ddbdf54", CreationTimestamp = Ago(TimeSpan.FromSeconds(90)) },
            Spec = new ReplicaSetSpec { Replicas = 3, Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "nginx", Image = "nginx" }] } } },
            Status = new ReplicaSetStatus { Replicas = 3, ReadyReplicas = 1 },
        };
        Assert.Equal(["nginx-7c5ddbdf54", "3", "3", "1", "90s", "nginx", "nginx", "<none>"], ReplicaSetPrinter.Row(rs, Now).Cells);
    }

    private static Service LoadBalancer(string name, string clusterIP, List<ServicePort> ports, params string[] ingressIps) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new ServiceSpec { ClusterIPs = [clusterIP], Type = "LoadBalancer", Ports = ports, Selector = new() { ["foo"] = "bar" } },
        Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = ingressIps.Select(ip => new LoadBalancerIngress { Ip = ip }).ToList() } },
    };

    private static ServicePort Port(int port, string protocol, int? nodePort = null) => new() { Port = port, Protocol = protocol, NodePort = nodePort };

    [Fact]
    public void Service_rows_match_TestPrintServiceLoadBalancer()
    {
        Assert.Equal(["service1", "LoadBalancer", "1.2.3.4", "2.3.4.5,3.4.5.6", "80/TCP", "<unknown>", "foo=bar"],
            ServicePrinter.Row(LoadBalancer("service1", "1.2.3.4", [Port(80, "TCP")], "2.3.4.5", "3.4.5.6"), Now).Cells);
        Assert.Equal(["service2", "LoadBalancer", "1.3.4.5", "<pending>", "80/TCP,8090/UDP,8000/TCP,7777/SCTP", "<unknown>", "foo=bar"],
            ServicePrinter.Row(LoadBalancer("service2", "1.3.4.5", [Port(80, "TCP"), Port(8090, "UDP"), Port(8000, "TCP"), Port(7777, "SCTP")]), Now).Cells);
        var elided = LoadBalancer("service4", "1.5.6.7", [Port(80, "TCP")], "2.3.4.5", "3.4.5.6", "5.6.7.8");
        Assert.Equal("2.3.4.5,3.4.5...", ServicePrinter.Row(elided, Now, wide: false).Cells[3]);
        Assert.Equal("2.3.4.5,3.4.5.6,5.6.7.8", ServicePrinter.Row(elided, Now).Cells[3]);
    }

    [Fact]
    public void Service_node_ports_headless_and_external_name()
    {
        var nodePort = new Service
        {
            Metadata = new ObjectMeta { Name = "web", CreationTimestamp = Ago(TimeSpan.FromHours(2)) },
            Spec = new ServiceSpec { Type = "NodePort", ClusterIPs = ["10.96.12.7"], Ports = [Port(80, "TCP", 30080)] },
        };
        Assert.Equal(["web", "NodePort", "10.96.12.7", "<none>", "80:30080/TCP", "120m", "<none>"], ServicePrinter.Row(nodePort, Now).Cells);
        var headless = new Service { Metadata = new ObjectMeta { Name = "db" }, Spec = new ServiceSpec { ClusterIP = "None" } };
        Assert.Equal(["db", "ClusterIP", "None", "<none>", "<none>"], ServicePrinter.Row(headless, Now).Cells.Take(5));
        var external = new Service { Metadata = new ObjectMeta { Name = "ext" }, Spec = new ServiceSpec { Type = "ExternalName", ExternalName = "example.com" } };
        Assert.Equal("example.com", ServicePrinter.Row(external, Now).Cells[3]);
    }

    private static EndpointAddress Address(string ip) => new() { Ip = ip };

    [Fact]
    public void Endpoints_list_three_then_count_the_rest()
    {
        var endpoints = new Endpoints
        {
            Metadata = new ObjectMeta { Name = "web" },
            Subsets =
            [
                new EndpointSubset
                {
                    Addresses = [Address("10.244.1.5"), Address("10.244.2.6")],
                    NotReadyAddresses = [Address("10.244.3.9")],
                    Ports = [new EndpointPort { Name = "http", Port = 80 }, new EndpointPort { Name = "https", Port = 443 }],
                },
            ],
        };
        Assert.Equal("10.244.1.5:80,10.244.2.6:80,10.244.1.5:443 + 1 more...", EndpointsPrinter.FormatEndpoints(endpoints));
        endpoints.Subsets[0].Ports = [new EndpointPort { Port = 80 }];
        Assert.Equal("10.244.1.5:80,10.244.2.6:80", EndpointsPrinter.FormatEndpoints(endpoints));
        endpoints.Subsets[0].Ports = null;
        Assert.Equal("10.244.1.5,10.244.2.6", EndpointsPrinter.FormatEndpoints(endpoints));
        endpoints.Subsets = [new EndpointSubset { Addresses = [Address("fd00::1")], Ports = [new EndpointPort { Port = 8080 }] }];
        Assert.Equal("[fd00::1]:8080", EndpointsPrinter.FormatEndpoints(endpoints));
        Assert.Equal("<none>", EndpointsPrinter.FormatEndpoints(new Endpoints()));
        Assert.Equal("", EndpointsPrinter.FormatEndpoints(new Endpoints { Subsets = [new EndpointSubset()] }));
    }

    [Fact]
    public void Event_row_uses_lowercase_kind_and_count_defaults()
    {
        var e = new Event
        {
            Metadata = new ObjectMeta { Name = "web.17f0a1b2c3d4e5f6", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", FieldPath = "spec.containers{nginx}" },
            Reason = "BackOff", Type = "Warning", Message = "Back-off restarting failed container nginx in pod web_default(uid)\n",
            Source = new EventSource { Component = "kubelet", Host = "node-1" },
            FirstTimestamp = Ago(TimeSpan.FromMinutes(4)), LastTimestamp = Ago(TimeSpan.FromSeconds(5)), Count = 6,
        };
        Assert.Equal(["5s", "Warning", "BackOff", "pod/web", "spec.containers{nginx}", "kubelet, node-1",
            "Back-off restarting failed container nginx in pod web_default(uid)", "4m", "6", "web.17f0a1b2c3d4e5f6"], EventPrinter.Row(e, Now).Cells);

        var singleton = new Event { InvolvedObject = new ObjectReference { Kind = "Node" }, EventTime = Ago(TimeSpan.FromSeconds(30)), ReportingComponent = "default-scheduler" };
        var cells = EventPrinter.Row(singleton, Now).Cells;
        Assert.Equal(["30s", "node", "default-scheduler", "30s", "1"], new[] { cells[0], cells[3], cells[5], cells[7], cells[8] });

        var series = new Event { FirstTimestamp = Ago(TimeSpan.FromHours(1)), Series = new EventSeries { Count = 12, LastObservedTime = Ago(TimeSpan.FromSeconds(3)) } };
        cells = EventPrinter.Row(series, Now).Cells;
        Assert.Equal(["3s", "60m", "12"], new[] { cells[0], cells[7], cells[8] });
    }

    [Fact]
    public void Namespace_row()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "kube-system", CreationTimestamp = Ago(TimeSpan.FromDays(40)) }, Status = new NamespaceStatus { Phase = "Active" } };
        Assert.Equal(["kube-system", "Active", "40d"], NamespacePrinter.Row(ns, Now).Cells);
    }

    [Fact]
    public void Pod_wide_cells_match_TestPrintPodwide()
    {
        var pod = Pod("test1", 2, "podPhase", [Status(true, 3, Running()), Status(restarts: 3)],
            conditions: [Condition("condition1", "False"), Condition("condition2", "True")]);
        pod.Spec!.NodeName = "test1";
        pod.Spec.ReadinessGates = [new() { ConditionType = "condition1" }, new() { ConditionType = "condition2" }, new() { ConditionType = "condition3" }];
        pod.Status!.PodIPs = [new() { Ip = "1.1.1.1" }, new() { Ip = "2001:db8::" }];
        pod.Status.NominatedNodeName = "node1";
        Assert.Equal(["test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3"], PodPrinter.Row(pod, Now).Cells);

        var bare = Pod("test2", 2, "podPhase", [Status(true, 3, Running()), Status(restarts: 3, state: Waiting("ContainerWaitingReason"))]);
        Assert.Equal(["test2", "1/2", "ContainerWaitingReason", "6", "<unknown>", "<none>", "<none>", "<none>", "<none>"], PodPrinter.Row(bare, Now).Cells);
    }
}
