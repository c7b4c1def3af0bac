using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>
/// The kubelet-owned pod conditions (pkg/kubelet/status/generate.go). lastTransitionTime is carried over from the
/// previous condition of the same type unless the status changed. Order: foreign conditions, PodReadyToStartContainers,
/// Initialized, Ready, ContainersReady, PodScheduled.
/// </summary>
/// <remarks>
/// Runs on every pod resync and container/probe change, so it is written as plain loops: no closures, no LINQ, and a
/// condition equal to the previous one of its type (status, reason, message; its lastTransitionTime is then carried
/// over anyway) is that previous object, so an unchanged pod allocates neither conditions nor message strings. The
/// objects are never mutated to other values: the carry-over below only ever writes a reused object's own time back.
/// </remarks>
public static class PodConditions
{
    private const string IncompletePrefix = "containers with incomplete status: [";
    private const string UnreadyPrefix = "containers with unready status: [";

    // Names collected for a message; per thread because actors of different pods run on different threads.
    [ThreadStatic] private static List<string>? t_names;

    public static List<PodCondition> Generate(Pod pod, List<ContainerStatus> init, List<ContainerStatus> app, string phase,
        bool sandboxReady, bool anyAppStarted, IReadOnlyList<PodCondition>? previous, DateTimeOffset now)
    {
        var spec = pod.Spec!;
        var prevCount = previous?.Count ?? 0;
        var result = new List<PodCondition>(prevCount > 5 ? prevCount + 1 : 6);
        for (var i = 0; i < prevCount; i++)
        {
            var c = previous![i];
            if (c.Type is not null && !IsKubeletOwned(c.Type)) result.Add(c);
        }

        result.Add(Make("PodReadyToStartContainers", sandboxReady ? "True" : "False", null, null, previous));
        result.Add(Initialized(spec, init, phase, anyAppStarted, previous));
        var containersReady = ContainersReady(spec, init, app, phase, previous);
        result.Add(Ready(spec, containersReady, previous));
        result.Add(containersReady);
        var scheduled = Find(previous, "PodScheduled");
        result.Add(scheduled is { Status: "True" } ? scheduled : Make("PodScheduled", "True", null, null, previous));

        for (var i = 0; i < result.Count; i++)
        {
            var c = result[i];
            var old = Find(previous, c.Type);
            var time = old is not null && old.Status == c.Status && old.LastTransitionTime is { } kept ? kept : c.LastTransitionTime ?? now;
            // A condition carried over keeps its time: it is not written at all, since it may be the api-server's
            // published snapshot, which other threads read (KubeletActor.WorkerCopy shares it when nothing here
            // would change it: NeedsRetiming).
            if (c.LastTransitionTime is { } t && t.EqualsExact(time)) continue;
            c.LastTransitionTime = time;
        }
        return result;
    }

