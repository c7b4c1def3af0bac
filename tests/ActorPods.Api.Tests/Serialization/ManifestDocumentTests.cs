using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

/// <summary>Document-level behaviour: separators, lists, anchors, JSON, empty input.</summary>
public class ManifestDocumentTests
{
    [Fact]
    public void Typed_lists_default_their_items_kind()
    {
        var objects = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: PodList
            items:
            - metadata: {name: a}
            - metadata: {name: b}
            """);
        Assert.All(objects, o => Assert.IsType<Pod>(o));
        Assert.Equal(["a", "b"], objects.Select(o => o.Metadata!.Name));
        Assert.All(objects, o => Assert.Equal("Pod", o.Kind));
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve_as_in_go_yaml()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: &labels {app: web}}
            spec:
              nodeSelector: *labels
              containers:
              - &base {name: a, image: busybox}
              - <<: *base
                name: b
            """);
        Assert.Equal("web", pod.Spec!.NodeSelector!["app"]);
        Assert.Equal(["a", "b"], pod.Spec.Containers!.Select(c => c.Name));
        Assert.Equal("busybox", pod.Spec.Containers![1].Image);
    }

    [Fact]
    public void A_syntax_error_in_one_document_does_not_hide_the_others()
    {
        var result = ManifestLoader.TryLoadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nkind: [\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n", "t.yaml");
        Assert.Equal(["a", "c"], result.Objects.Select(o => o.Metadata!.Name));
        var e = Assert.Single(result.Errors);
        Assert.Equal("error converting YAML to JSON: yaml: line 6: did not find expected node content", e.Message);
    }

    [Fact]
    public void Empty_input_and_comment_only_documents_give_no_objects()
    {
        Assert.Empty(ManifestLoader.LoadText(""));
        Assert.Empty(ManifestLoader.LoadText("# nothing\n---\n---\n"));
    }

    [Fact]
    public void Json_with_a_duplicate_key_is_rejected_too()
    {
        var e = Assert.Single(ManifestLoader.TryLoadText("""{"apiVersion":"v1","kind":"Namespace","kind":"Namespace","metadata":{"name":"x"}}""", "x.json").Errors);
        Assert.Equal("error converting YAML to JSON: yaml: unmarshal errors:\n  line 1: key \"kind\" already set in map", e.Message);
    }

    [Fact]
    public void LoadOne_rejects_a_different_kind()
    {
        var ex = Assert.Throws<ManifestException>(() => ManifestLoader.LoadOne<Pod>("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n"));
        Assert.Contains("expected exactly one Pod, found 1 object(s): Namespace", ex.Message);
    }

    [Fact]
    public void Native_sidecar_and_every_probe_and_hook_field_load()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              initContainers:
              - name: log-shipper
                image: busybox
                restartPolicy: Always
                startupProbe:
                  grpc: {port: 9090, service: health}
                  terminationGracePeriodSeconds: 5
              containers:
              - name: app
                image: nginx
                envFrom:
                - configMapRef: {name: cfg}
                  prefix: CFG_
                - secretRef: {name: sec, optional: true}
                env:
                - name: NODE
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                - name: USER
                  valueFrom: {secretKeyRef: {name: sec, key: user}}
                - name: MODE
                  valueFrom: {configMapKeyRef: {name: cfg, key: mode}}
                - name: CPU
                  valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}
                livenessProbe:
                  httpGet:
                    path: /healthz
                    port: http
                    host: 127.0.0.1
                    scheme: HTTPS
                    httpHeaders: [{name: X, value: z}]
                  initialDelaySeconds: 1
                  timeoutSeconds: 2
                  periodSeconds: 3
                  successThreshold: 1
                  failureThreshold: 4
                lifecycle:
                  postStart: {tcpSocket: {port: 80}}
                  preStop: {sleep: {seconds: 10}}
                volumeMounts: [{name: data, mountPath: /data, subPath: x, readOnly: true}]
              volumes:
              - {name: data, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
              - {name: host, hostPath: {path: /var/log, type: Directory}}
              - {name: cfg, configMap: {name: cfg, items: [{key: a, path: a.txt}]}}
              - {name: sec, secret: {secretName: sec, defaultMode: 0644}}
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions: [{key: zone, operator: In, values: [a, b]}]
              tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}]
              activeDeadlineSeconds: 600
              priority: 100
              schedulerName: default-scheduler
              serviceAccountName: app
              hostname: web-0
              dnsPolicy: ClusterFirst
            """);
        var sidecar = pod.Spec!.InitContainers![0];
        Assert.Equal("Always", sidecar.RestartPolicy);
        Assert.Equal(9090, sidecar.StartupProbe!.Grpc!.Port);
        Assert.Equal(5, sidecar.StartupProbe.TerminationGracePeriodSeconds);
        var app = pod.Spec.Containers![0];
        Assert.Equal("http", app.LivenessProbe!.HttpGet!.Port!.Value.StringValue);
        Assert.Equal(10, app.Lifecycle!.PreStop!.Sleep!.Seconds);
        Assert.Equal(80, app.Lifecycle.PostStart!.TcpSocket!.Port!.Value.IntValue);
        Assert.Equal("1m", app.Env![3].ValueFrom!.ResourceFieldRef!.Divisor!.Value.ToString());
        Assert.Equal("64Mi", pod.Spec.Volumes![0].EmptyDir!.SizeLimit!.Value.ToString());
        Assert.Equal(420, pod.Spec.Volumes[3].Secret!.DefaultMode); // YAML 1.1 octal, as go-yaml v2 reads it
        Assert.Equal(["a", "b"], pod.Spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms![0].MatchExpressions![0].Values);
        Assert.Equal(300, pod.Spec.Tolerations![0].TolerationSeconds);
    }

    [Fact]
    public void Full_pod_status_round_trips()
    {
        var json = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default","uid":"u-1","resourceVersion":"7","generation":1,
             "creationTimestamp":"2024-01-02T03:04:05Z","deletionTimestamp":"2024-01-02T03:05:05Z","deletionGracePeriodSeconds":30,
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u-0","controller":true,"blockOwnerDeletion":true}],
             "finalizers":["f"]},
             "spec":{"containers":[{"name":"c","image":"busybox"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False","lastProbeTime":null,"lastTransitionTime":"2024-01-02T03:04:06Z","reason":"ContainersNotReady","message":"m"}],
              "hostIP":"10.0.0.2","hostIPs":[{"ip":"10.0.0.2"}],"podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],"startTime":"2024-01-02T03:04:05Z","qosClass":"BestEffort",
              "initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"2024-01-02T03:04:05Z","finishedAt":"2024-01-02T03:04:06Z","containerID":"sim://1"}},"lastState":{},"ready":true,"restartCount":0,"image":"busybox","imageID":"sim://busybox","containerID":"sim://1","started":false}],
              "containerStatuses":[{"name":"c","state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 10s restarting failed container=c"}},"lastState":{"terminated":{"exitCode":137,"signal":9,"reason":"Error","startedAt":"2024-01-02T03:04:06Z","finishedAt":"2024-01-02T03:04:07Z","containerID":"sim://2"}},"ready":false,"restartCount":1,"image":"busybox","imageID":"sim://busybox","containerID":"sim://2","started":false}],
              "reason":"r","message":"m"}}
            """;
        var pod = ManifestLoader.LoadOne<Pod>(json, "p.json");
        var back = System.Text.Json.Nodes.JsonNode.Parse(KubeJson.Serialize(pod));
        var expected = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        // lastProbeTime: null is omitted on output, as Go's omitempty would.
        expected["status"]!["conditions"]![0]!.AsObject().Remove("lastProbeTime");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, back), back!.ToJsonString());
        Assert.Equal(137, pod.Status!.ContainerStatuses![0].LastState!.Terminated!.ExitCode);
    }
}
