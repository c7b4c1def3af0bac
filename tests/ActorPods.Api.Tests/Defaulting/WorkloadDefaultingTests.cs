using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;
using ActorPods.Api.Tests.Validation;

namespace ActorPods.Api.Tests.Defaulting;

/// <summary>Deployment, ReplicaSet, ReplicationController and Service defaults; idempotence over every example.</summary>
public class WorkloadDefaultingTests
{
    private const string DeploymentYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.25
        """;

    [Fact]
    public void A_deployment_gets_one_replica_a_25_percent_rolling_update_and_its_limits()
    {
        var d = ObjectDefaulter.Apply((Deployment)Admit.Load(DeploymentYaml));
        var spec = d.Spec!;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("RollingUpdate", spec.Strategy!.Type);
        Assert.Equal("25%", spec.Strategy.RollingUpdate!.MaxSurge!.Value.StringValue);
        Assert.Equal("25%", spec.Strategy.RollingUpdate.MaxUnavailable!.Value.StringValue);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal(600, spec.ProgressDeadlineSeconds);
        Assert.Equal("default", d.Metadata!.Namespace);
        var template = spec.Template!.Spec!;
        Assert.Equal(("Always", 30L, "IfNotPresent"), (template.RestartPolicy, template.TerminationGracePeriodSeconds ?? 0, template.Containers![0].ImagePullPolicy));
        // Pod-only defaults and admission do not touch templates: the pods get them when they are created.
        Assert.Null(template.EnableServiceLinks);
        Assert.Null(template.Tolerations);
        Assert.Null(template.Priority);
    }

    [Fact]
    public void A_recreate_deployment_gets_no_rolling_update()
    {
        var d = ObjectDefaulter.Apply((Deployment)Admit.Load(DeploymentYaml.Replace("  selector:", "  strategy:\n    type: Recreate\n  selector:")));
        Assert.Null(d.Spec!.Strategy!.RollingUpdate);
    }

    [Fact]
    public void A_replica_set_gets_one_replica()
    {
        var rs = ObjectDefaulter.Apply((ReplicaSet)Admit.Load(DeploymentYaml.Replace("kind: Deployment", "kind: ReplicaSet")));
        Assert.Equal(1, rs.Spec!.Replicas);
    }

    [Fact]
    public void A_replication_controller_takes_its_selector_and_labels_from_the_template()
    {
        var rc = ObjectDefaulter.Apply((ReplicationController)Admit.Load("""
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: rc
            spec:
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx
            """));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, rc.Spec!.Selector);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, rc.Metadata!.Labels);
        Assert.Equal(1, rc.Spec.Replicas);
    }

    [Fact]
    public void A_service_gets_cluster_ip_type_no_affinity_tcp_and_target_port_equal_to_port()
    {
        var svc = ObjectDefaulter.Apply((Service)Admit.Load("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                app: web
              ports:
              - port: 80
              - port: 443
                targetPort: https
            """));
        var spec = svc.Spec!;
        Assert.Equal(("ClusterIP", "None", "Cluster"), (spec.Type, spec.SessionAffinity, spec.InternalTrafficPolicy));
        Assert.Null(spec.ExternalTrafficPolicy);
        Assert.Equal([("TCP", "80"), ("TCP", "https")], spec.Ports!.Select(p => (p.Protocol!, p.TargetPort!.Value.ToString())));
    }

    [Fact]
    public void A_node_port_or_load_balancer_service_gets_an_external_traffic_policy()
    {
        var svc = ObjectDefaulter.Apply((Service)Admit.Load("apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 80\n"));
        Assert.Equal(("Cluster", true), (svc.Spec!.ExternalTrafficPolicy, svc.Spec.AllocateLoadBalancerNodePorts));
    }

    [Fact]
    public void Namespaces_secrets_and_nodes_get_their_small_defaults()
    {
        var ns = ObjectDefaulter.Apply((Namespace)Admit.Load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n"));
        Assert.Equal("team-a", ns.Metadata!.Labels!["kubernetes.io/metadata.name"]);
        Assert.Equal("Active", ns.Status!.Phase);
        Assert.Null(ns.Metadata.Namespace);
        var node = ObjectDefaulter.Apply((Node)Admit.Load("apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  namespace: default\n"));
        Assert.Null(node.Metadata!.Namespace); // cluster-scoped: the namespace is dropped before validation
        var secret = ObjectDefaulter.Apply((Secret)Admit.Load("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  user: admin\n"));
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("admin", System.Text.Encoding.UTF8.GetString(secret.Data!["user"]));
        Assert.Null(secret.StringData);
    }

    public static TheoryData<string> LoadableExamples() => new(
        Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith("broken-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(LoadableExamples))]
    public void Defaulting_an_example_twice_changes_nothing_the_second_time(string file)
    {
        foreach (var obj in ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file)))
        {
            var before = KubeJson.Serialize(obj);
            var once = KubeJson.Serialize(ObjectDefaulter.Apply(obj));
            Assert.NotEqual(before, once);
            var twice = KubeJson.Serialize(ObjectDefaulter.Apply(obj));
            Assert.Equal(once, twice);
        }
    }
}

public class GenerateNameTests
{
    [Fact]
    public void Generate_name_gets_five_random_characters_from_the_injected_random()
    {
        var yaml = Admit.Pod().Replace("  name: x", "  generateName: web-");
        var a = ObjectDefaulter.Apply(Admit.Load(yaml), new DefaultingOptions { NameRandom = new Random(7) });
        var b = ObjectDefaulter.Apply(Admit.Load(yaml), new DefaultingOptions { NameRandom = new Random(7) });
        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", a.Metadata!.Name);
        Assert.Equal(a.Metadata.Name, b.Metadata!.Name);
        Assert.Null(ActorPods.Api.Validation.ObjectValidator.ValidateToError(a));
    }

    [Fact]
    public void Without_randomness_the_name_stays_empty_and_validation_says_so()
    {
        var pod = ObjectDefaulter.Apply(Admit.Load(Admit.Pod().Replace("  name: x", "  generateName: web-")));
        Assert.Equal("The Pod \"\" is invalid: metadata.name: Required value: name or generateName is required",
            ActorPods.Api.Validation.ObjectValidator.ValidateToError(pod)!.KubectlMessage);
    }
}
