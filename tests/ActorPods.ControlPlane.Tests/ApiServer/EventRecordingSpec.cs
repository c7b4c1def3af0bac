using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>Events stored, deduplicated, aggregated and rate-limited as client-go's EventCorrelator does it.</summary>
public sealed class EventRecordingSpec : ApiServerSpec
{
    private static readonly ObjectReference WebPod = new() { Kind = "Pod", Namespace = "default", Name = "web", Uid = "uid-1", ApiVersion = "v1" };
    private static readonly EventSource Kubelet = new() { Component = "kubelet", Host = "node-1" };

    private void Record(string reason, string message, string type = "Normal", ObjectReference? about = null, EventSource? source = null,
        long broadcaster = 0) =>
        Api.Tell(new RecordEvent(about ?? WebPod, type, reason, message, source ?? Kubelet, broadcaster));

    private List<Event> Events(string? fields = null) => ListOf("events", fields: fields).Items.Cast<Event>().ToList();

    [Fact]
    public void A_recorded_event_is_stored_under_the_objects_name_and_the_time_in_hex_nanoseconds()
    {
        Sys.Advance(TimeSpan.FromSeconds(5));
        Record("Pulling", "Pulling image \"nginx\"");
        var ev = Assert.Single(Events());
        var at = Epoch.AddSeconds(5);
        Assert.Equal($"web.{(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100:x}", ev.Metadata!.Name);
        Assert.Equal("default", ev.Metadata.Namespace);
        Assert.Equal(1, ev.Count);
        Assert.Equal(at, ev.FirstTimestamp);
        Assert.Equal(at, ev.LastTimestamp);
        Assert.Equal("kubelet", ev.Source!.Component);
        Assert.Equal("node-1", ev.Source.Host);
        Assert.Equal("kubelet", ev.ReportingComponent);
        Assert.Equal("node-1", ev.ReportingInstance);
        Assert.Equal("Pulling", ev.Reason);
        Assert.Equal("Normal", ev.Type);
        Assert.Equal("web", ev.InvolvedObject!.Name);
        Assert.NotNull(ev.Metadata.Uid);
    }

    [Fact]
    public void The_same_event_again_increments_count_and_lastTimestamp_of_the_first_one()
    {
        Record("BackOff", "Back-off restarting failed container app in pod web_default(uid-1)", "Warning");
        Sys.Advance(TimeSpan.FromSeconds(10));
        Record("BackOff", "Back-off restarting failed container app in pod web_default(uid-1)", "Warning");
        Sys.Advance(TimeSpan.FromSeconds(20));
        Record("BackOff", "Back-off restarting failed container app in pod web_default(uid-1)", "Warning");
        var ev = Assert.Single(Events());
        Assert.Equal(3, ev.Count);
        Assert.Equal(Epoch, ev.FirstTimestamp);
        Assert.Equal(Epoch.AddSeconds(30), ev.LastTimestamp);
    }

    [Fact]
    public void A_different_message_or_source_is_a_different_event()
    {
        Record("Unhealthy", "Liveness probe failed: a");
        Record("Unhealthy", "Liveness probe failed: b");
        Record("Unhealthy", "Liveness probe failed: a", source: new EventSource { Component = "kubelet", Host = "node-2" });
        Assert.Equal(3, Events().Count);
    }

    [Fact]
    public void A_source_keeps_its_own_caches_however_many_events_other_sources_record()
    {
        Record("BackOff", "Back-off restarting failed container app in pod web_default(uid-1)", "Warning");
        // More distinct events from the controllers than one correlator's LRU holds (client-go maxLruCacheEntries, 4 096).
        var controller = new EventSource { Component = "replicaset-controller" };
        for (var i = 0; i < 4200; i++)
        {
            var pod = new ObjectReference { Kind = "Pod", Namespace = "default", Name = "p" + i, Uid = "u" + i, ApiVersion = "v1" };
            Record("SuccessfulCreate", "Created pod: p" + i, about: pod, source: controller);
        }
        Sys.Advance(TimeSpan.FromSeconds(10));
        Record("BackOff", "Back-off restarting failed container app in pod web_default(uid-1)", "Warning");

        var backOff = Assert.Single(Events("involvedObject.name=web"));
        Assert.Equal(2, backOff.Count);
        Assert.Equal(Epoch.AddSeconds(10), backOff.LastTimestamp);
    }

