using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Model;

public class MetaObjectTests
{
    [Fact]
    public void Bindings_carry_their_target_both_ways()
    {
        var binding = new Binding { ApiVersion = "v1", Kind = "Binding", Target = new ObjectReference { Kind = "Node", Name = "node-1" } };
        var json = JsonSerializer.Serialize(binding, KubeJson.Options);
        Assert.Equal("""{"apiVersion":"v1","kind":"Binding","target":{"kind":"Node","name":"node-1"}}""", json);
        Assert.Equal("node-1", JsonSerializer.Deserialize<Binding>(json, KubeJson.Options)!.Target!.Name);
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