    /// <summary>
    /// Whether <see cref="Generate"/> could write a time into one of these conditions when they come back as its
    /// previous ones: one without a lastTransitionTime gets one, and of two of a type the second may take the first's.
    /// Otherwise every condition it carries over keeps its time and is left as it is.
    /// </summary>
    public static bool NeedsRetiming(IReadOnlyList<PodCondition>? conditions)
    {
        if (conditions is null) return false;
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].LastTransitionTime is null) return true;
            for (var j = 0; j < i; j++)
                if (conditions[j].Type == conditions[i].Type) return true;
        }
        return false;
    }

    private static bool IsKubeletOwned(string type) =>
        type is "PodReadyToStartContainers" or "Initialized" or "Ready" or "ContainersReady" or "PodScheduled";

    /// <summary>The first condition of that type, as FirstOrDefault would find it.</summary>
    private static PodCondition? Find(IReadOnlyList<PodCondition>? conditions, string? type)
    {
        if (conditions is null) return null;
        for (var i = 0; i < conditions.Count; i++)
            if (conditions[i].Type == type) return conditions[i];
        return null;
    }

    /// <summary>
    /// A new condition, or the previous one of its type when that one would serialise identically to the new one once
    /// its lastTransitionTime is carried over (same status, reason and message, a time to carry, nothing else set).
    /// </summary>
    private static PodCondition Make(string type, string status, string? reason, string? message, IReadOnlyList<PodCondition>? previous)
    {
        if (Find(previous, type) is { } old && Reusable(old, status, reason) && old.Message == message) return old;
        return new() { Type = type, Status = status, Reason = reason, Message = message };
    }

    private static bool Reusable(PodCondition old, string status, string? reason) =>
        old.Status == status && old.Reason == reason && old.LastTransitionTime is not null
        && old.LastProbeTime is null && old.ObservedGeneration is null;

    /// <summary>Like Make for a "prefix[name name]" message, building the message only when the previous one differs.</summary>
    private static PodCondition MakeListed(string type, string reason, string prefix, List<string> names, IReadOnlyList<PodCondition>? previous)
    {
        if (Find(previous, type) is { } old && Reusable(old, "False", reason) && IsListMessage(old.Message, prefix, names)) return old;
        return new() { Type = type, Status = "False", Reason = reason, Message = prefix + string.Join(' ', names) + "]" };
    }

    private static bool IsListMessage(string? message, string prefix, List<string> names)
    {
        if (message is null || !message.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = message.AsSpan(prefix.Length);
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                if (rest.IsEmpty || rest[0] != ' ') return false;
                rest = rest[1..];
            }
            if (!rest.StartsWith(names[i], StringComparison.Ordinal)) return false;
            rest = rest[names[i].Length..];
        }
        return rest is "]";
    }

    private static List<string> Names()
    {
        var names = t_names ??= new List<string>(4);
        names.Clear();
        return names;
    }

    /// <summary>The status of the named container: the status lists follow the spec's order, so index i is tried first.</summary>
    private static ContainerStatus? StatusOf(List<ContainerStatus> statuses, string? name, int i)
    {
        if (i < statuses.Count && statuses[i].Name == name) return statuses[i];
        for (var j = 0; j < statuses.Count; j++)
            if (statuses[j].Name == name) return statuses[j];
        return null;
    }

    private static PodCondition Initialized(PodSpec spec, List<ContainerStatus> init, string phase, bool anyAppStarted, IReadOnlyList<PodCondition>? previous)
    {
        if (phase == "Succeeded") return Make("Initialized", "True", "PodCompleted", null, previous);
        if (anyAppStarted || spec.InitContainers is not { Count: > 0 } containers) return Make("Initialized", "True", null, null, previous);
        var incomplete = Names();
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var s = StatusOf(init, c.Name, i);
            var done = c.RestartPolicy == "Always"
                ? s?.Started == true
                : s?.State?.Terminated is { ExitCode: 0 };
            if (!done) incomplete.Add(c.Name ?? "");
        }
        return incomplete.Count == 0
            ? Make("Initialized", "True", null, null, previous)
            : MakeListed("Initialized", "ContainersNotInitialized", IncompletePrefix, incomplete, previous);
    }

    private static PodCondition ContainersReady(PodSpec spec, List<ContainerStatus> init, List<ContainerStatus> app, string phase, IReadOnlyList<PodCondition>? previous)
    {
        if (phase == "Succeeded") return Make("ContainersReady", "False", "PodCompleted", null, previous);
        if (phase == "Failed") return Make("ContainersReady", "False", "PodFailed", null, previous);
        var unready = Names();
        if (spec.InitContainers is { } inits)
            for (var i = 0; i < inits.Count; i++)
            {
                var c = inits[i];
                if (c.RestartPolicy != "Always") continue;
                if (StatusOf(init, c.Name, i)?.Ready != true) unready.Add(c.Name ?? "");
            }
        if (spec.Containers is { } containers)
            for (var i = 0; i < containers.Count; i++)
                if (StatusOf(app, containers[i].Name, i)?.Ready != true) unready.Add(containers[i].Name ?? "");
        return unready.Count == 0
            ? Make("ContainersReady", "True", null, null, previous)
            : MakeListed("ContainersReady", "ContainersNotReady", UnreadyPrefix, unready, previous);
    }

    private static PodCondition Ready(PodSpec spec, PodCondition containersReady, IReadOnlyList<PodCondition>? previous)
    {
        if (containersReady.Status != "True") return Make("Ready", "False", containersReady.Reason, containersReady.Message, previous);
        if (spec.ReadinessGates is { } gates)
            for (var i = 0; i < gates.Count; i++)
            {
                var gate = gates[i];
                var c = Find(previous, gate.ConditionType);
                if (c is null)
                    return Make("Ready", "False", "ReadinessGatesNotReady", $"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.", previous);
                if (c.Status != "True")
                    return Make("Ready", "False", "ReadinessGatesNotReady", $"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {c.Status}", previous);
            }
        return Make("Ready", "True", null, null, previous);
    }
}
