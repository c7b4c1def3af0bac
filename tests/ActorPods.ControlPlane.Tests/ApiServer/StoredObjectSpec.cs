using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>
/// An object the api-server wrote and keeps to itself may be stored without its JSON: the JSON is then made from that
/// object when first read, and must be exactly what encoding it at the write gave, whatever a watcher does to the
/// shared snapshot meanwhile, and without changing the written object.
/// </summary>
public sealed class StoredObjectSpec
{
    private static Pod APod() => KubeJson.Deserialize<Pod>("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","uid":"u-1","labels":{"app":"web"},
         "creationTimestamp":"2026-11-22T08:00:00Z"},
         "spec":{"containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80}],
           "resources":{"requests":{"cpu":"250m","memory":"64Mi"}},"livenessProbe":{"httpGet":{"path":"/","port":80}}}],
           "nodeName":"node-1"},
         "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-11-22T08:00:01Z"}]}}
        """);

    private static Event AnEvent() => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new ObjectMeta { Name = "web.18a", Namespace = "default", Uid = "u-2", CreationTimestamp = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero) },
        InvolvedObject = new ObjectReference { Kind = "Pod", Namespace = "default", Name = "web", Uid = "u-1", ApiVersion = "v1" },
        Reason = "Pulled",
        Message = "Container image \"nginx\" already present on machine",
        Type = "Normal",
        Count = 1,
        Source = new EventSource { Component = "kubelet", Host = "node-1" },
        FirstTimestamp = new DateTimeOffset(2026, 11, 22, 8, 0, 2, TimeSpan.Zero),
        LastTimestamp = new DateTimeOffset(2026, 11, 22, 8, 0, 2, TimeSpan.Zero),
    };

    public static TheoryData<string> Kinds => ["Pod", "Event"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_json_made_when_first_read_is_the_writes_encoding_whatever_happens_to_the_snapshot(string kind)
    {
        KubeObject written = kind == "Pod" ? APod() : AnEvent();
        written.Meta.ResourceVersion = null;
        var eager = ObjectCodec.Encode(written);
        var snapshot = WireCopy.TryCopy(written)!;
        written.Meta.ResourceVersion = "7";
        snapshot.Meta.ResourceVersion = "7";
        var stored = new StoredObject(snapshot, null, 7, "7", written);
        // A watcher breaking the read-only contract does not change the store's truth.
        snapshot.Meta.Name = "mutated";
        snapshot.Meta.Labels = new Dictionary<string, string> { ["x"] = "y" };

        var json = stored.Json;

        Assert.Equal(System.Text.Encoding.UTF8.GetString(eager), System.Text.Encoding.UTF8.GetString(json));
        Assert.True(json.AsSpan().IndexOf("resourceVersion"u8) < 0);
        Assert.Same(json, stored.Json);
        // The written object keeps its resourceVersion and its own metadata.
        Assert.Equal("7", written.Meta.ResourceVersion);
        Assert.True(stored.TryGetStatus(out _, out _) == (kind == "Pod"));
    }

    [Fact]
    public void Without_json_an_entry_needs_the_object_it_was_written_from()
    {
        var snapshot = WireCopy.TryCopy(AnEvent())!;
        Assert.Throws<ArgumentNullException>(() => new StoredObject(snapshot, null, 1, "1"));
    }
}
