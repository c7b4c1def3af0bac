namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>
/// config/scenarios/configmap-volume-arrives-late.yaml: the pod waits in ContainerCreating while its ConfigMap is
/// missing; the volume manager's attempts back off, one FailedMount event counts them, and the attempt after the
/// ConfigMap is applied mounts it.
/// </summary>
public sealed class ConfigMapVolumeSpec
{
    [Fact]
    public void The_mount_attempts_back_off_until_the_configmap_arrives_then_the_container_reads_it()
    {
        var outcome = RepoScenarios.RunPassing("configmap-volume-arrives-late.yaml");
        var failures = outcome.Of("event").Where(r => r.String("reason") == "FailedMount").ToList();
        Assert.Equal([0, 0.6, 1.7, 3.8, 7.9, 16], failures.Select(r => Math.Round(r.T.TotalSeconds, 3)));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], failures.Select(r => r.Long("count")));
        Assert.All(failures, r => Assert.Equal("Warning", r.String("eventType")));

        // Applied at 20 s; the attempt 16 s after the last failure (32.1 s) mounts it: only then a sandbox and a container.
        var started = outcome.Of("event").First(r => r.String("reason") == "Started");
        Assert.InRange(started.T.TotalSeconds, 32.1, 36);
        var line = Assert.Single(outcome.Of("log", "reader"));
        Assert.Equal("greeting: hello from the ConfigMap", line.String("line"));
    }
}
