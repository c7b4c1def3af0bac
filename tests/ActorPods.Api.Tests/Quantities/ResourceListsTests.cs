using ActorPods.Api.Quantities;

namespace ActorPods.Api.Tests.Quantities;

public class ResourceListsTests
{
    [Fact]
    public void Missing_resources_read_as_zero_and_present_ones_as_written()
    {
        var list = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("64Mi") };
        Assert.Equal(250, list.Cpu().MilliValue());
        Assert.Equal(64L << 20, list.Memory().Value());
        Assert.True(list.Pods().IsZero);
        Assert.True(((IReadOnlyDictionary<string, Quantity>?)null).Cpu().IsZero);
        Assert.Equal(QuantityFormat.BinarySI, ((IReadOnlyDictionary<string, Quantity>?)null).Memory().Format);
    }

    [Fact]
    public void Sums_keep_each_resource_separate()
    {
        var total = new Dictionary<string, Quantity>()
            .AddInto(new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("64Mi") })
            .AddInto(new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("1.5") })
            .AddInto(null);
        Assert.Equal("1750m", total["cpu"].ToString());
        Assert.Equal("64Mi", total["memory"].ToString());
    }
}
