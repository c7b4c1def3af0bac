using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.ControlPlane.Scheduling;

/// <summary>
/// NodeResourcesFit's default scoring strategy, LeastAllocated (pkg/scheduler/framework/plugins/noderesources/least_allocated.go):
/// per resource (cpu and memory, weight 1 each) (allocatable - requested) * 100 / allocatable with the incoming pod's
/// non-zero requests included, averaged. Higher is better.
/// </summary>
public static class LeastAllocated
{
    public const long MaxNodeScore = 100;

    public static long Score(Node node, PodRequests usedNonZero, PodRequests podNonZero) =>
        Score(NodeAllocatable.Of(node), usedNonZero, podNonZero);

    public static long Score(NodeAllocatable allocatable, PodRequests usedNonZero, PodRequests podNonZero)
    {
        var cpu = ResourceScore(usedNonZero.MilliCpu + podNonZero.MilliCpu, allocatable.MilliCpu);
        var memory = ResourceScore(usedNonZero.MemoryBytes + podNonZero.MemoryBytes, allocatable.MemoryBytes);
        return (cpu + memory) / 2;
    }

    private static long ResourceScore(long requested, long capacity)
    {
        if (capacity == 0 || requested > capacity) return 0;
        return (capacity - requested) * MaxNodeScore / capacity;
    }
}
