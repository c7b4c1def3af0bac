using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Observability;

namespace ActorPods.Node.Tests;

/// <summary>
/// A periodic resync that follows only other quiet resyncs reuses the status it generated last (nothing but a message
/// changes what status is generated from). Any other message makes the next resync generate again: here a pod
/// status update from another writer, which by itself does not sync the pod (a status-only change), so only the next
/// resync brings the kubelet's Ready condition up to date with the readiness gate.
/// </summary>
public sealed class StatusReuseSpec : NodeSpec
{
    [Fact]
    public void A_readiness_gate_set_after_quiet_resyncs_is_seen_at_the_next_resync()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: gated
            spec:
              readinessGates:
              - conditionType: example.com/feature-1
              containers:
              - name: web
                image: nginx
            """));
        // Several quiet 60–90 s resyncs.
        RunUntil(400);
        var ready = Get("gated")!.Status!.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Equal("ReadinessGatesNotReady", ready.Reason);

        var patched = Call(new Patch("Pod", "default", "gated",
            """{"status":{"conditions":[{"type":"example.com/feature-1","status":"True"}]}}""", "status"));
        Assert.True(patched.IsSuccess, patched.Error?.Message);
        RunUntil(410);
        // A status-only change does not sync the pod at once.
        Assert.Equal("False", Get("gated")!.Status!.Conditions!.Single(c => c.Type == "Ready").Status);

        RunUntil(500);
        var after = Get("gated")!.Status!.Conditions!;
        Assert.Equal("True", after.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", after.Single(c => c.Type == "example.com/feature-1").Status);
    }

    /// <summary>
    /// prober_manager.go UpdatePodStatus: every sync of a pod whose started container is not ready triggers its readiness
    /// prober at once. A resync that reuses the status (and skips the observation pass) must still send that trigger,
    /// every time: with a 300 s period, the runs in between come from the 60–90 s resyncs only.
    /// </summary>
    [Fact]
    public void Every_resync_triggers_the_readiness_probe_of_a_container_that_is_not_ready()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: unready
            spec:
              containers:
              - name: web
                image: nginx
                readinessProbe:
                  exec: {command: [cat, /tmp/ready]}
                  periodSeconds: 300
            """));
        RunUntil(20);
        Assert.Equal("False", Get("unready")!.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        RunUntil(290);
        // Between two periodic runs (the first at the start, the next at 300 s): one triggered run per resync, and
        // the quiet resyncs after the first reuse the status.
        var runs = Observations.Where(o => o.At > TimeSpan.FromSeconds(20) && o.What is ProbeResultObserved { Probe: "readiness", Result: "failure" })
            .Select(o => o.At.TotalSeconds).ToList();
        Assert.True(runs.Count >= 3, $"readiness runs at [{string.Join(", ", runs)}]");
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 60, 90));
    }
}
