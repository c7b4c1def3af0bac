namespace ActorPods.Node.Tests;

/// <summary>
/// The kubelet's work queue and sync ticker (pod_workers.go completeWork, kubelet.go syncLoop, util/queue/work_queue.go
/// GetWork): a pod worker is requeued with a jittered delay, but nothing fires at that time; the once-a-second
/// syncTicker takes the items due strictly before the tick. So every periodic or back-off resync happens on a whole
/// second of the ticker, whatever the jitter drew.
/// </summary>
public sealed class SyncTickerSpec : NodeSpec
{
    [Fact]
    public void A_restart_after_a_back_off_waits_for_the_sync_ticker_s_next_whole_second()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: crasher
            spec:
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "exit 1"]
            """));
        RunUntil(200);
        // Each sync that meets an unexpired back-off is an error sync, requeued after 10–15 s: the restart comes from
        // one of those resyncs, at a whole second (the container's own start takes no virtual time).
        var starts = EventsWith("Started").Select(e => e.At).ToList();
        Assert.True(starts.Count >= 4, string.Join(", ", starts));
        var backOffs = EventsWith("BackOff");
        Assert.NotEmpty(backOffs);
        foreach (var start in starts.Skip(2))
            Assert.True(start.Ticks % TimeSpan.TicksPerSecond == 0, $"a restart after a back-off at {start}; all starts: {string.Join(", ", starts)}");
    }
}
