namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>The start-up and shutdown experiments of config/scenarios, checked against their traces.</summary>
public sealed class TerminationAndStartupSpec
{
    [Fact]
    public void A_preStop_hook_longer_than_the_grace_period_leaves_the_container_2s_then_SIGKILL_and_exit_137()
    {
        var outcome = RepoScenarios.RunPassing("prestop-longer-than-grace.yaml");
        // Deleted at 20s with a 10s grace period: the stop signal at 30s, and SIGKILL after the 2s minimum grace.
        var deaf = outcome.Of("signal", "deaf-stop").Select(s => (s.T.TotalSeconds, s.String("signal"))).ToList();
        Assert.Equal([(30.0, "SIGTERM"), (32.0, "SIGKILL")], deaf);
        var exit = outcome.Of("container", "deaf-stop").Last();
        Assert.Equal(137L, exit.Long("exitCode"));
        // nginx handles its STOPSIGNAL (SIGQUIT) and quits well within the 2s: no SIGKILL.
        var nginx = outcome.Of("signal", "slow-stop").Select(s => (s.T.TotalSeconds, s.String("signal"))).ToList();
        Assert.Equal([(30.0, "SIGQUIT")], nginx);
        Assert.All(outcome.Of("hook").Where(h => h.String("phase") == "end"), h => Assert.Contains("exited with 137", h.String("result")));
    }

    [Fact]
    public void Without_a_startup_probe_liveness_kills_the_slow_starter_and_with_one_it_starts_once()
    {
        var outcome = RepoScenarios.RunPassing("slow-start-liveness.yaml");
        var liveness = outcome.Of("probe", "with-startup-probe").Where(p => p.String("probe") == "liveness").ToList();
        var startup = outcome.Of("probe", "with-startup-probe").Where(p => p.String("probe") == "startup").ToList();
        // The startup probe fails until /tmp/healthy exists, succeeds once, and stops; liveness only runs after it.
        var firstSuccess = startup.First(p => p.String("result") == "success");
        Assert.Equal(firstSuccess, startup.Last());
        Assert.NotEmpty(liveness);
        Assert.All(liveness, p => Assert.True(p.T > firstSuccess.T));
        Assert.All(liveness, p => Assert.Equal("success", p.String("result")));
        // The other pod's container never lived long enough to write "ready".
        Assert.DoesNotContain(outcome.Of("log", "no-startup-probe"), l => l.String("line") == "ready");
        Assert.Contains(outcome.Of("log", "with-startup-probe"), l => l.String("line") == "ready");
    }

    [Fact]
    public void An_init_container_loops_on_nslookup_until_the_Service_is_applied()
    {
        var outcome = RepoScenarios.RunPassing("init-waits-for-service.yaml");
        var waiting = outcome.Of("log", "initcpod-test").Where(l => l.String("line") == "waitting for myservice").ToList();
        // One line every 2s from the start (~2s) until the Service appears at 30s.
        Assert.InRange(waiting.Count, 12, 15);
        Assert.All(waiting, l => Assert.True(l.T.TotalSeconds <= 30, $"{l.T.TotalSeconds}"));
        Assert.Contains(outcome.Of("log", "initcpod-test"), l => l.String("container") == "initcpod-test" && l.String("line") == "The app is running!" && l.T.TotalSeconds >= 60);
        var applies = outcome.Of("action").Select(a => a.String("result")).ToList();
        Assert.Equal(["service/myservice created", "service/mydb created"], applies);
    }
}
