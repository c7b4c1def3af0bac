using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>
/// The kubelet-owned pod conditions (pkg/kubelet/status/generate.go). lastTransitionTime is carried over from the
/// previous condition of the same type unless the status changed. Order: foreign conditions, PodReadyToStartContainers,
/// Initialized, Ready, ContainersReady, PodScheduled.
/// </summary>
public static class PodConditions
{
    private static readonly HashSet<string> KubeletOwned = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

    public static List<PodCondition> Generate(Pod pod, List<ContainerStatus> init, List<ContainerStatus> app, string phase,
        bool sandboxReady, bool anyAppStarted, IReadOnlyList<PodCondition>? previous, DateTimeOffset now)
    {
        var spec = pod.Spec!;
        var result = new List<PodCondition>();
        foreach (var c in previous ?? [])
            if (c.Type is not null && !KubeletOwned.Contains(c.Type)) result.Add(c);

        result.Add(Make("PodReadyToStartContainers", sandboxReady, null, null));
        result.Add(Initialized(spec, init, phase, anyAppStarted));
        var containersReady = ContainersReady(spec, init, app, phase);
        result.Add(Ready(spec, containersReady, previous));
        result.Add(containersReady);
        var scheduled = previous?.FirstOrDefault(c => c.Type == "PodScheduled");
        result.Add(scheduled is { Status: "True" } ? scheduled : Make("PodScheduled", true, null, null));

        foreach (var c in result)
        {
            var old = previous?.FirstOrDefault(p => p.Type == c.Type);
            c.LastTransitionTime = old is not null && old.Status == c.Status && old.LastTransitionTime is not null ? old.LastTransitionTime : c.LastTransitionTime ?? now;
        }
        return result;
    }

    private static PodCondition Make(string type, bool status, string? reason, string? message) =>
        new() { Type = type, Status = status ? "True" : "False", Reason = reason, Message = message };

    private static PodCondition Initialized(PodSpec spec, List<ContainerStatus> init, string phase, bool anyAppStarted)
    {
        if (phase == "Succeeded") return Make("Initialized", true, "PodCompleted", null);
        if (anyAppStarted || spec.InitContainers is not { Count: > 0 }) return Make("Initialized", true, null, null);
        var incomplete = new List<string>();
        foreach (var c in spec.InitContainers)
        {
            var s = init.FirstOrDefault(x => x.Name == c.Name);
            var done = c.RestartPolicy == "Always"
                ? s?.Started == true
                : s?.State?.Terminated is { ExitCode: 0 };
            if (!done) incomplete.Add(c.Name ?? "");
        }
        return incomplete.Count == 0
            ? Make("Initialized", true, null, null)
            : Make("Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]");
    }

    private static PodCondition ContainersReady(PodSpec spec, List<ContainerStatus> init, List<ContainerStatus> app, string phase)
    {
        var unready = new List<string>();
        foreach (var c in spec.InitContainers ?? [])
        {
            if (c.RestartPolicy != "Always") continue;
            if (init.FirstOrDefault(x => x.Name == c.Name)?.Ready != true) unready.Add(c.Name ?? "");
        }
        foreach (var c in spec.Containers ?? [])
            if (app.FirstOrDefault(x => x.Name == c.Name)?.Ready != true) unready.Add(c.Name ?? "");
        if (phase == "Succeeded") return Make("ContainersReady", false, "PodCompleted", null);
        if (phase == "Failed") return Make("ContainersReady", false, "PodFailed", null);
        return unready.Count == 0
            ? Make("ContainersReady", true, null, null)
            : Make("ContainersReady", false, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
    }

    private static PodCondition Ready(PodSpec spec, PodCondition containersReady, IReadOnlyList<PodCondition>? previous)
    {
        if (containersReady.Status != "True") return Make("Ready", false, containersReady.Reason, containersReady.Message);
        foreach (var gate in spec.ReadinessGates ?? [])
        {
            var c = previous?.FirstOrDefault(p => p.Type == gate.ConditionType);
            if (c is null)
                return Make("Ready", false, "ReadinessGatesNotReady", $"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.");
            if (c.Status != "True")
                return Make("Ready", false, "ReadinessGatesNotReady", $"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {c.Status}");
        }
        return Make("Ready", true, null, null);
    }
}
