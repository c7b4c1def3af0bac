namespace ActorPods.Api.Tests.Validation;

/// <summary>
/// kubectl's message for a rejected pod, pinned per rule. Texts from pkg/apis/core/validation/validation.go and
/// k8s.io/apimachinery/pkg/util/validation (v1.32), formatted by field.Error and kubectl's checkErr.
/// </summary>
public class PodValidationMessageTests
{
    private const string Label1123 = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static TheoryData<string, string> Cases() => new()
    {
        {
            Admit.Pod(specExtra: "", containerExtra: "").Replace("    image: nginx\n", ""),
            "The Pod \"x\" is invalid: spec.containers[0].image: Required value"
        },
        {
            Admit.Pod(name: "My_Pod"),
            "The Pod \"My_Pod\" is invalid: metadata.name: Invalid value: \"My_Pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        },
        {
            Admit.Pod(moreContainers: "- name: web\n  image: busybox"),
            "The Pod \"x\" is invalid: spec.containers[1].name: Duplicate value: \"web\""
        },
        {
            Admit.Pod(containerExtra: "ports:\n- containerPort: 70000"),
            "The Pod \"x\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
        },
        {
            Admit.Pod(containerExtra: "livenessProbe:\n  httpGet:\n    port: 80\n  successThreshold: 2"),
            "The Pod \"x\" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"
        },
        {
            Admit.Pod(containerExtra: "startupProbe:\n  tcpSocket:\n    port: 80\n  successThreshold: 3"),
            "The Pod \"x\" is invalid: spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1"
        },
        {
            Admit.Pod(containerExtra: "livenessProbe:\n  exec:\n    command: [cat, /tmp/healthy]\n  tcpSocket:\n    port: 80"),
            "The Pod \"x\" is invalid: spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"
        },
        {
            Admit.Pod(containerExtra: "readinessProbe:\n  periodSeconds: 5"),
            "The Pod \"x\" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type"
        },
        {
            Admit.Pod(containerExtra: "livenessProbe:\n  exec: {}"),
            "The Pod \"x\" is invalid: spec.containers[0].livenessProbe.exec.command: Required value"
        },
        {
            Admit.Pod(containerExtra: "livenessProbe:\n  httpGet:\n    port: 0"),
            "The Pod \"x\" is invalid: spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"
        },
        {
            Admit.Pod(containerExtra: "readinessProbe:\n  tcpSocket:\n    port: Web_Port"),
            "The Pod \"x\" is invalid: spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: \"Web_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
        },
        {
            Admit.Pod(containerExtra: "readinessProbe:\n  exec:\n    command: [cat, /tmp/healthy]\n  terminationGracePeriodSeconds: 5"),
            "The Pod \"x\" is invalid: spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes"
        },
        {
            Admit.Pod(containerExtra: "livenessProbe:\n  exec:\n    command: [cat, /tmp/healthy]\n  terminationGracePeriodSeconds: -5"),
            "The Pod \"x\" is invalid: spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: -5: must be greater than 0"
        },
        {
            Admit.Pod(containerExtra: "livenessProbe:\n  exec:\n    command: [cat, /tmp/healthy]\n  initialDelaySeconds: -1"),
            "The Pod \"x\" is invalid: spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0"
        },
        {
            Admit.Pod(specExtra: "restartPolicy: Sometimes"),
            "The Pod \"x\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""
        },
        {
            Admit.Pod(specExtra: "dnsPolicy: Cluster"),
            "The Pod \"x\" is invalid: spec.dnsPolicy: Unsupported value: \"Cluster\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""
        },
        {
            Admit.Pod().Replace("- name: web", "- name: Web_1"),
            "The Pod \"x\" is invalid: spec.containers[0].name: Invalid value: \"Web_1\": " + Label1123
        },
        {
            Admit.Pod().Replace("- name: web", "- name: web.1"),
            "The Pod \"x\" is invalid: spec.containers[0].name: Invalid value: \"web.1\": must not contain dots"
        },
        {
            Admit.Pod(containerExtra: "volumeMounts:\n- name: data\n  mountPath: /data"),
            "The Pod \"x\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\""
        },
        {
            Admit.Pod(containerExtra: "volumeMounts:\n- name: data\n  mountPath: /data\n- name: data\n  mountPath: /data", specExtra: "volumes:\n- name: data\n  emptyDir: {}"),
            "The Pod \"x\" is invalid: spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/data\": must be unique"
        },
        {
            Admit.Pod(specExtra: "volumes:\n- name: data\n  emptyDir: {}\n  hostPath:\n    path: /tmp"),
            "The Pod \"x\" is invalid: spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"
        },
        {
            Admit.Pod(specExtra: "volumes:\n- name: data\n  emptyDir: {}\n- name: data\n  emptyDir: {}"),
            "The Pod \"x\" is invalid: spec.volumes[1].name: Duplicate value: \"data\""
        },
        {
            Admit.Pod(containerExtra: "resources:\n  requests:\n    cpu: \"2\"\n  limits:\n    cpu: \"1\""),
            "The Pod \"x\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"
        },
        {
            Admit.Pod(containerExtra: "resources:\n  requests:\n    memory: 256Mi\n  limits:\n    memory: 128Mi"),
            "The Pod \"x\" is invalid: spec.containers[0].resources.requests: Invalid value: \"256Mi\": must be less than or equal to memory limit of 128Mi"
        },
        {
            Admit.Pod(containerExtra: "resources:\n  limits:\n    cpus: \"1\""),
            "The Pod \"x\" is invalid: \n" +
            "* spec.containers[0].resources.limits[cpus]: Invalid value: cpus: must be a standard resource type or fully qualified\n" +
            "* spec.containers[0].resources.limits[cpus]: Invalid value: cpus: must be a standard resource for containers\n" +
            "* spec.containers[0].resources.requests[cpus]: Invalid value: cpus: must be a standard resource type or fully qualified\n" +
            "* spec.containers[0].resources.requests[cpus]: Invalid value: cpus: must be a standard resource for containers"
        },
        {
            Admit.Pod(containerExtra: "resources:\n  limits:\n    cpu: \"-1\""),
            "The Pod \"x\" is invalid: \n" +
            "* spec.containers[0].resources.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0\n" +
            "* spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"
        },
        {
            Admit.Pod(specExtra: "terminationGracePeriodSeconds: 10", containerExtra: "lifecycle:\n  preStop:\n    sleep:\n      seconds: 20"),
            "The Pod \"x\" is invalid: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 20: must be greater than 0 and less than terminationGracePeriodSeconds (10). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."
        },
        {
            Admit.Pod(containerExtra: "env:\n- name: A=B\n  value: x"),
            "The Pod \"x\" is invalid: spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"
        },
        {
            Admit.Pod(containerExtra: "env:\n- name: NODE\n  valueFrom:\n    fieldRef:\n      fieldPath: status.phase"),
            "The Pod \"x\" is invalid: spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""
        },
        {
            Admit.Pod(containerExtra: "env:\n- name: NODE\n  value: x\n  valueFrom:\n    fieldRef:\n      fieldPath: spec.nodeName"),
            "The Pod \"x\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"
        },
        {
            Admit.Pod(containerExtra: "imagePullPolicy: Sometimes"),
            "The Pod \"x\" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""
        },
        {
            Admit.Pod(containerExtra: "ports:\n- containerPort: 80\n  protocol: tcp"),
            "The Pod \"x\" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""
        },
        {
            Admit.Pod(containerExtra: "ports:\n- containerPort: 80\n  hostPort: 8080", moreContainers: "- name: sidecar\n  image: busybox\n  ports:\n  - containerPort: 81\n    hostPort: 8080"),
            "The Pod \"x\" is invalid: spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""
        },
        {
            Admit.Pod(containerExtra: "restartPolicy: Always"),
            "The Pod \"x\" is invalid: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"
        },
        {
            Admit.Pod(specExtra: "initContainers:\n- name: init\n  image: busybox\n  livenessProbe:\n    exec:\n      command: [cat, /tmp/healthy]"),
            "The Pod \"x\" is invalid: spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"
        },
        {
            Admit.Pod(specExtra: "initContainers:\n- name: web\n  image: busybox"),
            "The Pod \"x\" is invalid: spec.initContainers[0].name: Duplicate value: \"web\""
        },
        {
            Admit.Pod(specExtra: "initContainers:\n- name: init\n  image: busybox\n  restartPolicy: OnFailure"),
            "The Pod \"x\" is invalid: spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""
        },
        {
            Admit.Pod(specExtra: "activeDeadlineSeconds: 0"),
            "The Pod \"x\" is invalid: spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"
        },
        {
            Admit.Pod(specExtra: "tolerations:\n- key: dedicated\n  operator: Exists\n  value: gpu"),
            "The Pod \"x\" is invalid: spec.tolerations[0].operator: Invalid value: \"gpu\": value must be empty when `operator` is 'Exists'"
        },
        {
            Admit.Pod(specExtra: "tolerations:\n- key: dedicated\n  value: gpu\n  effect: NoSchedule\n  tolerationSeconds: 60"),
            "The Pod \"x\" is invalid: spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"
        },
        {
            Admit.Pod(specExtra: "nodeSelector:\n  disk type: ssd"),
            "The Pod \"x\" is invalid: spec.nodeSelector: Invalid value: \"disk type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        },
        {
            Admit.Pod(specExtra: "os:\n  name: macos"),
            "The Pod \"x\" is invalid: spec.os: Unsupported value: \"macos\": supported values: \"linux\", \"windows\""
        },
        {
            Admit.Pod(specExtra: "affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 0\n      preference:\n        matchExpressions:\n        - key: disk\n          operator: Exists"),
            "The Pod \"x\" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"
        },
        {
            Admit.Pod(specExtra: "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - key: disk\n          operator: In"),
            "The Pod \"x\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
        },
        {
            Admit.Pod(specExtra: "topologySpreadConstraints:\n- maxSkew: 0\n  topologyKey: zone\n  whenUnsatisfiable: DoNotSchedule"),
            "The Pod \"x\" is invalid: spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"
        },
        {
            Admit.Pod(name: "x", specExtra: "").Replace("  name: x", "  name: x\n  finalizers: [example]"),
            "The Pod \"x\" is invalid: metadata.finalizers[0]: Invalid value: \"example\": name is neither a standard finalizer name nor is it fully qualified"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejected_pod_gets_kubectls_message(string yaml, string expected) => Assert.Equal(expected, Admit.Kubectl(yaml));

    [Fact]
    public void A_plain_pod_is_accepted() => Assert.Null(Admit.Kubectl(Admit.Pod()));

    [Fact]
    public void Several_errors_are_listed_by_kubectl_and_bracketed_in_the_status_message()
    {
        var error = Admit.Create(Admit.Pod(name: "My_Pod", specExtra: "restartPolicy: Sometimes", containerExtra: "ports:\n- containerPort: 0"))!;
        const string name = "metadata.name: Invalid value: \"My_Pod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        const string port = "spec.containers[0].ports[0].containerPort: Required value";
        const string restart = "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"";
        Assert.Equal($"The Pod \"My_Pod\" is invalid: \n* {name}\n* {port}\n* {restart}", error.KubectlMessage);
        Assert.Equal($"Pod \"My_Pod\" is invalid: [{name}, {port}, {restart}]", error.StatusMessage);
    }

    [Fact]
    public void A_single_error_is_not_bracketed_in_the_status_message()
    {
        var error = Admit.Create(Admit.Pod(specExtra: "restartPolicy: Sometimes"))!;
        Assert.Equal("Pod \"x\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"", error.StatusMessage);
        var cause = Assert.Single(error.Errors);
        Assert.Equal("FieldValueNotSupported", cause.Type.ToString());
        Assert.Equal("spec.restartPolicy", cause.Field);
        Assert.Equal("Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"", cause.ErrorBody);
    }

    [Fact]
    public void A_negative_grace_period_is_accepted_with_a_warning()
    {
        var pod = ActorPods.Api.Defaulting.ObjectDefaulter.Apply(Admit.Load(Admit.Pod(specExtra: "terminationGracePeriodSeconds: -1")));
        Assert.Empty(ActorPods.Api.Validation.ObjectValidator.Validate(pod));
        Assert.Equal(["spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1"],
            ActorPods.Api.Validation.ObjectValidator.Warnings(pod));
    }
}
