namespace ActorPods.Cli.Tests.Run;

/// <summary>`actorpods run` through the command line, in-process, with the real node side (ActorPods.Node).</summary>
public sealed class RunCommandSpec : IDisposable
{
    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: app
            image: nginx
          - name: sidecar
            image: busybox
            command: ["sh", "-c", "echo sidecar up; sleep 3600"]
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actorpods-cli-run-" + Guid.NewGuid().ToString("N"));

    public RunCommandSpec() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ActorPodsCli.Run(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    /// <summary>NAME.yaml: a pod NAME with one container "app" of <paramref name="image"/> (and a command, JSON).</summary>
    private string WriteOneContainerPod(string name, string image, string? command = null) => Write(name + ".yaml", $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          containers:
          - name: app
            image: {image}
        {(command is null ? "" : "    command: " + command)}
        """);

    [Fact]
    public void Manifests_print_the_watch_stream_then_pods_and_events()
    {
        var (code, output, err) = Run("run", Write("pod.yaml", Pod), "--for", "30s", "--nodes", "2", "--settle", "5s");
        Assert.Equal("", err);
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Equal("pod/web created", lines[1]);
        Assert.Equal("[   0.000s] NAME   READY   STATUS    RESTARTS   AGE", lines[2]);
        // ADDED, then the binding (nodeName and PodScheduled in one write), then the kubelet's first status.
        Assert.Equal("[   0.000s] web    0/2     Pending   0          0s", lines[3]);
        Assert.Equal("[   0.000s] web    0/2     Pending   0          0s", lines[4]);
        Assert.Equal("[   0.000s] web    0/2     ContainerCreating   0          0s", lines[5]);
        // Two 2s image pulls (serialized, as serializeImagePulls: true) before both containers run.
        Assert.Contains("[   4.000s] web    2/2     Running             0          4s", lines);
        Assert.Contains("$ kubectl get pods\nNAME   READY   STATUS    RESTARTS   AGE\nweb    2/2     Running   0          9s\n", output);
        Assert.Contains("$ kubectl get events\nLAST SEEN   TYPE     REASON      OBJECT    MESSAGE\n9s          Normal   Scheduled   pod/web   Successfully assigned default/web to node-1\n", output);
        Assert.Contains("5s          Normal   Started     pod/web   Started container sidecar\n", output);
        Assert.Contains("# quiescent at 9.000s (nothing changed for 5s)", output);
    }

    [Fact]
    public void Describe_and_logs_print_what_kubectl_would()
    {
        var (code, output, err) = Run("run", Write("pod.yaml", Pod), "--describe", "pod/web", "--logs", "pod/web", "--logs", "pod/web/sidecar");
        Assert.Equal(0, code);
        Assert.Contains("$ kubectl describe pod web\nName:         web\nNamespace:    default\n", output);
        Assert.Contains("Node:         node-1/172.18.0.2\n", output);
        Assert.Contains("$ kubectl logs web\n/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty", output);
        Assert.Contains("$ kubectl logs web -c sidecar\nsidecar up\n", output);
        Assert.Equal("Defaulted container \"app\" out of: app, sidecar\n", err);
    }

    [Fact]
    public void Logs_of_a_restarted_container_are_its_last_instances_only()
    {
        // Each instance prints its start; under CrashLoopBackOff the container waits, and kubectl logs reads the
        // instance that last terminated (kubelet_pods.go validateContainerLogStatus), not every instance's lines.
        var crasher = WriteOneContainerPod("crasher", "busybox", """["sh", "-c", "echo started at $(date +%s); sleep 1; exit 1"]""");
        var (code, output, err) = Run("run", crasher, "--for", "2m", "--logs", "pod/crasher");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        var logs = output[(output.IndexOf("$ kubectl logs crasher\n", StringComparison.Ordinal) + "$ kubectl logs crasher\n".Length)..];
        var lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeWhile(l => l.StartsWith("started at ", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.Contains("CrashLoopBackOff", output);
    }

    [Fact]
    public void Logs_of_a_container_that_never_started_say_why_as_the_kubelet_does()
    {
        var pending = WriteOneContainerPod("pending", "registry.invalid/app:1");
        var (_, output, err) = Run("run", pending, "--for", "30s", "--logs", "pod/pending");
        Assert.Contains("$ kubectl logs pending\n", output);
        // At 30 s the pull has just failed again (ErrImagePull, between two ImagePullBackOff waits).
        Assert.Contains("pending   0/1     ErrImagePull   0          30s\n", output);
        Assert.Equal("Error from server (BadRequest): container \"app\" in pod \"pending\" is waiting to start: image can't be pulled\n", err);
    }

    [Fact]
    public void The_trace_flag_writes_json_lines_and_the_same_seed_writes_the_same_bytes()
    {
        var pod = Write("pod.yaml", Pod);
        var a = Path.Combine(_dir, "a.jsonl");
        var b = Path.Combine(_dir, "b.jsonl");
        Assert.Equal(0, Run("run", pod, "--seed", "42", "--trace", a).Code);
        Assert.Equal(0, Run("run", pod, "--seed", "42", "--trace", b).Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        // The nodes first (the recorder's node watch lists them at once), then the pod.
        var lines = File.ReadAllLines(a);
        Assert.StartsWith("{\"t\":0,\"type\":\"node\",\"name\":\"node-1\",", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("{\"t\":0,\"type\":\"pod\",", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_yaml_names_the_file_line_and_column_and_exits_non_zero()
    {
        var path = Write("bad.yaml", Pod.Replace("    image: nginx", "    image: nginx\n     ports: 80"));
        var (code, output, err) = Run("run", path);
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {path}:9:11: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context", err);
        Assert.DoesNotContain("created", output);
    }

    [Fact]
    public void An_invalid_object_means_nothing_is_created()
    {
        var path = Write("two.yaml", Pod + "\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: noimage}\nspec:\n  containers: [{name: a}]\n");
        var (code, output, err) = Run("run", path);
        Assert.Equal(1, code);
        Assert.Equal("The Pod \"noimage\" is invalid: spec.containers[0].image: Required value\n", err);
        Assert.DoesNotContain("created", output);
        Assert.DoesNotContain("web", output);
    }

    [Theory]
    [InlineData("--for", "ten minutes", "error: invalid argument \"ten minutes\" for \"--for\" flag: time: invalid duration \"ten minutes\"\n")]
    [InlineData("--describe", "web", "error: --describe expects pod/NAME, got \"web\"\n")]
    [InlineData("--logs", "deploy/web", "error: --logs expects pod/NAME[/CONTAINER], got \"deploy/web\"\n")]
    public void Bad_flags_are_refused_before_anything_runs(string flag, string value, string expected)
    {
        var (code, output, err) = Run("run", Write("pod.yaml", Pod), flag, value);
        Assert.Equal(1, code);
        Assert.Equal(expected, err);
        Assert.Equal("", output);
    }

    [Fact]
    public void A_scenario_prints_verdicts_and_a_failing_one_exits_non_zero()
    {
        Write("pod.yaml", Pod);
        var scenario = Write("s.yaml", """
            apiVersion: actorpods.io/v1alpha1
            kind: Scenario
            metadata: {name: s}
            spec:
              seed: 3
              manifests: [pod.yaml]
              expect:
              - {by: 10s, pod: web, ready: "2/2"}
              - {by: 10s, pod: web, phase: Failed}
            """);
        var (code, output, _) = Run("run", scenario);
        Assert.Equal(1, code);
        Assert.Contains("# actorpods run s: seed 3, 3 node(s)", output);
        Assert.Contains("PASS  by 10s: pod/web ready=2/2 — seen at 4.000s\n", output);
        Assert.Contains("FAIL  by 10s: pod/web phase=Failed — last seen: phase=Running", output);
        Assert.Contains("# 1 of 2 failed", output);
    }

    [Fact]
    public void A_scenario_error_names_its_line_and_column()
    {
        var scenario = Write("s.yaml", "apiVersion: actorpods.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  nodes: three\n");
        var (code, _, err) = Run("run", scenario);
        Assert.Equal(1, code);
        Assert.Equal($"error: {scenario}:5:10: nodes: expected an integer, got \"three\"\n", err);
    }

    public static TheoryData<string> ShippedScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoFile("config/scenarios"), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void The_shipped_cluster_config_and_scenarios_load_and_pass(string scenario)
    {
        var (code, output, err) = Run("run", RepoFile("config/scenarios/" + scenario), "--cluster", RepoFile("config/cluster.yaml"));
        Assert.Equal("", err);
        Assert.Equal(0, code);
        Assert.DoesNotContain("FAIL", output);
        Assert.Contains(" passed", output);
    }
}
