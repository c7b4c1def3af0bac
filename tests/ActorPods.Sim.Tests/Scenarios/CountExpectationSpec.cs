using ActorPods.Sim.Config;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// Counts of pods and events, and time to recover, with the stand-in node. Three bare pods web-1..3 (app: web) are
/// Running and ready at 1s; web-2 is deleted at 30s (grace 15s) and gone at 31s.
/// </summary>
public sealed class CountExpectationSpec : ScenarioFixture
{
    private const string ThreePods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, labels: {app: web}}
        spec: {containers: [{name: app, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-2, labels: {app: web}}
        spec: {containers: [{name: app, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-3, labels: {app: web, tier: front}}
        spec: {containers: [{name: app, image: nginx}]}
        """;

    private const string TwoReplicas = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: nginx}]}
        """;

    private Verdict Check(string expectation)
    {
        Files.Write("pods.yaml", ThreePods);
        return Only($$"""
              manifests: [pods.yaml]
              actions:
              - at: 30s
                delete: {pod: web-2, gracePeriodSeconds: 15}
              expect:
            {{expectation}}
            """);
    }

    [Theory]
    [InlineData("  - {at: 10s, count: {namePrefix: web-, phase: Running}, atLeast: 3}", true)]
    [InlineData("  - {at: 10s, count: {selector: {app: web}, ready: true}, equals: 3}", true)]
    [InlineData("  - {at: 10s, count: {selector: {app: web}, ready: \"1/1\"}, equals: 3}", true)]
    [InlineData("  - {at: 10s, count: {selector: {app: web, tier: front}}, equals: 1}", true)]
    [InlineData("  - {at: 500ms, count: {selector: {app: web}, ready: false}, equals: 3}", true)]
    [InlineData("  - {at: 40s, count: {selector: {app: web}}, equals: 2}", true)]
    [InlineData("  - {at: 40s, count: {selector: {app: web}}, atMost: 1}", false)]
    [InlineData("  - {during: [5s, 60s], count: {namePrefix: web-}, atLeast: 3}", false)]
    [InlineData("  - {during: [5s, 29s], count: {namePrefix: web-}, atLeast: 3}", true)]
    [InlineData("  - {never: true, count: {selector: {app: web}, status: Terminating}, atLeast: 1}", false)]
    [InlineData("  - {never: true, count: {selector: {app: web}, phase: Failed}, atLeast: 1}", true)]
    [InlineData("  - {by: 1m, count: {namePrefix: web-, node: node-1}, atLeast: 1}", true)]
    [InlineData("  - {by: 1m, count: {namePrefix: web-, namespace: other}, atLeast: 1}", false)]
    [InlineData("  - {by: 1m, event: {reason: Scheduled}, countAtLeast: 3}", true)]
    [InlineData("  - {by: 1m, event: {reason: Scheduled}, countAtMost: 2}", false)]
    [InlineData("  - {during: [20s, 60s], event: {reason: Killing}, countAtLeast: 1, countAtMost: 1}", true)]
    [InlineData("  - {during: [0s, 20s], event: {reason: Killing}, countAtLeast: 1}", false)]
    [InlineData("  - {recover: {after: {action: 0}, within: 1m}, count: {selector: {app: web}}, atLeast: 3}", false)]
    [InlineData("  - {recover: {at: 10s, within: 5s}, count: {selector: {app: web}}, atLeast: 3}", true)]
    [InlineData("  - {recover: {after: {action: 0}, within: 1m}, pod: web-1, phase: Running}", true)]
    public void Each_form_passes_or_fails_on_what_happened(string expectation, bool passes)
    {
        var verdict = Check(expectation);
        Assert.True(passes == verdict.Passed, verdict.ToString());
    }

    [Fact]
    public void A_count_verdict_names_what_it_counted()
    {
        Assert.Equal("FAIL  at 40s: count pods{selector=app=web} >= 3 — 2 pods (web-1, web-3) at 40.000s",
            Check("  - {at: 40s, count: {selector: {app: web}}, atLeast: 3}").ToString());
        Assert.Equal("PASS  by 1m0s: event reason=Scheduled count>=3 — 3 occurrences, from 0.000s to 0.000s",
            Check("  - {by: 1m, event: {reason: Scheduled}, countAtLeast: 3}").ToString());
    }

    [Fact]
    public void A_recovery_that_does_not_come_says_when_it_broke_and_what_was_last_seen()
    {
        var verdict = Check("  - {recover: {after: {action: 0}, within: 1m}, count: {selector: {app: web}}, atLeast: 3}");
        Assert.Equal("FAIL  recover within 1m0s after spec.actions[0]: count pods{selector=app=web} >= 3 — not recovered within 1m0s of the fault "
                     + "at 30.000s (broke at 31.000s; last seen: 2 pods (web-1, web-3) at 90.000s)", verdict.ToString());
    }

    [Fact]
    public void A_deployment_recovers_from_a_drain_and_the_verdict_gives_the_time_it_took()
    {
        Files.Write("web.yaml", TwoReplicas);
        var verdict = Only("""
              nodes: 2
              manifests: [web.yaml]
              actions:
              - at: 30s
                drain: node-1
              expect:
              - recover: {after: {action: 0}, within: 30s}
                count: {selector: {app: web}, status: Running, ready: true}
                atLeast: 2
            """);
        Assert.True(verdict.Passed, verdict.ToString());
        Assert.Matches(@"^PASS  recover within 30s after spec.actions\[0\]: count pods\{selector=app=web status=Running ready=true\} >= 2 — recovered in \d+\.\d{3}s \(broke at 30\.000s: 1 pod \(web-[a-z0-9-]+\); back at \d+\.\d{3}s: 2 pods", verdict.ToString());
    }

    [Fact]
    public void Count_and_recover_mistakes_are_reported_plainly()
    {
        Files.Write("pod.yaml", WebPod);
        var path = Files.Write("s.yaml", ScenarioText("""
              expect:
              - {count: {namePrefix: web-}}
              - {count: {namePrefix: web-, ready: yes}, atLeast: 1, atMost: 2}
              - {recover: {within: 1m}, pod: web, phase: Running}
              - {recover: {after: {action: 0}}, pod: web, phase: Running}
              - {by: 1m, event: {reason: Killing}, atLeast: 1}
              - {never: true, event: {reason: Killing}, countAtLeast: 1}
              - {by: 1m, pod: web, countAtLeast: 1}
            """));
        var e = Assert.Throws<ConfigException>(() => ScenarioLoader.Load(path));
        var errors = e.Errors.Select(x => x.ToString().Replace(Files.Dir + Path.DirectorySeparatorChar, "")).ToList();
        Assert.Contains("s.yaml:6:5: spec.expect[0]: a count needs one of atLeast, atMost, equals (e.g. atLeast: 3)", errors);
        Assert.Contains("s.yaml:7:5: spec.expect[1]: give one of atLeast, atMost, equals (found atLeast, atMost)", errors);
        Assert.Contains("s.yaml:7:39: spec.expect[1].count.ready: expected true, false or the READY column (e.g. \"1/1\"), got \"yes\"", errors);
        Assert.Contains("s.yaml:8:15: spec.expect[2].recover: give the fault as after: {action: N} (spec.actions[N]) or at: a time, not neither", errors);
        Assert.Contains("s.yaml:9:15: spec.expect[3].recover.within: Required value (how long recovery may take, e.g. 2m)", errors);
        Assert.Contains("s.yaml:10:5: spec.expect[4]: atLeast goes with count (for events use countAtLeast / countAtMost)", errors);
        Assert.Contains("s.yaml:11:5: spec.expect[5]: countAtLeast / countAtMost count the events of a window: use them with by, at or during", errors);
        Assert.Contains("s.yaml:12:5: spec.expect[6]: countAtLeast / countAtMost go with an event (for pods use count with atLeast / atMost)", errors);
    }
}
