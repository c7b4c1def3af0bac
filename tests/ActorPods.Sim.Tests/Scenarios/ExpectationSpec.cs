using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// Each expectation form, passing and failing. With the stand-in node: web is scheduled at 0s, ContainerCreating,
/// Running and 1/1 at 1s; the scenario deletes it at 30s (grace 15s) and it is gone at 31s.
/// </summary>
public sealed class ExpectationSpec : ScenarioFixture
{
    private Verdict Check(string expectation) => Only($$"""
          manifests: [pod.yaml]
          actions:
          - at: 30s
            delete: {pod: web, gracePeriodSeconds: 15}
          expect:
        {{expectation}}
        """);

    [Theory]
    [InlineData("  - {by: 5s, pod: web, phase: Running}", true)]
    [InlineData("  - {by: 500ms, pod: web, phase: Running}", false)]
    [InlineData("  - {pod: web, deleted: true}", true)]
    [InlineData("  - {at: 10s, pod: web, ready: \"1/1\", status: Running, restarts: 0}", true)]
    [InlineData("  - {at: 10s, pod: web, status: Terminating}", false)]
    [InlineData("  - {at: 30s, pod: web, status: Terminating}", true)]
    [InlineData("  - {during: [2s, 29s], pod: web, phase: Running}", true)]
    [InlineData("  - {during: [2s, 40s], pod: web, phase: Running}", false)]
    [InlineData("  - {during: [0s, 20s], pod: web, phase: Running}", false)]
    [InlineData("  - {never: true, pod: web, phase: Failed}", true)]
    [InlineData("  - {never: true, pod: web, status: Terminating}", false)]
    [InlineData("  - {by: 1m, pod: web, restartsAtLeast: 1}", false)]
    [InlineData("  - {by: 1m, pod: web, containers: {app: {state: terminated, reason: Completed, exitCode: 0}}}", true)]
    [InlineData("  - {by: 1m, pod: web, containers: {app: {state: terminated, exitCode: 137}}}", false)]
    [InlineData("  - {by: 1m, event: {object: pod/web, reason: Killing, messageContains: \"Stopping container app\"}}", true)]
    [InlineData("  - {by: 10s, event: {object: pod/web, reason: Killing}}", false)]
    [InlineData("  - {during: [0s, 1s], event: {object: pod/web, reason: Scheduled, type: Normal}}", true)]
    [InlineData("  - {never: true, event: {object: pod/web, type: Warning}}", true)]
    [InlineData("  - {never: true, event: {object: pod/web, reason: Started}}", false)]
    public void Each_form_passes_or_fails_on_what_happened(string expectation, bool passes)
    {
        var verdict = Check(expectation);
        Assert.True(passes == verdict.Passed, verdict.ToString());
    }

    [Fact]
    public void A_failure_says_what_was_seen_instead()
    {
        var verdict = Check("  - {at: 10s, pod: web, phase: Failed}");
        Assert.Equal("FAIL  at 10s: pod/web phase=Failed — phase=Running status=Running ready=1/1 restarts=0 app{state=running} at 10.000s", verdict.ToString());
    }

    [Fact]
    public void A_failed_expectation_makes_the_run_exit_non_zero()
    {
        var (outcome, output, _) = RunScenario("""
              manifests: [pod.yaml]
              expect:
              - {by: 5s, pod: web, phase: Running}
              - {by: 5s, pod: web, phase: Succeeded}
            """);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("# 1 of 2 failed", output);
        Assert.Contains("PASS  by 5s: pod/web phase=Running — seen at 1.000s", output);
    }
}
