namespace ActorPods.Api.Tests.Validation;

/// <summary>kubectl's message for rejected Deployments, ReplicaSets, ReplicationControllers, Services and metadata.</summary>
public class WorkloadAndServiceValidationMessageTests
{
    private static string Deployment(string spec = "", string selector = "selector:\n  matchLabels:\n    app: web", string labels = "app: web", string name = "web") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
        {Indent(selector, 2)}
        {Indent(spec, 2)}
          template:
            metadata:
              labels:
        {Indent(labels, 8)}
            spec:
              containers:
              - name: web
                image: nginx:1.25
        """;

    private static string Service(string spec, string name = "web") => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
        {Indent(spec, 2)}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));

    public static TheoryData<string, string> Cases() => new()
    {
        {
            Deployment(labels: "app: nginx"),
            "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`"
        },
        {
            Deployment(selector: ""),
            "The Deployment \"web\" is invalid: \n" +
            "* spec.selector: Required value\n" +
            "* spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"
        },
        {
            Deployment(selector: "selector: {}"),
            "The Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"
        },
        {
            Deployment(selector: "selector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values: [web, api]", labels: "app: db"),
            "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`"
        },
        {
            Deployment(spec: "replicas: -1"),
            "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
        },
        {
            Deployment(spec: "strategy:\n  rollingUpdate:\n    maxSurge: 0\n    maxUnavailable: 0"),
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"
        },
        {
            Deployment(spec: "strategy:\n  rollingUpdate:\n    maxUnavailable: 150%"),
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%"
        },
        {
            Deployment(spec: "strategy:\n  rollingUpdate:\n    maxSurge: 25"),
            null!
        },
        {
            Deployment(spec: "strategy:\n  rollingUpdate:\n    maxSurge: \"25\""),
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
        },
        {
            Deployment(spec: "strategy:\n  type: Blue"),
            "The Deployment \"web\" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"Blue\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\""
        },
        {
            Deployment(spec: "strategy:\n  type: Recreate\n  rollingUpdate:\n    maxSurge: 1"),
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
        },
        {
            Deployment(spec: "minReadySeconds: 700"),
            "The Deployment \"web\" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"
        },
        {
            Deployment().Replace("        image: nginx:1.25", "        image: nginx:1.25\n      restartPolicy: Never"),
            "The Deployment \"web\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
        },
        {
            Deployment().Replace("        image: nginx:1.25", "        image: nginx:1.25\n      activeDeadlineSeconds: 30"),
            "The Deployment \"web\" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"
        },
        {
            Deployment().Replace("        image: nginx:1.25", ""),
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value"
        },
        {
            Deployment(labels: "app: web\ntier: -front"),
            "The Deployment \"web\" is invalid: spec.template.labels: Invalid value: \"-front\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        },
        {
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: rs
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: api
                spec:
                  containers:
                  - name: web
                    image: nginx
            """,
            "The ReplicaSet \"rs\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`"
        },
        {
            """
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: rc
            spec:
              selector:
                app: web
              template:
                metadata:
                  labels:
                    app: api
                spec:
                  containers:
                  - name: web
                    image: nginx
            """,
            "The ReplicationController \"rc\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`"
        },
        {
            Service("ports:\n- port: 70000"),
            // targetPort defaults to port, so it is out of range too.
            "The Service \"web\" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n" +
            "* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
        },
        {
            Service("selector:\n  app: web"),
            "The Service \"web\" is invalid: spec.ports: Required value"
        },
        {
            Service("ports:\n- port: 80\n- port: 81"),
            "The Service \"web\" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value"
        },
        {
            Service("ports:\n- name: http\n  port: 80\n- name: http\n  port: 81"),
            "The Service \"web\" is invalid: spec.ports[1].name: Duplicate value: \"http\""
        },
        {
            Service("ports:\n- name: a\n  port: 80\n- name: b\n  port: 80"),
            "The Service \"web\" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"
        },
        {
            Service("ports:\n- port: 80\n  targetPort: web_port"),
            "The Service \"web\" is invalid: spec.ports[0].targetPort: Invalid value: \"web_port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
        },
        {
            Service("ports:\n- port: 80\n  nodePort: 30080"),
            "The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"
        },
        {
            Service("type: Nodeport\nports:\n- port: 80"),
            "The Service \"web\" is invalid: spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
        },
        {
            Service("ports:\n- port: 80\n  protocol: HTTP"),
            "The Service \"web\" is invalid: spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""
        },
        {
            Service("ports:\n- port: 80", name: "1web"),
            "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        },
        {
            Service("type: NodePort\nports:\n- port: 80\n  nodePort: 30080"),
            null!
        },
        {
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: x
              labels:
                app.kubernetes.io/name: web
                "a/b/c": x
              annotations:
                "": empty
            spec:
              containers:
              - name: web
                image: nginx
            """,
            "The Pod \"x\" is invalid: \n" +
            "* metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')\n" +
            "* metadata.annotations: Invalid value: \"\": name part must be non-empty\n" +
            "* metadata.annotations: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        },
        {
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: x
              labels:
                Example.com/App: web
            spec:
              containers:
              - name: web
                image: nginx
            """,
            "The Pod \"x\" is invalid: metadata.labels: Invalid value: \"Example.com/App\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        },
        {
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: x
              namespace: Team_A
            spec:
              containers:
              - name: web
                image: nginx
            """,
            "The Pod \"x\" is invalid: metadata.namespace: Invalid value: \"Team_A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        },
        {
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cfg
            data:
              "bad key": x
            """,
            "The ConfigMap \"cfg\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejected_object_gets_kubectls_message(string yaml, string? expected) => Assert.Equal(expected, Admit.Kubectl(yaml));

    [Fact]
    public void A_deployment_error_names_the_group_in_the_status_message_but_not_in_kubectls()
    {
        var error = Admit.Create(Deployment(labels: "app: nginx"))!;
        Assert.StartsWith("Deployment.apps \"web\" is invalid: spec.template.metadata.labels:", error.StatusMessage);
        Assert.StartsWith("The Deployment \"web\" is invalid: spec.template.metadata.labels:", error.KubectlMessage);
    }
}
