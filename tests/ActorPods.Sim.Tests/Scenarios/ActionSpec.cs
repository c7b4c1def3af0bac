namespace ActorPods.Sim.Tests.Scenarios;

public sealed class ActionSpec : ScenarioFixture
{
    [Fact]
    public void Actions_run_at_their_time_and_after_their_condition_first_holds()
    {
        var (outcome, output, err) = RunScenario("""
              manifests: [pod.yaml]
              actions:
              - at: 50s
                addAddress: 192.168.109.201
              - when: {pod: web, phase: Running}
                after: 10s
                exec: {pod: web, command: [echo, hi]}
              - when: {pod: web, deleted: true}
                removeAddress: 192.168.109.201
              - at: 60s
                delete: {pod: web, force: true}
            """);
        Assert.Equal("", err);
        var actions = outcome.Trace.Where(r => r.Type == "action").Select(r => (r.T.TotalSeconds, r.String("action"))).ToList();
        Assert.Equal([(11.0, "exec"), (50.0, "addAddress"), (60.0, "delete"), (60.0, "removeAddress")], actions);
        Assert.Contains("[  60.000s] action: kubectl delete pod web --grace-period=0 --force", output);
        Assert.Contains("[  50.000s] action: addAddress 192.168.109.201", output);
    }

    [Fact]
    public void An_exec_on_a_pod_that_does_not_exist_records_the_error()
    {
        var (outcome, output, _) = RunScenario("""
              manifests: [pod.yaml]
              actions:
              - at: 5s
                exec: {pod: ghost, command: [echo, hi]}
            """);
        var action = Assert.Single(outcome.Trace, r => r.Type == "action");
        Assert.Equal(1L, action.Long("exitCode"));
        Assert.Contains("pods \"ghost\" not found", action.String("output") + output);
    }

    [Fact]
    public void A_when_that_never_holds_never_fires_and_does_not_keep_the_run_going()
    {
        var (outcome, _, _) = RunScenario("""
              manifests: [pod.yaml]
              actions:
              - when: {pod: web, phase: Failed}
                delete: {pod: web}
            """);
        Assert.DoesNotContain(outcome.Trace, r => r.Type == "action");
        Assert.True(outcome.Quiescent);
        Assert.Equal(TimeSpan.FromSeconds(61), outcome.End);
    }

    [Fact]
    public void Apply_of_an_object_that_exists_configures_it_or_leaves_it_unchanged()
    {
        Files.Write("same.yaml", WebPod);
        Files.Write("labelled.yaml", WebPod.Replace("  name: web", "  name: web\n  labels: {tier: front}"));
        var (outcome, output, _) = RunScenario("""
              manifests: [pod.yaml]
              actions:
              - at: 5s
                apply: same.yaml
              - at: 6s
                apply: same.yaml
              - at: 7s
                apply: labelled.yaml
            """);
        var results = outcome.Trace.Where(r => r.Type == "action").Select(r => r.String("result")).ToList();
        // pod/web was created as kubectl create does: the first apply warns and records the annotation.
        Assert.Equal(
            [
                "Warning: resource pods/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. " +
                "kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. " +
                "The missing annotation will be patched automatically.\npod/web configured",
                "pod/web unchanged",
                "pod/web configured",
            ], results);
        Assert.Contains("[   7.000s] action: kubectl apply -f labelled.yaml\n  pod/web configured\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Apply_reports_what_the_api_server_refused()
    {
        // A pod's containers cannot change once created (only their images): the api-server's 422, as kubectl prints it.
        Files.Write("changed.yaml", WebPod.Replace("image: nginx", "image: nginx\n    command: [sh]"));
        var (outcome, _, _) = RunScenario("""
              manifests: [pod.yaml]
              actions:
              - at: 5s
                apply: changed.yaml
            """);
        var action = Assert.Single(outcome.Trace, r => r.Type == "action");
        var lines = action.String("result")!.Split('\n');
        Assert.StartsWith("Warning: resource pods/web is missing the", lines[0]);
        Assert.StartsWith("The Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than", lines[1]);
    }

    [Fact]
    public void Apply_creates_more_objects_mid_run()
    {
        Files.Write("later.yaml", WebPod.Replace("name: web", "name: later"));
        var (outcome, output, _) = RunScenario("""
              manifests: [pod.yaml]
              actions:
              - at: 20s
                apply: later.yaml
              expect:
              - {by: 30s, pod: later, phase: Running}
            """);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("[  20.000s] action: kubectl apply -f later.yaml\n  pod/later created\n", output.Replace("\r\n", "\n"));
    }
}
