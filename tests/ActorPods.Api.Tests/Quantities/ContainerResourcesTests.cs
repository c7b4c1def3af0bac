using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Tests.Quantities;

/// <summary>Expectations follow k8s.io/kubernetes/pkg/api/v1/resource/helpers_test.go (TestExtractResourceValue).</summary>
public class ContainerResourcesTests
{
    private static ResourceRequirements Resources(string? cpuLimit = null, string? memLimit = null, string? cpuRequest = null, string? memRequest = null)
    {
        static Dictionary<string, Quantity>? List(string? cpu, string? mem)
        {
            var d = new Dictionary<string, Quantity>();
            if (cpu is not null) d["cpu"] = Quantity.Parse(cpu);
            if (mem is not null) d["memory"] = Quantity.Parse(mem);
            return d.Count == 0 ? null : d;
        }
        return new ResourceRequirements { Limits = List(cpuLimit, memLimit), Requests = List(cpuRequest, memRequest) };
    }

    private static string Value(string resource, string? divisor, ResourceRequirements r) =>
        ContainerResources.ExtractContainerResourceValue(
            new ResourceFieldSelector { Resource = resource, Divisor = divisor is null ? null : Quantity.Parse(divisor) }, r);

    [Theory]
    [InlineData("limits.cpu", null, "9", "9")]
    [InlineData("limits.cpu", "1m", "250m", "250")]
    [InlineData("limits.cpu", "1", "250m", "1")]
    [InlineData("limits.cpu", "100m", "1.05", "11")]
    [InlineData("requests.cpu", null, "125m", "1")]
    [InlineData("requests.cpu", "1m", "125m", "125")]
    [InlineData("limits.memory", null, "64Mi", "67108864")]
    [InlineData("limits.memory", "1Mi", "64Mi", "64")]
    [InlineData("limits.memory", "1Mi", "1G", "954")]
    [InlineData("requests.memory", "1Mi", "32Mi", "32")]
    [InlineData("requests.memory", "1Gi", "100Mi", "1")]
    public void Rounds_up_after_dividing(string resource, string? divisor, string amount, string expected)
    {
        var r = resource switch
        {
            "limits.cpu" => Resources(cpuLimit: amount),
            "requests.cpu" => Resources(cpuRequest: amount),
            "limits.memory" => Resources(memLimit: amount),
            _ => Resources(memRequest: amount),
        };
        Assert.Equal(expected, Value(resource, divisor, r));
    }

    [Fact]
    public void Unset_values_are_zero_and_unknown_resources_are_rejected()
    {
        Assert.Equal("0", Value("requests.cpu", null, new ResourceRequirements()));
        var ex = Assert.Throws<ArgumentException>(() => Value("limits.gpu", null, new ResourceRequirements()));
        Assert.StartsWith("unsupported container resource : limits.gpu", ex.Message);
    }

    [Fact]
    public void Missing_limits_fall_back_to_node_allocatable()
    {
        var pod = new Pod
        {
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "app", Resources = Resources(cpuLimit: "500m") }],
            },
        };
        var allocatable = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4"), ["memory"] = Quantity.Parse("8Gi") };
        string Get(string resource, string divisor) => ContainerResources.ExtractResourceValueByContainerNameAndNodeAllocatable(
            new ResourceFieldSelector { Resource = resource, Divisor = Quantity.Parse(divisor) }, pod, "app", allocatable);

        Assert.Equal("500", Get("limits.cpu", "1m"));
        Assert.Equal("8192", Get("limits.memory", "1Mi"));
        Assert.Throws<ArgumentException>(() => ContainerResources.ExtractResourceValueByContainerNameAndNodeAllocatable(
            new ResourceFieldSelector { Resource = "limits.cpu" }, pod, "nope", allocatable));
    }
}
