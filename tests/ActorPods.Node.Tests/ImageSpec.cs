namespace ActorPods.Node.Tests;

/// <summary>The image manager: pull policy, "already present", serialized pulls, pull errors and their back-off.</summary>
public sealed class ImageSpec : NodeSpec
{
    private static string PodYaml(string name, string image, string? policy = null) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          containers:
          - name: app
            image: {image}
            command: ["sh", "-c", "sleep 3600"]
        {(policy is null ? "" : $"    imagePullPolicy: {policy}")}
        """;

    [Fact]
    public void An_unreachable_registry_gives_ErrImagePull_then_ImagePullBackOff_with_growing_gaps()
    {
        Run(PodOf(PodYaml("nope", "registry.invalid/team/app:1.0")));
        RunUntil(120);
        var history = StatusHistory("nope");
        Assert.Equal(["Pending", "ContainerCreating", "ErrImagePull", "ImagePullBackOff"], history.Take(4));
        Assert.Contains("ErrImagePull", history.Skip(3));
        var failed = Log.Events.Where(e => e.Reason == "Failed" && e.Count == 1).Select(e => e.Message).ToList();
        Assert.StartsWith("Failed to pull image \"registry.invalid/team/app:1.0\": rpc error: code = Unknown desc = failed to pull and unpack image \"registry.invalid/team/app:1.0\"", failed[0]);
        Assert.Contains("Error: ErrImagePull", failed);
        Assert.Contains("Error: ImagePullBackOff", failed);
        var backoff = EventsWith("BackOff").First();
        Assert.Equal(("Normal", "Back-off pulling image \"registry.invalid/team/app:1.0\""), (backoff.Type, backoff.Message));
        var pulls = EventsWith("Pulling").Select(e => e.At.TotalSeconds).ToList();
        Assert.True(pulls.Count >= 3);
        Assert.True(pulls[2] - pulls[1] > pulls[1] - pulls[0]);
        Assert.Equal("Pending", Get("nope")!.Status!.Phase);
    }

    [Fact]
    public void A_cached_image_with_IfNotPresent_is_already_present_and_pulls_are_serialized_per_node()
    {
        Run(PodOf(PodYaml("a", "busybox:1.36")));
        Run(PodOf(PodYaml("b", "alpine:3.20")));
        RunUntil(10);
        var pulled = EventsWith("Pulled").Select(e => e.Message).ToList();
        Assert.Matches(@"^Successfully pulled image ""alpine:3.20"" in 2s \(4s including waiting\)", pulled[1]);
        Run(PodOf(PodYaml("c", "busybox:1.36")));
        RunUntil(15);
        Assert.Equal("Container image \"busybox:1.36\" already present on machine", EventsWith("Pulled").Last().Message);
    }

    [Fact]
    public void Never_with_a_missing_image_is_ErrImageNeverPull()
    {
        Run(PodOf(PodYaml("never", "busybox:1.36", "Never")));
        // The reason cache reaches the status at the next sync: the erroring one is requeued after 10–15 s.
        RunUntil(20);
        Assert.Equal("ErrImageNeverPull", Column("never").Status);
        Assert.Equal("Container image \"busybox:1.36\" is not present with pull policy of Never", EventsWith("ErrImageNeverPull").First().Message);
    }

    [Fact]
    public void A_malformed_image_reference_is_InvalidImageName()
    {
        Run(PodOf(PodYaml("bad", "Busybox:Latest")));
        RunUntil(20);
        Assert.Equal("InvalidImageName", Column("bad").Status);
        Assert.StartsWith("Failed to apply default image tag \"Busybox:Latest\"", EventsWith("InspectFailed").First().Message);
    }

    [Fact]
    public void A_container_over_its_memory_limit_is_OOMKilled_and_restarted()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: hog
            spec:
              containers:
              - name: app
                image: memhog
                resources:
                  limits:
                    memory: 50Mi
            """));
        // 10 Mi + 7 Mi/s crosses 50 Mi about 5.7 s after the start (a growth that lands exactly on the limit
        // makes the userland's OOM timer spin: see docs/node.md, known gaps).
        RunUntil(12);
        var c = Get("hog")!.Status!.ContainerStatuses!.Single();
        Assert.True(c.RestartCount >= 1);
        Assert.Equal((137, "OOMKilled"), (c.LastState!.Terminated!.ExitCode, c.LastState.Terminated.Reason));
        Assert.Contains("OOMKilled", StatusHistory("hog"));
        Assert.Equal("Burstable", Get("hog")!.Status!.QosClass);
    }
}
