using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go) without disruption budgets.</summary>
public sealed class EvictionSpec : ApiServerSpec
{
    [Fact]
    public void Evicting_a_running_pod_marks_it_a_disruption_target_and_deletes_it_with_its_own_grace_period()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        Sys.Advance(TimeSpan.FromSeconds(5));
        var evicted = Ok<Pod>(new Evict("default", "web"));
        Assert.Equal(Epoch.AddSeconds(5 + 30), evicted.Metadata!.DeletionTimestamp);
        Assert.Equal(30, evicted.Metadata.DeletionGracePeriodSeconds);
        var condition = Assert.Single(evicted.Status!.Conditions!, c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "EvictionByEvictionAPI", "Eviction API: evicting"), (condition.Status, condition.Reason, condition.Message));
        Assert.Equal(Epoch.AddSeconds(5), condition.LastTransitionTime);
        Assert.Equal(evicted.Metadata.DeletionTimestamp, Ok<Pod>(new Get("pods", "default", "web")).Metadata!.DeletionTimestamp);
    }

    [Fact]
    public void The_grace_period_of_the_evictions_delete_options_wins()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var evicted = Ok<Pod>(new Evict("default", "web", GracePeriodSeconds: 3));
        Assert.Equal(Epoch.AddSeconds(3), evicted.Metadata!.DeletionTimestamp);
        Assert.Equal(3, evicted.Metadata.DeletionGracePeriodSeconds);
    }

    [Fact]
    public void Evicting_a_pod_that_does_not_exist_is_not_found()
    {
        var error = Fails(new Evict("default", "ghost"));
        Assert.Equal((404, "NotFound", "pods \"ghost\" not found"), (error.Code, error.Reason, error.Message));
    }

    [Fact]
    public void An_unscheduled_pod_is_removed_at_once()
    {
        var watcher = CreateTestProbe("watcher");
        StartWatch(watcher, new Watch("pods", "default", ResourceVersion: "0"));
        Ok<Pod>(new Create(NewPod("web")));
        Ok<Pod>(new Evict("default", "web"));
        Assert.Equal(404, Fails(new Get("pods", "default", "web")).Code);
        Assert.Equal(WatchEventType.Added, watcher.ExpectMsg<WatchEvent>().Type);
        var marked = watcher.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Modified, marked.Type);
        Assert.Contains(((Pod)marked.Object!).Status!.Conditions!, c => c.Type == "DisruptionTarget");
        Assert.Equal(WatchEventType.Deleted, watcher.ExpectMsg<WatchEvent>().Type);
    }

    [Fact]
    public void Evicting_a_terminating_pod_again_changes_nothing()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var first = Ok<Pod>(new Evict("default", "web"));
        var again = Ok<Pod>(new Evict("default", "web"));
        Assert.Equal(first.Metadata!.ResourceVersion, again.Metadata!.ResourceVersion);
    }

    [Fact]
    public void A_uid_precondition_that_does_not_match_is_a_conflict()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var error = Fails(new Evict("default", "web", Preconditions: new Preconditions(Uid: "other")));
        Assert.Equal(409, error.Code);
        Assert.Null(Ok<Pod>(new Get("pods", "default", "web")).Metadata!.DeletionTimestamp);
    }
}
