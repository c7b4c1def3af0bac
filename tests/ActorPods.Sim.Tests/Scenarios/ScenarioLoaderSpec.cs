using ActorPods.Sim.Config;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

public sealed class ScenarioLoaderSpec : ScenarioFixture
{
    private IReadOnlyList<string> Errors(string spec)
    {
        Files.Write("pod.yaml", WebPod);
        var path = Files.Write("s.yaml", ScenarioText(spec));
        var e = Assert.Throws<ConfigException>(() => ScenarioLoader.Load(path));
        return e.Errors.Select(x => x.ToString().Replace(Files.Dir + Path.DirectorySeparatorChar, "")).ToList();
    }

    [Fact]
    public void A_full_scenario_reads_every_part()
    {
        Files.Write("pod.yaml", WebPod);
        var s = ScenarioLoader.Load(Files.Write("s.yaml", ScenarioText("""
              seed: 7
              duration: 5m
              nodes: [{name: a, cpu: "2", memory: 4Gi, labels: {zone: a}}]
              manifests: [pod.yaml]
              actions:
              - at: 90s
                delete: {pod: web, gracePeriodSeconds: 15}
              - when: {pod: web, phase: Running}
                after: 10s
                exec: {pod: web, container: app, command: [rm, -f, /tmp/healthy]}
              - at: 50s
                addAddress: 192.168.109.201
              expect:
              - by: 2m
                pod: web
                phase: Failed
              - during: [30s, 90s]
                pod: web
                ready: "1/1"
                containers: {app: {state: running}}
              - never: true
                event: {object: pod/web, reason: Killing, messageContains: "failed liveness probe"}
            """)));
        Assert.Equal((7, TimeSpan.FromMinutes(5)), (s.Seed!.Value, s.Duration!.Value));
        Assert.Equal("a", Assert.Single(s.Nodes!).Name);
        Assert.Equal("web", Assert.Single(s.Objects).Metadata!.Name);
        Assert.Equal(new DeleteAction(new AtTrigger(TimeSpan.FromSeconds(90)), new Position(10, 5), "default", "web", 15, false), s.Actions[0]);
        var exec = Assert.IsType<ExecAction>(s.Actions[1]);
        Assert.Equal(["rm", "-f", "/tmp/healthy"], exec.Command);
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.IsType<WhenTrigger>(exec.Trigger).After);
        Assert.Equal(TimingKind.During, s.Expectations[1].Timing.Kind);
        Assert.Equal("running", s.Expectations[1].Pod!.Containers!["app"].State);
        Assert.Equal(TimeSpan.FromMinutes(2), s.LatestNamedTime);
    }

    [Fact]
    public void Unknown_fields_and_bad_values_are_reported_with_line_and_column()
    {
        var errors = Errors("""
              duration: 5 minutes
              actions:
              - at: 90s
                delet: {pod: web}
              expect:
              - by: soon
                pod: web
                phase: Failed
            """);
        Assert.Contains("s.yaml:5:13: spec.duration: invalid duration \"5 minutes\" (use Go/kubectl style: 90s, 5m, 1h30m)", errors);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:8:5: spec.actions[0]: unknown field \"delet\"", StringComparison.Ordinal));
        // Other action kinds follow these five (faults, node operations): only the start of the list is fixed.
        Assert.Contains(errors, e => e.StartsWith("s.yaml:7:5: spec.actions[0]: no action (one of: delete, exec, addAddress, removeAddress, apply", StringComparison.Ordinal));
        Assert.Contains("s.yaml:10:9: spec.expect[0].by: invalid duration \"soon\" (use Go/kubectl style: 90s, 5m, 1h30m)", errors);
    }

    [Fact]
    public void A_missing_manifest_is_reported_where_the_scenario_names_it()
    {
        var errors = Errors("  manifests: [nothere.yaml]\n");
        Assert.Single(errors);
        Assert.StartsWith("s.yaml:5:14: the path", errors[0]);
    }

    [Fact]
    public void Errors_in_inline_objects_point_into_the_scenario_file()
    {
        var errors = Errors("""
              objects:
              - apiVersion: v1
                kind: Pod
                metadata: {name: x}
                spec:
                  containers:
                  - name: app
                    image: nginx
                    livenessProbe:
                      periodSecond: 5
            """);
        var e = Assert.Single(errors);
        Assert.StartsWith("s.yaml:14:11: ", e);
        Assert.Contains("unknown field \"spec.containers[0].livenessProbe.periodSecond\"", e);
    }

    [Fact]
    public void A_yaml_syntax_error_has_its_position()
    {
        var errors = Errors("  seed: 7\n   nodes: 3\n");
        Assert.Single(errors);
        Assert.Matches(@"^s\.yaml:6:\d+: yaml: ", errors[0]);
    }

    [Fact]
    public void Expectations_need_something_to_check_and_one_timing()
    {
        var errors = Errors("""
              expect:
              - by: 1m
                at: 2m
                pod: web
                phase: Running
              - by: 1m
                pod: web
              - during: [90s, 30s]
                pod: web
                phase: Running
            """);
        Assert.Contains("s.yaml:6:5: spec.expect[0]: give one of by, at, during, never, recover (found by, at)", errors);
        Assert.Contains("s.yaml:10:5: spec.expect[1]: nothing to check (give phase, status, ready, restarts, restartsAtLeast, deleted or containers)", errors);
        Assert.Contains("s.yaml:12:13: spec.expect[2].during: the window ends before it starts", errors);
    }

    [Fact]
    public void Plain_manifests_are_a_scenario_with_only_objects_and_are_told_apart_by_kind()
    {
        var pod = Files.Write("pod.yaml", WebPod);
        var scenario = Files.Write("s.yaml", ScenarioText("  nodes: 1\n"));
        Assert.False(ScenarioLoader.IsScenario(pod));
        Assert.True(ScenarioLoader.IsScenario(scenario));
        var s = ScenarioLoader.FromManifests([pod]);
        Assert.Single(s.Objects);
        Assert.Empty(s.Actions);
        Assert.Empty(s.Expectations);
    }

    [Fact]
    public void Inline_objects_are_loaded_in_order_after_the_manifests()
    {
        Files.Write("pod.yaml", WebPod);
        var s = ScenarioLoader.Load(Files.Write("s.yaml", ScenarioText("""
              manifests: [pod.yaml]
              objects:
              - {apiVersion: v1, kind: Service, metadata: {name: myservice}, spec: {ports: [{port: 80}]}}
              - apiVersion: v1
                kind: Pod
                metadata: {name: second}
                spec:
                  containers: [{name: app, image: busybox}]
            """)));
        Assert.Equal(["web", "myservice", "second"], s.Objects.Select(o => o.Metadata!.Name!));
    }
}
