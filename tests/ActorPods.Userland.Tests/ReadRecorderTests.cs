using ActorPods.Userland.Hosting;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Tests;

/// <summary>What a request read is recorded for a caller that will send it again (the kubelet's prober hints it).</summary>
public class ReadRecorderTests
{
    [Fact]
    public void Records_in_order_skips_nulls_and_stops_at_capacity()
    {
        var set = new ReadSet();
        var objects = Enumerable.Range(0, ReadSet.Capacity + 3).Select(i => new object()).ToArray();
        var reads = new ReadRecorder(set);
        reads.Add(null);
        foreach (var o in objects) reads.Add(o);
        Assert.Equal(ReadSet.Capacity, reads.Count);
        ReadOnlySpan<object?> slots = set;
        Assert.Equal(objects.Take(ReadSet.Capacity), slots.ToArray());
    }

    [Fact]
    public void A_shorter_record_clears_what_the_longer_one_left_behind()
    {
        var set = new ReadSet();
        var (a, b, c) = (new object(), new object(), new object());
        var first = new ReadRecorder(set);
        first.Add(a);
        first.Add(b);
        first.Add(c);
        first.ClearRest();
        var second = new ReadRecorder(set);
        second.Add(c);
        second.ClearRest();
        ReadOnlySpan<object?> slots = set;
        Assert.Same(c, slots[0]);
        Assert.Null(slots[1]);
        Assert.Null(slots[2]);
    }

    [Fact]
    public void An_answered_http_get_records_the_server_side_and_the_result_it_handed_out()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx");
        s.Host.RunFor(1);
        Assert.True(c.HttpGetReads.IsEmpty);
        NetCheckResult? result = null;
        c.HttpGet(80, "/", TimeSpan.FromSeconds(1), r => result = r);
        var reads = c.HttpGetReads.ToArray();
        Assert.Equal(200, result!.StatusCode);
        Assert.Contains(c.Network, reads);
        Assert.Contains(c.Network.Pod, reads);
        Assert.Contains(c.Network.Pod.Listener(80), reads);
        Assert.Contains(result, reads);
        Assert.Contains(result.Body, reads);
        // nginx logs each request to the container's log: the sink behind stdout is on the record.
        Assert.Contains(s.Log, reads);
        Assert.Equal(reads.Length, reads.Distinct(ReferenceEqualityComparer.Instance).Count());

        // A new answer (the page changed) is recorded again: its result replaces the old one.
        c.Exec(new[] { "sh", "-c", "echo v2 > /usr/share/nginx/html/index.html" });
        NetCheckResult? second = null;
        c.HttpGet(80, "/", TimeSpan.FromSeconds(1), r => second = r);
        Assert.Equal("v2\n", second!.Body);
        Assert.Contains(second, c.HttpGetReads.ToArray());
        Assert.DoesNotContain(result, c.HttpGetReads.ToArray());
    }
}
