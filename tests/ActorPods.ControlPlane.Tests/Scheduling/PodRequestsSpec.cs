using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.ControlPlane.Scheduling;

namespace ActorPods.ControlPlane.Tests.Scheduling;

public sealed class PodRequestsSpec
{
    private static Container C(string name, string? cpu, string? memory = null, string? restartPolicy = null)
    {
        var requests = new Dictionary<string, Quantity>();
        if (cpu is not null) requests["cpu"] = Quantity.Parse(cpu);
        if (memory is not null) requests["memory"] = Quantity.Parse(memory);
        return new Container { Name = name, Image = "x", RestartPolicy = restartPolicy, Resources = new ResourceRequirements { Requests = requests } };
    }

    [Fact]
    public void App_containers_add_up_and_the_largest_init_container_wins_if_larger()
    {
        var pod = new Pod { Spec = new PodSpec { Containers = [C("a", "100m", "64Mi"), C("b", "200m")], InitContainers = [C("i", "500m", "32Mi")] } };
        Assert.Equal(new PodRequests(500, 64L * 1024 * 1024), PodRequests.Of(pod));
    }

    [Fact]
    public void Sidecars_run_alongside_the_app_containers()
    {
        var pod = new Pod { Spec = new PodSpec { Containers = [C("a", "100m")], InitContainers = [C("side", "50m", restartPolicy: "Always"), C("i", "120m")] } };
        Assert.Equal(170, PodRequests.Of(pod).MilliCpu);
    }

    [Fact]
    public void For_scoring_a_container_without_requests_counts_as_100m_and_200Mi()
    {
        var pod = new Pod { Spec = new PodSpec { Containers = [C("a", null)] } };
        Assert.Equal(new PodRequests(0, 0), PodRequests.Of(pod));
        Assert.Equal(new PodRequests(100, 200L * 1024 * 1024), PodRequests.NonZeroOf(pod));
    }
}
