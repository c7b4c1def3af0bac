using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Validation;

namespace ActorPods.Api.Tests.Defaulting;

/// <summary>Pod defaults as kube-apiserver v1.32 applies them (pkg/apis/core/v1/defaults.go and the admission plug-ins).</summary>
public class PodDefaultingTests
{
    private static Pod Defaulted(string yaml, DefaultingOptions? options = null) => ObjectDefaulter.Apply((Pod)Admit.Load(yaml), options);

    [Fact]
    public void A_minimal_pod_gets_the_spec_kubectl_get_shows()
    {
        var pod = Defaulted(Admit.Pod());
        // `kubectl get pod x -o json` of `kubectl run x --image=nginx`, minus what the ServiceAccount admission
        // plug-in, the scheduler and the kubelet add (serviceAccount, the token volume, nodeName, status).
        var expected = JsonNode.Parse("""
            {
              "containers": [{
                "name": "web", "image": "nginx", "imagePullPolicy": "Always", "resources": {},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
              }],
              "dnsPolicy": "ClusterFirst",
              "enableServiceLinks": true,
              "preemptionPolicy": "PreemptLowerPriority",
              "priority": 0,
              "restartPolicy": "Always",
              "schedulerName": "default-scheduler",
              "securityContext": {},
              "terminationGracePeriodSeconds": 30,
              "tolerations": [
                {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
              ]
            }
            """);
        var actual = JsonSerializer.SerializeToNode(pod.Spec, KubeJson.Options);
        Assert.True(JsonNode.DeepEquals(expected, actual), actual!.ToJsonString());
        Assert.Equal("default", pod.Metadata!.Namespace);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.25", "IfNotPresent")]
    [InlineData("busybox:1.28", "IfNotPresent")]
    [InlineData("registry.k8s.io/goproxy:0.1", "IfNotPresent")]
    [InlineData("192.168.11.247/web-demo/goweb-demo:20221229v3", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", "Always")]
    [InlineData("Nginx", "IfNotPresent")] // does not parse (upper case): no tag
    [InlineData("web:apache,", "IfNotPresent")] // a seed's typo: does not parse either
    public void Image_pull_policy_follows_the_tag(string image, string expected)
    {
        var pod = Defaulted(Admit.Pod().Replace("image: nginx", $"image: \"{image}\""));
        Assert.Equal(expected, pod.Spec!.Containers![0].ImagePullPolicy);
    }

    [Fact]
    public void An_explicit_pull_policy_is_kept() =>
        Assert.Equal("Never", Defaulted(Admit.Pod(containerExtra: "imagePullPolicy: Never")).Spec!.Containers![0].ImagePullPolicy);

    [Fact]
    public void Probes_get_their_timings_and_http_get_its_path_and_scheme()
    {
        var c = Defaulted(Admit.Pod(containerExtra: "livenessProbe:\n  httpGet:\n    port: 80\nreadinessProbe:\n  tcpSocket:\n    port: 80\n  periodSeconds: 5\n  failureThreshold: 0")).Spec!.Containers![0];
        var live = c.LivenessProbe!;
        Assert.Equal((0, 1, 10, 1, 3), (live.InitialDelaySeconds, live.TimeoutSeconds, live.PeriodSeconds, live.SuccessThreshold, live.FailureThreshold));
        Assert.Equal(("/", "HTTP"), (live.HttpGet!.Path, live.HttpGet.Scheme));
        var ready = c.ReadinessProbe!;
        // An explicit value is kept; 0 is Go's "unset" and is defaulted.
        Assert.Equal((5, 3), (ready.PeriodSeconds, ready.FailureThreshold));
    }

    [Fact]
    public void Lifecycle_http_hooks_get_a_path_and_scheme()
    {
        var hook = Defaulted(Admit.Pod(containerExtra: "lifecycle:\n  postStart:\n    httpGet:\n      port: 80")).Spec!.Containers![0].Lifecycle!.PostStart!.HttpGet!;
        Assert.Equal(("/", "HTTP"), (hook.Path, hook.Scheme));
    }

    [Fact]
    public void Container_ports_default_to_tcp_and_host_network_copies_them_to_host_ports()
    {
        var spec = Defaulted(Admit.Pod(specExtra: "hostNetwork: true", containerExtra: "ports:\n- containerPort: 8080\n- containerPort: 53\n  protocol: UDP")).Spec!;
        var ports = spec.Containers![0].Ports!;
        Assert.Equal([("TCP", 8080), ("UDP", 53)], ports.Select(p => (p.Protocol!, p.HostPort ?? 0)));
    }

    [Fact]
    public void Requests_default_to_limits_in_a_pod()
    {
        var resources = Defaulted(Admit.Pod(containerExtra: "resources:\n  limits:\n    cpu: 500m\n    memory: 64Mi\n  requests:\n    cpu: 100m")).Spec!.Containers![0].Resources!;
        Assert.Equal("100m", resources.Requests!["cpu"].ToString());
        Assert.Equal("64Mi", resources.Requests["memory"].ToString());
    }

    [Fact]
    public void Quantities_are_rounded_up_to_milli_units()
    {
        var resources = Defaulted(Admit.Pod(containerExtra: "resources:\n  requests:\n    cpu: 0.0005\n    memory: 100Mi\n  limits:\n    cpu: 250m")).Spec!.Containers![0].Resources!;
        Assert.Equal(("1m", "100Mi", "250m"), (resources.Requests!["cpu"].ToString(), resources.Requests["memory"].ToString(), resources.Limits!["cpu"].ToString()));
    }

    [Fact]
    public void Existing_not_ready_and_unreachable_tolerations_are_left_alone()
    {
        var spec = Defaulted(Admit.Pod(specExtra: "tolerations:\n- key: node.kubernetes.io/not-ready\n  operator: Exists\n  effect: NoExecute\n  tolerationSeconds: 30")).Spec!;
        Assert.Equal([("node.kubernetes.io/not-ready", 30L), ("node.kubernetes.io/unreachable", 300L)],
            spec.Tolerations!.Select(t => (t.Key!, t.TolerationSeconds ?? -1)));
    }

    [Fact]
    public void A_toleration_of_everything_means_none_are_added()
    {
        var spec = Defaulted(Admit.Pod(specExtra: "tolerations:\n- operator: Exists")).Spec!;
        Assert.Single(spec.Tolerations!);
    }

    [Fact]
    public void Toleration_seconds_come_from_the_options()
    {
        var spec = Defaulted(Admit.Pod(), new DefaultingOptions { NotReadyTolerationSeconds = 60, UnreachableTolerationSeconds = 90 }).Spec!;
        Assert.Equal([60L, 90L], spec.Tolerations!.Select(t => t.TolerationSeconds ?? -1));
    }

    [Fact]
    public void A_system_priority_class_gives_its_value()
    {
        var spec = Defaulted(Admit.Pod(specExtra: "priorityClassName: system-node-critical")).Spec!;
        Assert.Equal(2000001000, spec.Priority);
    }

    [Fact]
    public void The_namespace_comes_from_the_request_unless_the_manifest_has_one()
    {
        Assert.Equal("team-a", Defaulted(Admit.Pod(), new DefaultingOptions { Namespace = "team-a" }).Metadata!.Namespace);
        var yaml = Admit.Pod().Replace("  name: x", "  name: x\n  namespace: prod");
        Assert.Equal("prod", Defaulted(yaml, new DefaultingOptions { Namespace = "team-a" }).Metadata!.Namespace);
    }

    [Fact]
    public void Volumes_get_file_modes_and_env_field_refs_an_api_version()
    {
        var spec = Defaulted(Admit.Pod(
            specExtra: "volumes:\n- name: cfg\n  configMap:\n    name: app\n- name: s\n  secret:\n    secretName: app\n- name: h\n  hostPath:\n    path: /tmp",
            containerExtra: "env:\n- name: NODE\n  valueFrom:\n    fieldRef:\n      fieldPath: spec.nodeName")).Spec!;
        Assert.Equal(420, spec.Volumes![0].ConfigMap!.DefaultMode);
        Assert.Equal(420, spec.Volumes[1].Secret!.DefaultMode);
        Assert.Equal("", spec.Volumes[2].HostPath!.Type);
        Assert.Equal("v1", spec.Containers![0].Env![0].ValueFrom!.FieldRef!.ApiVersion);
    }
}