    [Fact]
    public void A_restarted_source_starts_with_empty_caches()
    {
        const string message = "Back-off restarting failed container app in pod web_default(uid-1)";
        Record("BackOff", message, "Warning");
        Sys.Advance(TimeSpan.FromSeconds(10));
        Record("BackOff", message, "Warning");
        Assert.Equal(2, Assert.Single(Events()).Count);

        // The kubelet process restarted: its new broadcaster knows nothing of the Event the old one counted on.
        Sys.Advance(TimeSpan.FromSeconds(10));
        var restarted = Epoch.AddSeconds(20).UtcTicks;
        Record("BackOff", message, "Warning", broadcaster: restarted);
        Sys.Advance(TimeSpan.FromSeconds(10));
        Record("BackOff", message, "Warning", broadcaster: restarted);
        var events = Events().OrderBy(e => e.FirstTimestamp).ToList();
        Assert.Equal([(2, Epoch.AddSeconds(10)), (2, Epoch.AddSeconds(30))], events.Select(e => (e.Count ?? 0, e.LastTimestamp!.Value)));
        Assert.Equal(Epoch.AddSeconds(20), events[1].FirstTimestamp);
    }

    [Fact]
    public void Ten_similar_events_in_ten_minutes_are_combined()
    {
        for (var i = 0; i < 9; i++) Record("Unhealthy", "Readiness probe failed: " + i);
        Assert.Equal(9, Events().Count);
        Record("Unhealthy", "Readiness probe failed: 9");
        Record("Unhealthy", "Readiness probe failed: 10");
        var combined = Events().Where(e => e.Message!.StartsWith("(combined from similar events): ")).ToList();
        var one = Assert.Single(combined);
        Assert.Equal("(combined from similar events): Readiness probe failed: 10", one.Message);
        Assert.Equal(2, one.Count);
        Assert.Equal(10, Events().Count);
    }

    [Fact]
    public void A_source_may_record_25_events_about_an_object_then_one_every_five_minutes()
    {
        for (var i = 0; i < 30; i++) Record("Reason" + i, "message");
        Assert.Equal(25, Events().Count);
        Sys.Advance(TimeSpan.FromMinutes(5));
        Record("Later", "message");
        Record("Later2", "message");
        Assert.Equal(26, Events().Count);
    }

    [Fact]
    public void Events_can_be_listed_by_involved_object_as_kubectl_describe_does()
    {
        Record("Scheduled", "Successfully assigned default/web to node-1");
        Record("Scheduled", "Successfully assigned default/db to node-1",
            about: new ObjectReference { Kind = "Pod", Namespace = "default", Name = "db", Uid = "uid-2" });
        var mine = Events("involvedObject.kind=Pod,involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=uid-1");
        Assert.Equal("Successfully assigned default/web to node-1", Assert.Single(mine).Message);
    }

    [Fact]
    public void Events_about_cluster_scoped_objects_go_to_the_default_namespace_and_watchers_see_them()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("events"));
        Record("NodeReady", "Node node-1 status is now: NodeReady", about: new ObjectReference { Kind = "Node", Name = "node-1", Uid = "node-1" });
        var ev = watcher.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Added, ev.Type);
        Assert.Equal("default", ev.Object!.Metadata!.Namespace);
    }

    [Fact]
    public void A_malformed_request_does_not_cost_the_store_its_state()
    {
        Ok<Pod>(new Create(NewPod("web")));
        Api.Tell(new RecordEvent(WebPod, "Normal", "Reason", "message", null!));
        Ok<Pod>(new Get("pods", "default", "web"));
        Assert.Empty(Events());
    }

    [Fact]
    public void Events_into_a_terminating_namespace_are_dropped()
    {
        Ok<Namespace>(new Create(new Namespace { Metadata = new ObjectMeta { Name = "dev" } }));
        Ok<Pod>(new Create(NewPod("web", "dev", node: "node-1")));
        Ok<Namespace>(new Delete("namespaces", null, "dev"));
        Record("Killing", "Stopping container app", about: new ObjectReference { Kind = "Pod", Namespace = "dev", Name = "web" });
        Assert.Empty(ListOf("events", "dev").Items);
    }
}
