using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

public sealed class MergePatchSpec
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":3},"e":"x"}""", """{"b":{"c":null,"f":[1,2]}}""", """{"a":1,"e":"x","b":{"d":3,"f":[1,2]}}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":null,"z":{"y":null,"x":1}}""", """{"b":2,"z":{"x":1}}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":"scalar"}""", """{"a":"scalar"}""")]
    [InlineData("""{"a":"scalar","b":1}""", """{"a":{"b":{"c":null,"d":true}}}""", """{"b":1,"a":{"b":{"d":true}}}""")]
    [InlineData("""{"m":{"k1":"v1","k2":"v2","k3":"v3"}}""", """{"m":{"k1":"new","k4":"v4"}}""", """{"m":{"k2":"v2","k3":"v3","k1":"new","k4":"v4"}}""")]
    [InlineData("""{"a":null,"b":1}""", """{"a":{"x":1},"c":2}""", """{"a":{"x":1},"b":1,"c":2}""")]
    [InlineData("""{"a":[{"x":1}]}""", """{"a":[{"y":null}]}""", """{"a":[{"y":null}]}""")]
    [InlineData("""{"s":"caf\u00e9 <b>","n":1.50}""", """{"t":"\u65e5\u672c"}""", """{"s":"café <b>","n":1.50,"t":"日本"}""")]
    [InlineData("""{"ab":{"x":1},"c\u00e9":2}""", """{"a\u0062":{"y":2},"cé":3,"\u65e5":{"k":null}}""", """{"ab":{"x":1,"y":2},"cé":3,"日":{}}""")]
    public void The_streamed_merge_writes_what_the_document_merge_builds_member_order_included(string target, string patch, string expected)
    {
        var viaDocument = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))!.ToJsonString(new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        using var doc = JsonDocument.Parse(patch);
        var output = new ArrayBufferWriter<byte>();

        Assert.True(MergePatch.TryApply(Encoding.UTF8.GetBytes(target), doc.RootElement, output));
        Assert.Equal(expected, viaDocument);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void A_member_the_caller_replaces_anyway_is_left_out_unless_the_patch_names_it()
    {
        var target = Encoding.UTF8.GetBytes("""{"kind":"Pod","spec":{"a":1},"status":{"p":"Pending"}}""");
        using var statusOnly = JsonDocument.Parse("""{"status":{"p":"Running"}}""");
        using var withSpec = JsonDocument.Parse("""{"spec":{"a":2}}""");
        var output = new ArrayBufferWriter<byte>();

        Assert.True(MergePatch.TryApply(target, statusOnly.RootElement, output, omit: "spec"));
        Assert.Equal("""{"kind":"Pod","status":{"p":"Running"}}""", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.False(MergePatch.TryApply(target, withSpec.RootElement, new ArrayBufferWriter<byte>(), omit: "spec"));
    }

    [Theory]
    [InlineData("""[1,2]""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"b":{"c":1,"c":null}}""")]
    [InlineData("""{"a\u0062":1,"ab":2}""")]
    public void The_streamed_merge_declines_what_only_the_document_path_should_judge(string patch)
    {
        using var doc = JsonDocument.Parse(patch);
        Assert.False(MergePatch.TryApply("""{"a":0,"b":{}}"""u8.ToArray(), doc.RootElement, new ArrayBufferWriter<byte>()));
    }
}
