using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Tests;

/// <summary>
/// Each status patch the status manager diffs carries its own account (Patch.Edit): the bytes it diffed from, the bytes
/// it diffed to and the status they encode. The api-server stores that result as it is when it holds the From bytes,
/// so the account must be exactly what the patch does: From merged with the patch is To, To encodes the status sent,
/// and each From is what the previous patch reached (the first, the api-server's status the pod worker started from).
/// </summary>
public sealed class StatusManagerEditSpec : ActorTestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);

    private static PodCondition Condition(string type, string status, int second, string? reason = null) =>
        new() { Type = type, Status = status, Reason = reason, LastTransitionTime = T0.AddSeconds(second) };

    private static ContainerStatus App(bool ready, int restarts) => new()
    {
        Name = "app", Image = "nginx", ImageID = "docker.io/library/nginx@sha256:1", ContainerID = $"containerd://{restarts}",
        Ready = ready, Started = true, RestartCount = restarts,
        State = new ContainerState { Running = new ContainerStateRunning { StartedAt = T0.AddSeconds(3 + restarts) } },
    };

    /// <summary>A pod starting, becoming ready, restarting, then failing: members added, changed, replaced and removed.</summary>
    private static IEnumerable<PodStatus> Statuses()
    {
        var scheduled = Condition("PodScheduled", "True", 0);
        yield return new PodStatus
        {
            Phase = "Pending", HostIP = "10.0.0.1",
            Conditions = [scheduled, Condition("Initialized", "True", 1), Condition("Ready", "False", 1, "ContainersNotReady")],
            StartTime = T0.AddSeconds(1),
        };
        yield return new PodStatus
        {
            Phase = "Running", HostIP = "10.0.0.1", PodIP = "10.244.1.7", PodIPs = [new PodIP { Ip = "10.244.1.7" }],
            Conditions = [scheduled, Condition("Initialized", "True", 1), Condition("Ready", "False", 1, "ContainersNotReady")],
            ContainerStatuses = [App(ready: false, restarts: 0)], StartTime = T0.AddSeconds(1),
        };
        yield return new PodStatus
        {
            Phase = "Running", HostIP = "10.0.0.1", PodIP = "10.244.1.7", PodIPs = [new PodIP { Ip = "10.244.1.7" }],
            Conditions = [scheduled, Condition("Initialized", "True", 1), Condition("Ready", "True", 9)],
            ContainerStatuses = [App(ready: true, restarts: 1)], StartTime = T0.AddSeconds(1),
        };
        yield return new PodStatus
        {
            Phase = "Failed", HostIP = "10.0.0.1", Reason = "DeadlineExceeded", Message = "Pod was active on the node longer than the specified deadline",
            Conditions = [scheduled, Condition("Ready", "False", 30, "PodFailed")], StartTime = T0.AddSeconds(1),
        };
    }

    [Fact]
    public void Every_patch_carries_the_edit_it_makes_from_what_the_previous_one_reached()
    {
        var api = CreateTestProbe("api");
        var manager = ActorOf(StatusManagerActor.Props(api.Ref), "status-manager");
        var baseStatus = new PodStatus { Phase = "Pending", Conditions = [Condition("PodScheduled", "True", 0)] };
        var expectedFrom = JsonSerializer.SerializeToUtf8Bytes(baseStatus, KubeJson.Options);
        var version = 1;

        foreach (var status in Statuses())
        {
            manager.Tell(new SetPodStatus("uid-1", "default", "web", status, baseStatus));
            var patch = api.ExpectMsg<Patch>(p => p.Name == "web" && p.Subresource == "status");
            api.Reply(new ObjectResult(new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default", ResourceVersion = $"{++version}" }, Status = status }, null));

            var edit = patch.Edit;
            Assert.NotNull(edit);
            Assert.Equal("status", edit.Member);
            Assert.Same(status, edit.Value);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(status, KubeJson.Options), edit.To);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expectedFrom), System.Text.Encoding.UTF8.GetString(edit.From));
            var merged = MergePatch.Apply(JsonNode.Parse(edit.From), JsonNode.Parse(patch.PatchJson)!["status"]);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(edit.To), merged), $"{patch.PatchJson} from {System.Text.Encoding.UTF8.GetString(edit.From)}");
            expectedFrom = edit.To;
        }
    }
}
