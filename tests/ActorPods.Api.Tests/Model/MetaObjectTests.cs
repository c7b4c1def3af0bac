using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Model;

public class MetaObjectTests
{
    [Fact]
    public void Status_serializes_as_the_api_server_sends_it()
    {
        var status = new Status
        {
            Metadata = new ListMeta(),
            Outcome = "Failure",
            Message = "pods \"x\" not found",
            Reason = "NotFound",
            Details = new StatusDetails { Name = "x", Kind = "pods" },
            Code = 404,
        };
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Status","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}""",
            JsonSerializer.Serialize(status, KubeJson.Options));
    }

    [Fact]
    public void Watch_events_and_bindings_carry_typed_objects()
    {
        var ev = new WatchEvent { Type = "ADDED", Object = new Binding { ApiVersion = "v1", Kind = "Binding", Target = new ObjectReference { Kind = "Node", Name = "node-1" } } };
        var json = JsonSerializer.Serialize(ev, KubeJson.Options);
        Assert.Equal("""{"type":"ADDED","object":{"apiVersion":"v1","kind":"Binding","target":{"kind":"Node","name":"node-1"}}}""", json);
        var back = JsonSerializer.Deserialize<WatchEvent>(json, KubeJson.Options)!;
        Assert.Equal("node-1", Assert.IsType<Binding>(back.Object).Target!.Name);
    }

    [Fact]
    public void Delete_options_read_kubectl_bodies()
    {
        var o = JsonSerializer.Deserialize<DeleteOptions>("""{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"propagationPolicy":"Background"}""", KubeJson.Options)!;
        Assert.Equal(0, o.GracePeriodSeconds);
        Assert.Equal("Background", o.PropagationPolicy);
    }

    [Fact]
    public void Registry_finds_kinds_by_resource_names_and_short_names()
    {
        var r = KindRegistry.Default;
        Assert.Equal(typeof(Pod), r.FindByResource("po")!.ClrType);
        Assert.Equal(typeof(Deployment), r.FindByResource("deployments")!.ClrType);
        Assert.Equal("coordination.k8s.io/v1", r.FindByResource("lease")!.ApiVersion);
        Assert.False(r.FindByResource("nodes")!.Namespaced);
        var pod = r.Stamp(new Pod());
        Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
    }
}
