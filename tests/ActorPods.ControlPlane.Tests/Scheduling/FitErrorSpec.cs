using ActorPods.ControlPlane.Scheduling;

namespace ActorPods.ControlPlane.Tests.Scheduling;

public sealed class FitErrorSpec
{
    [Fact]
    public void Reasons_are_counted_and_sorted_as_strings_like_kube_scheduler()
    {
        var rejections = new[]
        {
            new NodeRejection(["Insufficient memory"], true),
            new NodeRejection(["Insufficient cpu", "Insufficient memory"], true),
            new NodeRejection(["Insufficient cpu"], true),
            new NodeRejection([NodeFilters.ReasonUnschedulable], false),
        };
        Assert.Equal(
            "0/4 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu, 2 Insufficient memory. " +
            "preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..",
            FitError.Message(4, rejections));
    }
}
