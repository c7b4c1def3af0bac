using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>
/// Pod conditions keep their lastTransitionTime while their status does not change (status_manager.go
/// updateLastTransitionTime), however many other status updates happen in between.
/// </summary>
public sealed class ConditionTimesSpec : NodeSpec
{
    [Fact]
    public void Conditions_keep_their_transition_time_across_restarts_of_a_sibling_container_and_move_only_when_they_flip()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: busy
            spec:
              initContainers:
              - name: init
                image: busybox:1.36
                command: ["sh", "-c", "exit 0"]
              containers:
              - name: steady
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
              - name: crasher
                image: busybox:1.36
                command: ["sh", "-c", "sleep 2; exit 1"]
            """));
        RunUntil(120);
        var versions = Log.Pods.Where(v => v.Pod.Meta.Name == "busy" && v.Type != WatchEventType.Deleted && v.Pod.Status?.Conditions is not null).ToList();
        Assert.True(versions.Count >= 10, $"only {versions.Count} versions");
        Assert.True(Get("busy")!.Status!.ContainerStatuses!.Single(c => c.Name == "crasher").RestartCount >= 3);

        foreach (var type in new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady" })
        {
            var seen = versions.Select(v => v.Pod.Status!.Conditions!.SingleOrDefault(c => c.Type == type)).Where(c => c is not null).ToList();
            Assert.NotEmpty(seen);
            // Consecutive versions with the same status carry the same lastTransitionTime; a flip carries a new one.
            for (var i = 1; i < seen.Count; i++)
            {
                if (seen[i]!.Status == seen[i - 1]!.Status) Assert.Equal(seen[i - 1]!.LastTransitionTime, seen[i]!.LastTransitionTime);
                else Assert.True(seen[i]!.LastTransitionTime > seen[i - 1]!.LastTransitionTime, $"{type} flipped without a new transition time");
            }
        }
        // Initialized turned True once, early, and stayed so through every restart of the crasher.
        var initialized = versions.Select(v => v.Pod.Status!.Conditions!.Single(c => c.Type == "Initialized")).Where(c => c.Status == "True").ToList();
        Assert.Single(initialized.Select(c => c.LastTransitionTime).Distinct());
        Assert.True(versions.Count(v => v.Pod.Status!.Conditions!.Single(c => c.Type == "Initialized").Status == "True") >= 8);
        // Ready flipped (the crasher goes in and out of ready), so its time moved at least twice.
        var readyTimes = versions.Select(v => v.Pod.Status!.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime).Distinct().ToList();
        Assert.True(readyTimes.Count >= 2);
    }
}
