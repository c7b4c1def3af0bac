using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.ControlPlane.Scheduling;

/// <summary>Why a node cannot take a pod. <see cref="Resolvable"/>: preemption could help (resources), as
/// framework.Unschedulable versus UnschedulableAndUnresolvable.</summary>
public sealed record NodeRejection(IReadOnlyList<string> Reasons, bool Resolvable);

/// <summary>Resources already claimed on a node: the requests of the pods bound to it (and those being bound).</summary>
public readonly record struct NodeUsage(PodRequests Requested, int Pods);

/// <summary>A node's allocatable (else capacity) cpu, memory and pods as numbers.</summary>
public readonly record struct NodeAllocatable(long MilliCpu, long MemoryBytes, long Pods)
{
    public static NodeAllocatable Of(Node node)
    {
        var allocatable = node.Status?.Allocatable ?? node.Status?.Capacity;
        return new NodeAllocatable(allocatable.Cpu().MilliValue(), allocatable.Memory().Value(), allocatable.Pods().Value());
    }
}

/// <summary>
/// The default profile's filter plugins that apply here, in their order (pkg/scheduler/apis/config/v1/default_plugins.go):
/// NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector and required node affinity), NodeResourcesFit.
/// A node fails at its first failing plugin; the reason texts are the plugins' own (pkg/scheduler/framework/plugins).
/// </summary>
public static class NodeFilters
{
    public const string ReasonUnschedulable = "node(s) were unschedulable";
    public const string ReasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector";
    public const string ReasonTooManyPods = "Too many pods";

    public const string TaintNotReady = "node.kubernetes.io/not-ready";
    public const string TaintUnreachable = "node.kubernetes.io/unreachable";
    public const string TaintUnschedulable = "node.kubernetes.io/unschedulable";

    public static NodeRejection? Check(Pod pod, PodRequests requests, Node node, NodeUsage usage) =>
        Check(pod, requests, node, usage, NodeAllocatable.Of(node));

    /// <summary>As above with the node's allocatable already converted (the scheduler keeps it per node).</summary>
    public static NodeRejection? Check(Pod pod, PodRequests requests, Node node, NodeUsage usage, NodeAllocatable allocatable) =>
        Check(pod, requests, node, node.Spec?.Unschedulable == true, EffectiveTaints(node).ToArray(), null, usage, allocatable);

    /// <summary>As above with everything the scheduler keeps per node (<see cref="SchedulingNode"/>).</summary>
    public static NodeRejection? Check(Pod pod, PodRequests requests, SchedulingNode node, NodeUsage usage) =>
        Check(pod, requests, node.Node, node.Unschedulable, node.BlockingTaints, node.TaintRejections, usage, node.Allocatable);

    /// <summary>TaintToleration's rejection for an untolerated taint: "node(s) had untolerated taint {%s: %s}"
    /// (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).</summary>
    public static NodeRejection UntoleratedTaint(Taint taint) =>
        new([$"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}"], false);

    // Runs once per node per pod: nothing is allocated unless the node is rejected, and a rejection for a taint is
    // built once per node (taintRejections, parallel to taints) when the caller keeps one.
    private static NodeRejection? Check(Pod pod, PodRequests requests, Node node, bool unschedulable, Taint[] taints,
        NodeRejection?[]? taintRejections, NodeUsage usage, NodeAllocatable allocatable)
    {
        var spec = pod.Spec;
        var tolerations = spec?.Tolerations;

        if (unschedulable && !Tolerated(tolerations, new Taint { Key = TaintUnschedulable, Effect = "NoSchedule" }))
            return new NodeRejection([ReasonUnschedulable], false);

        for (var i = 0; i < taints.Length; i++)
        {
            var taint = taints[i];
            if (taint.Effect is not ("NoSchedule" or "NoExecute")) continue;
            if (Tolerated(tolerations, taint)) continue;
            if (taintRejections is null) return UntoleratedTaint(taint);
            return taintRejections[i] ??= UntoleratedTaint(taint);
        }

        if (spec is not null && !MatchesNodeSelector(spec, node)) return new NodeRejection([ReasonNodeAffinity], false);

        var tooManyPods = usage.Pods + 1 > allocatable.Pods;
        var cpu = requests.MilliCpu > 0 && requests.MilliCpu > allocatable.MilliCpu - usage.Requested.MilliCpu;
        var memory = requests.MemoryBytes > 0 && requests.MemoryBytes > allocatable.MemoryBytes - usage.Requested.MemoryBytes;
        if (!tooManyPods && !cpu && !memory) return null;
        var reasons = new List<string>(3);
        if (tooManyPods) reasons.Add(ReasonTooManyPods);
        if (cpu) reasons.Add("Insufficient cpu");
        if (memory) reasons.Add("Insufficient memory");
        return new NodeRejection(reasons, true);
    }

