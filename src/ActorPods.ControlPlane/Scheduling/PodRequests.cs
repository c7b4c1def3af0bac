using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.ControlPlane.Scheduling;

/// <summary>
/// What a pod asks of a node, as the scheduler computes it (k8s.io/component-helpers/resource/helpers.go PodRequests):
/// the larger of the sum of app containers (plus restartable init "sidecars") and each plain init container
/// (plus the sidecars started before it), plus pod overhead.
/// </summary>
public readonly record struct PodRequests(long MilliCpu, long MemoryBytes)
{
    // pkg/scheduler/util/pod_resources.go: DefaultMilliCPURequest, DefaultMemoryRequest (used only for scoring).
    public const long DefaultMilliCpu = 100;
    public const long DefaultMemory = 200L * 1024 * 1024;

    public static PodRequests Of(Pod pod) => Compute(pod, nonZero: false);

    /// <summary>Requests with containers that request nothing counted at the scoring defaults.</summary>
    public static PodRequests NonZeroOf(Pod pod) => Compute(pod, nonZero: true);

    public static PodRequests operator +(PodRequests a, PodRequests b) => new(a.MilliCpu + b.MilliCpu, a.MemoryBytes + b.MemoryBytes);

    private static PodRequests Compute(Pod pod, bool nonZero)
    {
        var spec = pod.Spec;
        if (spec is null) return default;
        long cpu = 0, mem = 0;
        foreach (var c in spec.Containers ?? [])
        {
            var (cc, cm) = Of(c, nonZero);
            cpu += cc;
            mem += cm;
        }
        long sidecarCpu = 0, sidecarMem = 0, initCpu = 0, initMem = 0;
        foreach (var c in spec.InitContainers ?? [])
        {
            var (cc, cm) = Of(c, nonZero);
            if (c.RestartPolicy == "Always")
            {
                sidecarCpu += cc;
                sidecarMem += cm;
                initCpu = Math.Max(initCpu, sidecarCpu);
                initMem = Math.Max(initMem, sidecarMem);
            }
            else
            {
                initCpu = Math.Max(initCpu, sidecarCpu + cc);
                initMem = Math.Max(initMem, sidecarMem + cm);
            }
        }
        cpu = Math.Max(cpu + sidecarCpu, initCpu);
        mem = Math.Max(mem + sidecarMem, initMem);
        if (spec.Overhead is { } overhead)
        {
            cpu += overhead.Cpu().MilliValue();
            mem += overhead.Memory().Value();
        }
        return new PodRequests(cpu, mem);
    }

    private static (long Cpu, long Memory) Of(Container c, bool nonZero)
    {
        var requests = c.Resources?.Requests;
        var hasCpu = requests?.ContainsKey(ContainerResources.Cpu) == true;
        var hasMem = requests?.ContainsKey(ContainerResources.Memory) == true;
        var cpu = hasCpu ? requests.Cpu().MilliValue() : nonZero ? DefaultMilliCpu : 0;
        var mem = hasMem ? requests.Memory().Value() : nonZero ? DefaultMemory : 0;
        return (cpu, mem);
    }
}
