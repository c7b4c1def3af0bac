using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

public class FieldValidationModeTests
{
    private const string Yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox, imagePullPolicyy: Always}]\n";

    [Fact]
    public void Warn_mode_loads_and_reports_the_unknown_field()
    {
        var result = ManifestLoader.TryLoadText(Yaml, "t.yaml", new LoadOptions { FieldValidation = FieldValidation.Warn });
        Assert.True(result.Success);
        Assert.Single(result.Objects);
        var w = Assert.Single(result.Warnings);
        Assert.Equal("unknown field \"spec.containers[0].imagePullPolicyy\"", w.Message);
        Assert.Equal("did you mean \"imagePullPolicy\"?", w.Hint);
    }

    [Fact]
    public void Ignore_mode_is_silent_and_the_bool_shorthand_maps_to_the_modes()
    {
        var result = ManifestLoader.TryLoadText(Yaml, "t.yaml", LoadOptions.Lenient);
        Assert.True(result.Success);
        Assert.Empty(result.Warnings);
        Assert.Equal(FieldValidation.Ignore, new LoadOptions { RejectUnknownFields = false }.FieldValidation);
        Assert.True(LoadOptions.Strict.RejectUnknownFields);
    }
}