    private static bool Tolerated(List<Toleration>? tolerations, Taint taint)
    {
        if (tolerations is null) return false;
        foreach (var t in tolerations)
            if (Tolerates(t, taint)) return true;
        return false;
    }

    /// <summary>
    /// The node's taints, plus the not-ready / unreachable NoSchedule taint the node lifecycle controller would have
    /// put on a node whose Ready condition is False / Unknown (we run no such controller yet).
    /// </summary>
    public static IEnumerable<Taint> EffectiveTaints(Node node)
    {
        var taints = node.Spec?.Taints ?? [];
        foreach (var t in taints) yield return t;
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;
        var implied = ready switch
        {
            "True" => null,
            "False" => TaintNotReady,
            _ => TaintUnreachable,
        };
        if (implied is not null && !taints.Any(t => t.Key == implied && t.Effect == "NoSchedule"))
            yield return new Taint { Key = implied, Effect = "NoSchedule" };
    }

    /// <summary>v1.Toleration.ToleratesTaint.</summary>
    public static bool Tolerates(Toleration t, Taint taint)
    {
        if (!string.IsNullOrEmpty(t.Effect) && t.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(t.Key) && t.Key != taint.Key) return false;
        return t.Operator switch
        {
            "Exists" => true,
            "Equal" or "" or null => (t.Value ?? "") == (taint.Value ?? "") && !string.IsNullOrEmpty(t.Key),
            _ => false,
        };
    }

    private static bool MatchesNodeSelector(PodSpec spec, Node node)
    {
        if (spec.NodeSelector is not { Count: > 0 } && spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms is not { Count: > 0 })
            return true;
        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        foreach (var (k, v) in spec.NodeSelector ?? [])
            if (!labels.TryGetValue(k, out var actual) || actual != v) return false;
        var required = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required?.NodeSelectorTerms is not { Count: > 0 } terms) return true;
        return AnyTermMatches(terms, labels, node.Metadata?.Name ?? "");
    }

    // A loop, not terms.Any(lambda): a lambda capturing the parameters would allocate its closure on every call,
    // before the early returns above; this runs once per node per pod.
    private static bool AnyTermMatches(List<NodeSelectorTerm> terms, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        foreach (var term in terms)
            if (TermMatches(term, labels, nodeName)) return true;
        return false;
    }

    private static bool TermMatches(NodeSelectorTerm term, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0) return false;
        foreach (var r in expressions)
            if (!RequirementMatches(r, labels.TryGetValue(r.Key ?? "", out var v) ? v : null)) return false;
        foreach (var r in fields)
            if (!RequirementMatches(r, r.Key == "metadata.name" ? nodeName : null)) return false;
        return true;
    }

    private static bool RequirementMatches(NodeSelectorRequirement r, string? value)
    {
        var values = r.Values ?? [];
        return r.Operator switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => value is not null && long.TryParse(value, out var a) && values.Count == 1 && long.TryParse(values[0], out var b) && a > b,
            "Lt" => value is not null && long.TryParse(value, out var c) && values.Count == 1 && long.TryParse(values[0], out var d) && c < d,
            _ => false,
        };
    }
}
