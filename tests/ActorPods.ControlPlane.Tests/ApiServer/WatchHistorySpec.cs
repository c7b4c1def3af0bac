using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

public sealed class WatchHistorySpec
{
    private static HistoryEntry Change(long rv) => new(rv, WatchEventType.Modified, new Pod(), null, "default", null, null);

    [Fact]
    public void The_ring_grows_as_changes_come_and_then_keeps_the_newest_up_to_its_capacity_in_order()
    {
        var history = new WatchHistory(40);
        for (var rv = 1; rv <= 30; rv++) history.Add(Change(rv));
        Assert.Null(history.Floor);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), history.Since(0).Select(e => e.ResourceVersion));

        for (var rv = 31; rv <= 100; rv++) history.Add(Change(rv));
        Assert.Equal(40, history.Count);
        Assert.Equal(60, history.Floor);
        Assert.Equal(Enumerable.Range(61, 40).Select(i => (long)i), history.Since(0).Select(e => e.ResourceVersion));
        Assert.Equal(Enumerable.Range(91, 10).Select(i => (long)i), history.Since(90).Select(e => e.ResourceVersion));
    }
}
