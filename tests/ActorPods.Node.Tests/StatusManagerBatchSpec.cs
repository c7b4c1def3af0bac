using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Tests;

/// <summary>
/// The status manager's 10 s syncBatch, with a probe standing in for the api-server. Once every pod is in sync the
/// batch has nothing to look at; whatever needs it again (a wanted DELETE, a new status) must bring the batch back.
/// </summary>
public sealed class StatusManagerBatchSpec : ActorTestKit
{
    private readonly TestProbe _api;
    private readonly Actors.IActorRef _manager;

    public StatusManagerBatchSpec()
    {
        _api = CreateTestProbe("api");
        _api.DefaultTimeout = TimeSpan.FromSeconds(30);
        _manager = ActorOf(StatusManagerActor.Props(_api.Ref), "status-manager");
    }

    private static PodStatus Running() => new() { Phase = "Running", PodIP = "10.244.1.5" };

    /// <summary>Writes a status and answers the patch with the same status, then lets batches find it in sync.</summary>
    private void WriteAndSettle(PodStatus status)
    {
        _manager.Tell(new SetPodStatus("uid-1", "default", "web", status, null));
        _api.ExpectMsg<Patch>(p => p.Name == "web" && p.Subresource == "status");
        var answer = new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default", ResourceVersion = "7" }, Status = Running() };
        _api.Reply(new ObjectResult(answer, null));
        // Two batches: the first may still find the write too recent; after that the pod is in sync and nothing is sent.
        _api.ExpectNoMsg(TimeSpan.FromSeconds(25));
    }

    [Fact]
    public void A_final_delete_wanted_for_a_pod_in_sync_is_sent_again_when_it_got_no_answer()
    {
        WriteAndSettle(Running());

        _manager.Tell(new DeletePodObject("uid-1", "default", "web"));
        var first = _api.ExpectMsg<Delete>(d => d.Name == "web");
        Assert.Equal(0, first.GracePeriodSeconds);
        // No answer: after the 10 s request timeout the next batch sends it again.
        var again = _api.ExpectMsg<Delete>(d => d.Name == "web", TimeSpan.FromSeconds(25));
        Assert.Equal("uid-1", again.Preconditions?.Uid);
    }

    [Fact]
    public void A_status_the_api_server_lost_after_all_was_in_sync_is_written_back_by_the_batch()
    {
        WriteAndSettle(Running());

        // Another writer changed the phase on the api-server (as seen through the kubelet's watch).
        var foreign = Running();
        foreign.Phase = "Pending";
        _manager.Tell(new PodStatusObserved("uid-1", "9", foreign));
        var patch = _api.ExpectMsg<Patch>(p => p.Name == "web", TimeSpan.FromSeconds(15));
        Assert.Contains("\"phase\":\"Running\"", patch.PatchJson);
    }
}
