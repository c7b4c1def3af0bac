using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;

namespace ActorPods.Api.Tests.Model;

public class ModelClonerTests
{
    public static TheoryData<string> ValidExamples() =>
        new(Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith("broken-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Clone_serializes_exactly_like_the_original(string file)
    {
        foreach (var obj in ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file)))
        {
            var copy = obj.DeepClone();
            Assert.NotSame(obj, copy);
            Assert.Equal(KubeJson.Serialize(obj), KubeJson.Serialize(copy));
            Assert.Same(obj.Origin, copy.Origin);
            Assert.Same(obj.FieldOrigins, copy.FieldOrigins);
        }
    }

    [Fact]
    public void Every_model_type_can_be_cloned()
    {
        var types = typeof(KubeObject).Assembly.GetTypes()
            .Where(t => t.Namespace == "ActorPods.Api.Model" && t.IsClass && !t.IsAbstract && t.IsPublic
                        && t.GetConstructor(Type.EmptyTypes) is not null && !t.IsSubclassOf(typeof(Delegate)));
        foreach (var t in types)
        {
            var instance = Activator.CreateInstance(t)!;
            var copy = ModelCloner.Clone(instance);
            Assert.IsType(t, copy);
            Assert.NotSame(instance, copy);
        }
    }

    [Fact]
    public void Nested_lists_maps_bytes_and_polymorphic_objects_are_not_shared()
    {
        var secret = new Secret { Data = new() { ["k"] = [1, 2, 3] }, Metadata = new ObjectMeta { Finalizers = ["a"] } };
        var copy = secret.DeepClone();
        copy.Data!["k"][0] = 9;
        copy.Metadata!.Finalizers!.Add("b");
        Assert.Equal(1, secret.Data!["k"][0]);
        Assert.Equal(["a"], secret.Metadata!.Finalizers);

        var list = new KubeList { Items = [new Pod { Spec = new PodSpec { NodeName = "n1" } }] };
        var listCopy = ModelCloner.Clone(list);
        ((Pod)listCopy.Items![0]).Spec!.NodeName = "n2";
        Assert.Equal("n1", ((Pod)list.Items[0]).Spec!.NodeName);

        var meta = new ManagedFieldsEntry { FieldsV1 = new System.Text.Json.Nodes.JsonObject { ["f:spec"] = new System.Text.Json.Nodes.JsonObject() } };
        var metaCopy = ModelCloner.Clone(meta);
        metaCopy.FieldsV1!["f:status"] = 1;
        Assert.Single(meta.FieldsV1!);
    }
}
