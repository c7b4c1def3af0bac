using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

public class ManifestAliasTests
{
    [Fact]
    public void Unknown_alias_is_named()
    {
        var e = Assert.Single(ManifestLoader.TryLoadText("apiVersion: v1\nkind: Namespace\nmetadata: *meta\n", "t.yaml").Errors);
        Assert.Equal("error converting YAML to JSON: yaml: line 3: unknown anchor 'meta' referenced", e.Message);
    }
}
