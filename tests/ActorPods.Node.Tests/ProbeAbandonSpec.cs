using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.Node.Kubelet;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Tests;

/// <summary>
/// worker.go's prober keeps one attempt in flight; the simulator gives up on an attempt timeout + 5 s after it
/// started (its late answer is ignored) and probes again at the next tick. When the give-up instant is a tick
/// instant, the order is fixed: the tick re-armed before the attempt began comes first (timeout + 5 s ≤ period), a
/// tick re-armed after it comes second.
/// </summary>
public sealed class ProbeAbandonSpec : ActorTestKit
{
    private (TestProbe Container, IActorRef Prober) Start(int period, int timeout)
    {
        var container = CreateTestProbe("container");
        var spec = new Container
        {
            Name = "app",
            LivenessProbe = new Probe { Exec = new ExecAction { Command = ["true"] }, PeriodSeconds = period, TimeoutSeconds = timeout },
        };
        var recorder = new EventRecorder(CreateTestProbe("apiserver").Ref, "node-1", new Pod { Metadata = new ObjectMeta { Name = "p", Namespace = "default" } });
        var prober = ActorOf(ProbeActor.Props("default", "p", spec, false, ProbeType.Liveness, false, recorder));
        prober.Tell(new ContainerObserved("c1", container.Ref, null, true, false, Sys.Now, true, false, false));
        return (container, prober);
    }

    /// <summary>The virtual seconds at which the silent container was asked to run a probe, up to <paramref name="until"/>.</summary>
    private List<(double At, long Attempt)> Attempts(TestProbe container, double until)
    {
        var seen = new List<(double, long)>();
        while (true)
        {
            var left = TimeSpan.FromSeconds(until) - Sys.Elapsed;
            var next = container.ReceiveWhile(m => m as RunProbe, left, msgs: 1);
            if (next.Count == 0) return seen;
            seen.Add((Sys.Elapsed.TotalSeconds, next[0].Attempt));
        }
    }

    [Fact]
    public void A_tick_at_the_give_up_instant_waits_when_timeout_plus_5_equals_the_period()
    {
        var (container, _) = Start(period: 6, timeout: 1);
        Assert.Equal(new[] { (6.0, 1L), (18.0, 2L), (30.0, 3L) }, Attempts(container, 31));
    }

    [Fact]
    public void A_tick_at_the_give_up_instant_probes_again_when_timeout_plus_5_exceeds_the_period()
    {
        var (container, _) = Start(period: 3, timeout: 1);
        Assert.Equal(new[] { (3.0, 1L), (9.0, 2L), (15.0, 3L) }, Attempts(container, 16));
    }

    [Fact]
    public void A_late_answer_is_ignored_and_a_tick_missed_while_waiting_is_run_after_the_next_answer()
    {
        var (container, prober) = Start(period: 6, timeout: 1);
        Assert.Equal(new[] { (6.0, 1L), (18.0, 2L) }, Attempts(container, 19));
        prober.Tell(new ProbeAttemptCompleted(1, "c1", ProbeOutcome.Success, ""), container.Ref);
        container.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        // Attempt 2 answered in time: the tick left pending at 12 s runs at once.
        prober.Tell(new ProbeAttemptCompleted(2, "c1", ProbeOutcome.Success, ""), container.Ref);
        Assert.Equal(new[] { (19.5, 3L) }, Attempts(container, 20));
    }
}
