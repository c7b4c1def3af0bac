namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>config/scenarios/rolling-update-gated-by-readiness.yaml, checked instant by instant on its trace.</summary>
public sealed class RollingUpdateSpec
{
    [Fact]
    public void With_maxUnavailable_0_and_maxSurge_1_three_pods_serve_throughout_and_never_more_than_four_run()
    {
        var outcome = RepoScenarios.RunPassing("rolling-update-gated-by-readiness.yaml");
        var pods = new Dictionary<string, (string Status, string Ready)>();
        foreach (var instant in outcome.Of("pod").GroupBy(r => r.T))
        {
            foreach (var r in instant)
            {
                if (r["deleted"] is true) pods.Remove(r.String("name")!);
                else pods[r.String("name")!] = (r.String("status")!, r.String("ready")!);
            }
            if (instant.Key < TimeSpan.FromSeconds(10)) continue;
            var serving = pods.Values.Count(p => p is { Status: "Running", Ready: "1/1" });
            var live = pods.Values.Count(p => p.Status is not ("Terminating" or "Completed" or "Error"));
            Assert.True(serving >= 3, $"{serving} Ready at {instant.Key.TotalSeconds}s: {string.Join(", ", pods)}");
            Assert.True(live <= 4, $"{live} pods at {instant.Key.TotalSeconds}s: {string.Join(", ", pods)}");
        }
    }

    [Fact]
    public void Each_old_pod_goes_only_minReadySeconds_after_a_new_one_became_Ready()
    {
        var outcome = RepoScenarios.RunPassing("rolling-update-gated-by-readiness.yaml");
        var readyAt = outcome.Of("pod").Where(r => r.String("name")!.StartsWith("web-7cbbcd868b-", StringComparison.Ordinal) && r.String("ready") == "1/1")
            .GroupBy(r => r.String("name")).Select(g => g.First().T.TotalSeconds).Order().ToList();
        var terminatingAt = outcome.Of("pod").Where(r => r.String("name")!.StartsWith("web-75c74d9796-", StringComparison.Ordinal) && r.String("status") == "Terminating")
            .GroupBy(r => r.String("name")).Select(g => g.First().T.TotalSeconds).Order().ToList();
        Assert.Equal(3, readyAt.Count);
        Assert.Equal(3, terminatingAt.Count);
        for (var i = 0; i < 3; i++)
            Assert.InRange(terminatingAt[i] - readyAt[i], 5.0, 6.0);
        // web was created as `kubectl create -f` does, so the first apply warns about the missing annotation.
        var apply = outcome.Of("action").Select(a => a.String("result")!.Split('\n')).ToList();
        Assert.StartsWith("Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation", apply[0][0]);
        Assert.Equal(["deployment.apps/web configured", "deployment.apps/web configured"], apply.Select(lines => lines[^1]));
        Assert.Single(apply[1]);
    }
}
