namespace ActorPods.Node.Tests;

/// <summary>
/// The CrashLoopBackOff reset (client-go flowcontrol/backoff.go hasExpired, used by kuberuntime_manager.go doBackOff):
/// the entry expires when the exited container's finishedAt is more than 2 × 300 s after the back-off's lastUpdate
/// (its last restart), so a container that ran for over 10 minutes restarts at once and the back-off starts at 10 s.
/// </summary>
public sealed class CrashLoopResetSpec : NodeSpec
{
    // Runs 1–4 crash at once; run 5 runs for 11 minutes, then crashes; later runs crash at once again. The run count
    // survives restarts in an emptyDir.
    private const string Flaky = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: flaky
        spec:
          volumes:
          - name: state
            emptyDir: {}
          containers:
          - name: app
            image: busybox:1.36
            volumeMounts:
            - {name: state, mountPath: /state}
            command: ["sh", "-c", "n=$(cat /state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /state/n; if [ $n -eq 5 ]; then sleep 660; fi; exit 1"]
        """;

    // From the container statuses, not the Started events: the event spam filter drops most of them after a while.
    // Every run shows up as running, terminated or lastState.terminated, with its startedAt.
    private List<TimeSpan> Starts() => Log.Pods
        .Select(v => v.Pod.Status?.ContainerStatuses?.FirstOrDefault())
        .SelectMany(c => new[] { c?.State?.Running?.StartedAt, c?.State?.Terminated?.StartedAt, c?.LastState?.Terminated?.StartedAt })
        .Where(t => t is not null).Select(t => t!.Value).Distinct().Order()
        .Select(t => t - Epoch).ToList();

    private static readonly DateTimeOffset Epoch = ActorPods.Actors.ActorSystemOptions.DefaultVirtualEpoch;

    [Fact]
    public void After_more_than_ten_minutes_of_running_a_crash_restarts_at_once_and_the_back_off_starts_again_at_10s()
    {
        Run(PodOf(Flaky));
        RunUntil(900);
        var starts = Starts();
        Assert.True(starts.Count >= 7, string.Join(", ", starts.Select(s => s.TotalSeconds)));
        // startedAt has whole-second precision, so each bound is widened by a second.
        var gaps = starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        // Runs 1–4 crash at once: restart immediately, then after 10 s, 20 s, 40 s back-offs (each noticed by a 10–15 s requeue).
        Assert.InRange(gaps[0], 0, 2);
        Assert.InRange(gaps[1], 9, 17);
        Assert.InRange(gaps[2], 19, 32);
        Assert.InRange(gaps[3], 39, 57);
        // Run 5 lasts 660 s: its crash is more than 600 s after the back-off's last update, so the entry has expired
        // and run 6 starts at once; run 6's crash then waits a fresh 10 s, not 160 s.
        Assert.InRange(gaps[4], 659, 662);
        Assert.InRange(gaps[5], 9, 17);
        // The first back-off after the long run is 10 s again.
        var afterLongRun = Log.Pods.Where(v => v.At > starts[5])
            .Select(v => v.Pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting)
            .Where(w => w?.Reason == "CrashLoopBackOff").Select(w => w!.Message!).ToList();
        Assert.StartsWith("back-off 10s ", afterLongRun.First());
    }

    [Fact]
    public void A_container_that_ran_less_than_ten_minutes_keeps_doubling_the_back_off()
    {
        Run(PodOf(Flaky.Replace("sleep 660", "sleep 500")));
        RunUntil(900);
        var starts = Starts();
        var gaps = starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.True(gaps.Count >= 6, string.Join(", ", gaps));
        // Run 5 lasts 500 s, less than 600 s after the last update: back-off 1m20s after it, then 2m40s.
        Assert.InRange(gaps[4], 579, 597);
        Assert.InRange(gaps[5], 159, 177);        // back-off 1m20s: the entry (lastUpdate at run 5's start) has not expired
    }
}
