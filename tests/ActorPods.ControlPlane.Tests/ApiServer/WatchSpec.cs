using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>Watches: ordering, resuming from a resourceVersion, the history window, selectors, stop and death watch.</summary>
public sealed class WatchSpec() : ApiServerSpec(new ApiServerOptions { WatchHistoryPerKind = 5 })
{
    [Fact]
    public void A_watch_from_zero_gets_the_current_state_as_ADDED_then_every_change_in_order()
    {
        Ok<Pod>(new Create(NewPod("b")));
        Ok<Pod>(new Create(NewPod("a")));
        var watcher = CreateTestProbe();
        var id = StartWatch(watcher, new Watch("pods", ResourceVersion: "0"));
        var initial = watcher.ExpectMsgs<WatchEvent>(2);
        Assert.Equal(["a", "b"], initial.Select(e => e.Object!.Metadata!.Name));
        Assert.All(initial, e => Assert.Equal(WatchEventType.Added, e.Type));
        Assert.All(initial, e => Assert.Equal(id, e.WatchId));

        var c = Ok<Pod>(new Create(NewPod("c")));
        var c2 = Ok<Pod>(new Patch("pods", "default", "c", """{"metadata":{"labels":{"x":"1"}}}"""));
        Ok<Pod>(new Delete("pods", "default", "a"));
        var live = watcher.ExpectMsgs<WatchEvent>(3);
        Assert.Equal(["ADDED c", "MODIFIED c", "DELETED a"], live.Select(e => e.TypeName + " " + e.Object!.Metadata!.Name));
        Assert.Equal(c.Metadata!.ResourceVersion, live[0].Object!.Metadata!.ResourceVersion);
        Assert.Equal(c2.Metadata!.ResourceVersion, live[1].Object!.Metadata!.ResourceVersion);
        Assert.True(Rv(live[2].Object!) > Rv(live[1].Object!));
        watcher.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_watch_without_a_resource_version_also_starts_with_the_current_state()
    {
        Ok<Pod>(new Create(NewPod("a")));
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods"));
        Assert.Equal(WatchEventType.Added, watcher.ExpectMsg<WatchEvent>().Type);
    }

    [Fact]
    public void A_watch_from_a_list_resource_version_sees_only_later_changes()
    {
        Ok<Pod>(new Create(NewPod("a")));
        var list = ListOf("pods");
        Ok<Pod>(new Create(NewPod("b")));
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", ResourceVersion: list.ResourceVersion));
        Assert.Equal("b", watcher.ExpectMsg<WatchEvent>(e => e.Type == WatchEventType.Added).Object!.Metadata!.Name);
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_watch_from_an_older_version_replays_the_kept_history()
    {
        var a = Ok<Pod>(new Create(NewPod("a")));
        Ok<Pod>(new Patch("pods", "default", "a", """{"metadata":{"labels":{"v":"2"}}}"""));
        Ok<Pod>(new Delete("pods", "default", "a"));
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", ResourceVersion: a.Metadata!.ResourceVersion));
        Assert.Equal(["MODIFIED", "DELETED"], watcher.ExpectMsgs<WatchEvent>(2).Select(e => e.TypeName));
    }

    [Fact]
    public void A_watch_from_a_version_older_than_the_history_gets_410_Expired()
    {
        var first = Ok<Pod>(new Create(NewPod("p0")));
        for (var i = 1; i < 10; i++) Ok<Pod>(new Create(NewPod("p" + i)));
        var watcher = CreateTestProbe();
        watcher.Send(Api, new Watch("pods", ResourceVersion: first.Metadata!.ResourceVersion));
        var result = watcher.ExpectMsg<WatchResult>();
        Assert.False(result.IsSuccess);
        Assert.Equal(410, result.Error!.Code);
        Assert.Equal("Expired", result.Error.Reason);
        // Five kept: the oldest kept is p5, so anything before its version minus one is gone.
        var oldestKept = Rv(first) + 5;
        Assert.Equal($"too old resource version: {Rv(first)} ({oldestKept - 1})", result.Error.Message);
        var error = watcher.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.Equal(410, error.Status!.Code);

        StartWatch(watcher, new Watch("pods", ResourceVersion: (oldestKept - 1).ToString()));
        Assert.Equal(5, watcher.ExpectMsgs<WatchEvent>(5).Count);
    }

    [Fact]
    public void A_namespaced_watch_sees_only_its_namespace()
    {
        Ok<Namespace>(new Create(new Namespace { Metadata = new ObjectMeta { Name = "dev" } }));
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", "dev"));
        Ok<Pod>(new Create(NewPod("a")));
        Ok<Pod>(new Create(NewPod("b", "dev")));
        Assert.Equal("b", watcher.ExpectMsg<WatchEvent>().Object!.Metadata!.Name);
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_object_that_starts_or_stops_matching_a_label_selector_is_ADDED_or_DELETED_for_that_watch()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", LabelSelector: "app=web,tier!=db"));
        Ok<Pod>(new Create(NewPod("a", labels: new() { ["app"] = "api" })));
        Ok<Pod>(new Patch("pods", "default", "a", """{"metadata":{"labels":{"app":"web"}}}"""));
        Ok<Pod>(new Patch("pods", "default", "a", """{"metadata":{"labels":{"env":"x"}}}"""));
        var moved = Ok<Pod>(new Patch("pods", "default", "a", """{"metadata":{"labels":{"tier":"db"}}}"""));
        var events = watcher.ExpectMsgs<WatchEvent>(3);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e.TypeName));
        // The DELETED carries the last state that matched, at the new version.
        Assert.False(events[2].Object!.Metadata!.Labels!.ContainsKey("tier"));
        Assert.Equal(moved.Metadata!.ResourceVersion, events[2].Object!.Metadata!.ResourceVersion);
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_kubelet_watch_on_spec_nodeName_sees_a_pod_when_it_is_bound_and_never_sees_other_nodes_pods()
    {
        var kubelet = CreateTestProbe();
        StartWatch(kubelet, new Watch("pods", FieldSelector: "spec.nodeName=node-1"));
        Ok<Pod>(new Create(NewPod("a")));
        Ok<Pod>(new Create(NewPod("b", node: "node-2")));
        var a = Ok<Pod>(new Get("pods", "default", "a"));
        a.Spec!.NodeName = "node-1";
        Ok<Pod>(new Update(a));
        var added = kubelet.ExpectMsg<WatchEvent>();
        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal("a", added.Object!.Metadata!.Name);
        Ok<Pod>(new Patch("pods", "default", "a", """{"status":{"phase":"Running"}}""", "status"));
        Assert.Equal(WatchEventType.Modified, kubelet.ExpectMsg<WatchEvent>().Type);
        Ok<Pod>(new Patch("pods", "default", "b", """{"status":{"phase":"Running"}}""", "status"));
        kubelet.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void StopWatch_ends_delivery()
    {
        var watcher = CreateTestProbe();
        var id = StartWatch(watcher, new Watch("pods"));
        Ok<Pod>(new Create(NewPod("a")));
        watcher.ExpectMsg<WatchEvent>();
        Api.Tell(new StopWatch(id));
        Ok<Pod>(new Create(NewPod("b")));
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_watcher_that_dies_is_dropped()
    {
        var dying = Sys.ActorOf(Props.Create(() => new Silent()));
        Probe.Send(Api, new Watch("pods", Watcher: dying));
        Assert.True(ExpectMsg<WatchResult>().IsSuccess);
        Ok<Pod>(new Create(NewPod("a")));
        Sys.Stop(dying);
        Sys.RunUntilIdle();
        var before = Sys.DeadLetterCount;
        Ok<Pod>(new Create(NewPod("b")));
        Sys.RunUntilIdle();
        Assert.Equal(before, Sys.DeadLetterCount);
    }

    [Fact]
    public void Watch_event_objects_are_snapshots_that_cannot_change_the_store()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods"));
        Ok<Pod>(new Create(NewPod("a")));
        var ev = watcher.ExpectMsg<WatchEvent>();
        ev.Object!.Metadata!.Name = "mutated";
        Assert.Equal("a", Ok<Pod>(new Get("pods", "default", "a")).Metadata!.Name);
    }

    [Fact]
    public void A_get_hands_out_a_private_copy_and_its_read_only_view_is_the_watch_snapshot()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods"));
        Ok<Pod>(new Create(NewPod("a")));
        var snapshot = watcher.ExpectMsg<WatchEvent>().Object!;
        var got = Call(new Get("pods", "default", "a"));

        Assert.Same(snapshot, got.ReadOnlyObject);
        var copy = (Pod)got.Object!;
        Assert.NotSame(snapshot, copy);
        Assert.Same(copy, got.Object);
        Assert.Equal(snapshot.Meta.ResourceVersion, copy.Meta.ResourceVersion);
        copy.Metadata!.Name = "mutated";
        Assert.Equal("a", Ok<Pod>(new Get("pods", "default", "a")).Metadata!.Name);
        Assert.Equal("a", snapshot.Metadata!.Name);
    }

    [Fact]
    public void List_items_are_private_copies_and_read_only_items_are_the_watch_snapshots()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods"));
        Ok<Pod>(new Create(NewPod("b")));
        Ok<Pod>(new Create(NewPod("a")));
        var b = watcher.ExpectMsg<WatchEvent>().Object!;
        var a = watcher.ExpectMsg<WatchEvent>().Object!;
        var list = ListOf("pods");

        Assert.Equal(2, list.Items.Count);
        Assert.Equal([a, b], list.ReadOnlyItems);
        var first = list.Items[0];
        Assert.NotSame(a, first);
        Assert.Same(first, list.Items[0]);
        Assert.Equal(["a", "b"], list.Items.Select(p => p.Metadata!.Name));
        first.Metadata!.Name = "mutated";
        Assert.Same(a, list.ReadOnlyItems[0]);
        Assert.Equal(["a", "b"], ListOf("pods").Items.Select(p => p.Metadata!.Name));
    }

