using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.Scheduling;

/// <summary>
/// A node as the filters and the score read it, converted once per watch event rather than once per pod per node:
/// its allocatable as numbers, whether it is cordoned, and its effective NoSchedule/NoExecute taints in order
/// (<see cref="NodeFilters.EffectiveTaints"/>). <see cref="Usage"/> is what the scheduler counts on it.
/// </summary>
public sealed class SchedulingNode
{
    public SchedulingNode(Node node, NodeTotals usage)
    {
        Node = node;
        Name = node.Metadata?.Name ?? "";
        Allocatable = NodeAllocatable.Of(node);
        Unschedulable = node.Spec?.Unschedulable == true;
        BlockingTaints = NodeFilters.EffectiveTaints(node).Where(t => t.Effect is "NoSchedule" or "NoExecute").ToArray();
        TaintRejections = new NodeRejection?[BlockingTaints.Length];
        Usage = usage;
    }

    public Node Node { get; }

    public string Name { get; }

    public NodeAllocatable Allocatable { get; }

    public bool Unschedulable { get; }

    public Taint[] BlockingTaints { get; }

    /// <summary>The rejection for each of <see cref="BlockingTaints"/>, built the first time a pod does not tolerate it
    /// (the same message for every pod: one object instead of one per pod per node while a node is tainted).</summary>
    internal NodeRejection?[] TaintRejections { get; }

    public NodeTotals Usage { get; }
}

/// <summary>
/// What the scheduler counts on one node name: the requests of the pods bound or assumed there that have not finished
/// (as the scheduler cache's NodeInfo.Requested / NonZeroRequested / Pods), kept current as pods come and go.
/// </summary>
public sealed class NodeTotals
{
    public PodRequests Requested { get; private set; }

    public PodRequests NonZero { get; private set; }

    public int Pods { get; private set; }

    internal void Add(PodRequests requested, PodRequests nonZero)
    {
        Requested += requested;
        NonZero += nonZero;
        Pods++;
    }

    internal void Subtract(PodRequests requested, PodRequests nonZero)
    {
        Requested = new PodRequests(Requested.MilliCpu - requested.MilliCpu, Requested.MemoryBytes - requested.MemoryBytes);
        NonZero = new PodRequests(NonZero.MilliCpu - nonZero.MilliCpu, NonZero.MemoryBytes - nonZero.MemoryBytes);
        Pods--;
    }
}
