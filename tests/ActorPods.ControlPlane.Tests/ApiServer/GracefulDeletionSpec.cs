using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>Deletion as kube-apiserver does it: pod grace periods, shortening, force, preconditions and finalizers.</summary>
public sealed class GracefulDeletionSpec : ApiServerSpec
{
    private readonly TestProbe _watcher;

    public GracefulDeletionSpec()
    {
        _watcher = CreateTestProbe("watcher");
        StartWatch(_watcher, new Watch("pods", "default", ResourceVersion: "0"));
    }

    [Fact]
    public void Deleting_a_scheduled_pod_sets_deletionTimestamp_to_now_plus_its_termination_grace_period()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        Sys.Advance(TimeSpan.FromSeconds(12));
        var deleted = Ok<Pod>(new Delete("pods", "default", "web"));
        Assert.Equal(Epoch.AddSeconds(12 + 30), deleted.Metadata!.DeletionTimestamp);
        Assert.Equal(30, deleted.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(deleted.Metadata.DeletionTimestamp, Ok<Pod>(new Get("pods", "default", "web")).Metadata!.DeletionTimestamp);
        Assert.Equal(WatchEventType.Added, _watcher.ExpectMsg<WatchEvent>().Type);
        var modified = _watcher.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Modified, modified.Type);
        Assert.Equal(Epoch.AddSeconds(42), modified.Object!.Metadata!.DeletionTimestamp);
    }

    [Fact]
    public void The_grace_period_of_the_request_wins_over_the_pods_own()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var deleted = Ok<Pod>(new Delete("pods", "default", "web", GracePeriodSeconds: 10));
        Assert.Equal(Epoch.AddSeconds(10), deleted.Metadata!.DeletionTimestamp);
        Assert.Equal(10, deleted.Metadata.DeletionGracePeriodSeconds);
    }

    [Fact]
    public void A_pod_that_was_never_scheduled_is_deleted_at_once()
    {
        Ok<Pod>(new Create(NewPod("web")));
        Ok<Pod>(new Delete("pods", "default", "web"));
        Assert.Equal(404, Fails(new Get("pods", "default", "web")).Code);
        Assert.Equal(WatchEventType.Added, _watcher.ExpectMsg<WatchEvent>().Type);
        Assert.Equal(WatchEventType.Deleted, _watcher.ExpectMsg<WatchEvent>().Type);
    }

    [Fact]
    public void A_pod_that_already_succeeded_or_failed_is_deleted_at_once()
    {
        foreach (var phase in new[] { "Succeeded", "Failed" })
        {
            Ok<Pod>(new Create(NewPod(phase.ToLowerInvariant(), node: "node-1")));
            Ok<Pod>(new Patch("pods", "default", phase.ToLowerInvariant(), $"{{\"status\":{{\"phase\":\"{phase}\"}}}}", "status"));
            Ok<Pod>(new Delete("pods", "default", phase.ToLowerInvariant()));
            Assert.Equal(404, Fails(new Get("pods", "default", phase.ToLowerInvariant())).Code);
        }
    }

    [Fact]
    public void A_second_delete_may_only_shorten_the_grace_and_the_deadline_moves_from_the_first_request()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var first = Ok<Pod>(new Delete("pods", "default", "web", GracePeriodSeconds: 30));
        Sys.Advance(TimeSpan.FromSeconds(5));
        var longer = Ok<Pod>(new Delete("pods", "default", "web", GracePeriodSeconds: 60));
        Assert.Equal(first.Metadata!.ResourceVersion, longer.Metadata!.ResourceVersion);
        Assert.Equal(Epoch.AddSeconds(30), longer.Metadata.DeletionTimestamp);
        var again = Ok<Pod>(new Delete("pods", "default", "web"));
        Assert.Equal(first.Metadata.ResourceVersion, again.Metadata!.ResourceVersion);
        var shorter = Ok<Pod>(new Delete("pods", "default", "web", GracePeriodSeconds: 10));
        Assert.Equal(10, shorter.Metadata!.DeletionGracePeriodSeconds);
        Assert.Equal(Epoch.AddSeconds(10), shorter.Metadata.DeletionTimestamp);
    }

    [Fact]
    public void A_force_delete_with_grace_zero_removes_the_pod_at_once()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        Ok<Pod>(new Delete("pods", "default", "web", GracePeriodSeconds: 0));
        Assert.Equal(404, Fails(new Get("pods", "default", "web")).Code);
    }

    [Fact]
    public void The_kubelets_final_delete_with_grace_zero_and_a_uid_precondition_removes_the_terminating_pod()
    {
        var pod = Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        Ok<Pod>(new Delete("pods", "default", "web"));
        var wrong = Fails(new Delete("pods", "default", "web", 0, new Preconditions(Uid: "other-uid")));
        Assert.Equal(409, wrong.Code);
        Assert.Equal($"Operation cannot be fulfilled on pods \"web\": the UID in the precondition (other-uid) does not match the UID in record ({pod.Metadata!.Uid}). The object might have been deleted and then recreated", wrong.Message);
        var final = Ok<Pod>(new Delete("pods", "default", "web", 0, new Preconditions(Uid: pod.Metadata.Uid)));
        Assert.Equal(pod.Metadata.Uid, final.Metadata!.Uid);
        Assert.Equal(404, Fails(new Get("pods", "default", "web")).Code);
        var events = _watcher.ReceiveWhile(m => m as WatchEvent, msgs: 3);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.True(Rv(events[2].Object!) > Rv(events[1].Object!));
    }

    [Fact]
    public void A_resource_version_precondition_must_match()
    {
        var cm = Ok<ConfigMap>(new Create(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } }));
        var e = Fails(new Delete("configmaps", "default", "c", Preconditions: new Preconditions(ResourceVersion: "1")));
        Assert.Equal($"Operation cannot be fulfilled on configmaps \"c\": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record ({cm.Metadata!.ResourceVersion}). The object might have been modified", e.Message);
        Ok<ConfigMap>(new Delete("configmaps", "default", "c", Preconditions: new Preconditions(ResourceVersion: cm.Metadata.ResourceVersion)));
    }

    [Fact]
    public void Kinds_without_graceful_deletion_go_at_once_whatever_the_grace()
    {
        Ok<ConfigMap>(new Create(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } }));
        var deleted = Ok<ConfigMap>(new Delete("cm", "default", "c", GracePeriodSeconds: 30));
        Assert.Null(deleted.Metadata!.DeletionTimestamp);
        Assert.Equal(404, Fails(new Get("cm", "default", "c")).Code);
    }

    [Fact]
    public void Finalizers_keep_an_object_with_a_deletionTimestamp_until_the_last_one_is_removed()
    {
        var cm = new ConfigMap { Metadata = new ObjectMeta { Name = "c", Finalizers = ["example.com/a", "example.com/b"] } };
        Ok<ConfigMap>(new Create(cm));
        Sys.Advance(TimeSpan.FromSeconds(3));
        var deleting = Ok<ConfigMap>(new Delete("configmaps", "default", "c"));
        Assert.Equal(Epoch.AddSeconds(3), deleting.Metadata!.DeletionTimestamp);
        Assert.Equal(0, deleting.Metadata.DeletionGracePeriodSeconds);

        var added = deleting.DeepClone();
        added.Metadata!.Finalizers!.Add("example.com/c");
        Assert.Equal(422, Fails(new Update(added)).Code);

        var one = Ok<ConfigMap>(new Patch("configmaps", "default", "c", """{"metadata":{"finalizers":["example.com/b"]}}"""));
        Assert.Equal(["example.com/b"], one.Metadata!.Finalizers!);
        Ok<ConfigMap>(new Patch("configmaps", "default", "c", """{"metadata":{"finalizers":null}}"""));
        Assert.Equal(404, Fails(new Get("configmaps", "default", "c")).Code);
    }

    [Fact]
    public void A_finalized_pod_stays_after_its_final_delete_until_the_finalizer_goes()
    {
        var pod = NewPod("web", node: "node-1");
        pod.Metadata!.Finalizers = ["example.com/keep"];
        Ok<Pod>(new Create(pod));
        Ok<Pod>(new Delete("pods", "default", "web"));
        var held = Ok<Pod>(new Delete("pods", "default", "web", GracePeriodSeconds: 0));
        Assert.Equal(0, held.Metadata!.DeletionGracePeriodSeconds);
        Ok<Pod>(new Get("pods", "default", "web"));
        Ok<Pod>(new Patch("pods", "default", "web", """{"metadata":{"finalizers":[]}}"""));
        Assert.Equal(404, Fails(new Get("pods", "default", "web")).Code);
    }

    [Fact]
    public void Deleting_a_missing_object_is_NotFound()
    {
        Assert.Equal("pods \"nope\" not found", Fails(new Delete("pods", "default", "nope")).Message);
    }
}