    [Fact]
    public void A_status_write_shares_the_unchanged_spec_with_the_previous_snapshot_and_a_spec_change_does_not()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods"));
        Ok<Pod>(new Create(NewPod("a")));
        var created = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;

        Ok<Pod>(new Patch("pods", "default", "a", """{"status":{"phase":"Running"}}""", "status"));
        var running = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
        Ok<Pod>(new Patch("pods", "default", "a", """{"spec":{"activeDeadlineSeconds":5}}"""));
        var changed = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;

        Assert.Equal("Running", running.Status!.Phase);
        Assert.Same(created.Spec, running.Spec);
        Assert.NotSame(running.Spec, changed.Spec);
        Assert.Equal(5, changed.Spec!.ActiveDeadlineSeconds);
        Assert.Equal(KubeJsonOf(Ok<Pod>(new Get("pods", "default", "a"))), KubeJsonOf(changed));
    }

    [Fact]
    public void A_snapshot_shares_every_unchanged_part_with_the_previous_one_and_equals_a_full_decode()
    {
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods"));
        Ok<Pod>(new Create(NewPod("a")));
        watcher.ExpectMsg<WatchEvent>();
        Ok<Pod>(new Patch("pods", "default", "a", """
            {"status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}],
             "containerStatuses":[{"name":"c","ready":false,"restartCount":0,"state":{"running":{"startedAt":"2025-01-01T00:00:01Z"}}}]}}
            """, "status"));
        var before = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
        Ok<Pod>(new Patch("pods", "default", "a", """
            {"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}],
             "containerStatuses":[{"name":"c","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-01-01T00:00:01Z"}}}]}}
            """, "status"));
        var after = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;

        Assert.NotSame(before.Metadata, after.Metadata);
        Assert.NotEqual(before.Metadata!.ResourceVersion, after.Metadata!.ResourceVersion);
        Assert.Same(before.Spec, after.Spec);
        Assert.NotSame(before.Status, after.Status);
        Assert.Equal("True", after.Status!.Conditions![0].Status);
        Assert.Same(before.Status!.Conditions![1], after.Status.Conditions[1]);
        Assert.Same(before.Status.ContainerStatuses![0].State, after.Status.ContainerStatuses![0].State);
        Assert.True(after.Status.ContainerStatuses[0].Ready);
        Assert.Equal(KubeJsonOf(Ok<Pod>(new Get("pods", "default", "a"))), KubeJsonOf(after));
    }

    private static string KubeJsonOf(Pod pod) => ActorPods.Api.Serialization.KubeJson.Serialize(pod);

    [Fact]
    public void Bad_selectors_and_versions_fail_the_watch()
    {
        var watcher = CreateTestProbe();
        watcher.Send(Api, new Watch("pods", FieldSelector: "status.foo=x"));
        Assert.Equal("field label not supported: status.foo", watcher.ExpectMsg<WatchResult>().Error!.Message);
        watcher.Send(Api, new Watch("pods", ResourceVersion: "abc"));
        Assert.Equal(400, watcher.ExpectMsg<WatchResult>().Error!.Code);
    }

    [Fact]
    public void A_watch_needs_a_real_watcher_not_an_ask_or_dead_letters()
    {
        var viaAsk = Await(Api.Ask<WatchResult>(new Watch("pods"), TimeSpan.FromSeconds(1)));
        Assert.Equal(400, viaAsk.Error!.Code);
        var watcher = CreateTestProbe();
        var withWatcher = Await(Api.Ask<WatchResult>(new Watch("pods", Watcher: watcher.Ref), TimeSpan.FromSeconds(1)));
        Assert.True(withWatcher.IsSuccess);
        Ok<Pod>(new Create(NewPod("a")));
        Assert.Equal(withWatcher.WatchId, watcher.ExpectMsg<WatchEvent>().WatchId);
    }

    [Fact]
    public void Many_watchers_each_get_every_change_in_the_same_order()
    {
        var watchers = Enumerable.Range(0, 5).Select(i => CreateTestProbe("w" + i)).ToList();
        foreach (var w in watchers) StartWatch(w, new Watch("pods"));
        for (var i = 0; i < 20; i++) Probe.Send(Api, new Create(NewPod("p" + i)));
        foreach (var w in watchers)
        {
            var names = w.ExpectMsgs<WatchEvent>(20).Select(e => e.Object!.Metadata!.Name);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => "p" + i), names);
        }
    }

    private sealed class Silent : Actor
    {
        public Silent() => ReceiveAny(_ => { });
    }
}
