namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>
/// config/scenarios/crashloop-backoff-sequence.yaml: the gaps between the starts of a container that exits at once.
/// The kubelet (kuberuntime_manager.go doBackOff with client-go flowcontrol.Backoff, 10s doubling to 300s) restarts the
/// first exit straight away (no back-off entry yet, so Next creates it at 10s), and each later one only once the
/// current back-off has passed since the exited instance's finishedAt, doubling it as it does. The restart happens at
/// the first pod sync after that: while backing off, the pod worker re-syncs every backOffPeriod (10s) with jitter
/// x[1, 1.5) (pod_workers.go completeWork), so a gap is its back-off plus [0, 15s); the first one is the PLEG relist's
/// 1s tick at most. Each start writes "starting" to the log, so the trace's log records time the starts.
/// </summary>
public sealed class CrashLoopBackOffSpec
{
    private static readonly double[] BackOffs = [0, 10, 20, 40, 80, 160, 300, 300];

    [Fact]
    public void Restarts_back_off_10s_20s_40s_and_so_on_up_to_300s_between_container_starts()
    {
        var outcome = RepoScenarios.RunPassing("crashloop-backoff-sequence.yaml");
        var starts = outcome.Of("log", "crasher").Where(r => r.String("line") == "starting").Select(r => r.T.TotalSeconds).ToList();
        Assert.True(starts.Count >= BackOffs.Length + 1, $"only {starts.Count} starts");
        for (var i = 0; i < BackOffs.Length; i++)
        {
            var gap = starts[i + 1] - starts[i];
            var backOff = BackOffs[i];
            var slack = i == 0 ? 1.0 : 15.0;
            Assert.True(gap >= backOff && gap <= backOff + slack, $"gap {i + 1}: {gap:0.###}s, expected {backOff}s + [0, {slack}s]; starts: {string.Join(", ", starts)}");
        }
    }

    [Fact]
    public void The_waiting_message_names_the_back_off_that_is_running()
    {
        var outcome = RepoScenarios.RunPassing("crashloop-backoff-sequence.yaml");
        var messages = outcome.Of("container", "crasher").Where(r => r.String("reason") == "CrashLoopBackOff")
            .Select(r => r.String("message")!.Split(' ')[1]).ToList();
        Assert.Equal(["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"], messages.Take(7));
    }
}
