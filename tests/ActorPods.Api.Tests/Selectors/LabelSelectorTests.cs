using ActorPods.Api.Model;
using ActorPods.Api.Selectors;

namespace ActorPods.Api.Tests.Selectors;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };

    [Fact]
    public void Null_selector_matches_nothing_and_empty_matches_everything()
    {
        Assert.False(((LabelSelector?)null).Matches(Web));
        Assert.True(new LabelSelector().Matches(Web));
        Assert.True(new LabelSelector().Matches(null));
    }

    [Fact]
    public void MatchLabels_and_expressions_are_anded()
    {
        var s = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["front", "edge"] },
                new LabelSelectorRequirement { Key = "legacy", Operator = "DoesNotExist" },
                new LabelSelectorRequirement { Key = "env", Operator = "NotIn", Values = ["prod"] },
            ],
        };
        Assert.True(s.Matches(Web));
        Assert.False(s.Matches(new Dictionary<string, string>(Web) { ["legacy"] = "1" }));
        Assert.False(s.Matches(new Dictionary<string, string>(Web) { ["env"] = "prod" }));
        Assert.False(s.Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void Invalid_requirements_are_rejected()
    {
        var noValues = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "a", Operator = "In" }] };
        Assert.Throws<ArgumentException>(() => noValues.Matches(Web));
        var badOp = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "a", Operator = "Gt", Values = ["1"] }] };
        Assert.Throws<ArgumentException>(() => badOp.Matches(Web));
    }

    [Fact]
    public void Selector_maps_match_as_label_sets()
    {
        Assert.True(LabelSelectors.MatchesSet(new Dictionary<string, string> { ["app"] = "web" }, Web));
        Assert.False(LabelSelectors.MatchesSet(new Dictionary<string, string> { ["app"] = "db" }, Web));
        Assert.True(LabelSelectors.MatchesSet(new Dictionary<string, string>(), Web));
    }
}
